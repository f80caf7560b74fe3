package io.xueliang.synth.plate;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds a font that draws Chinese province characters: wqy-zenhei when installed, else any installed font. */
public final class CjkFont {
    /** Debian's fonts-wqy-zenhei, the preferred CJK font. */
    public static final String PREFERRED_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    private static final String PROBE = "湘粤京";

    private CjkFont() {
    }

    /**
     * Returns a 1-point plain font that displays CJK ideographs.
     *
     * @throws PlateFontUnavailableException naming what was tried when no font qualifies
     */
    public static Font find() {
        List<String> tried = new ArrayList<>();
        File preferred = new File(PREFERRED_FILE);
        tried.add(preferred.getPath());
        if (preferred.isFile()) {
            try {
                for (Font f : Font.createFonts(preferred)) {
                    if (f.canDisplayUpTo(PROBE) == -1) {
                        return f;
                    }
                }
            } catch (FontFormatException | IOException e) {
                tried.set(0, preferred.getPath() + " (" + e.getMessage() + ")");
            }
        }
        for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
            // Logical fonts (Dialog, SansSerif...) may map CJK through fallbacks that differ per machine; skip them.
            if (!isLogical(f) && f.canDisplayUpTo(PROBE) == -1) {
                return f;
            }
            if (tried.size() < 12) {
                tried.add(f.getFontName());
            }
        }
        throw new PlateFontUnavailableException(PROBE, tried);
    }

    private static boolean isLogical(Font f) {
        String family = f.getFamily();
        return family.equals(Font.DIALOG) || family.equals(Font.DIALOG_INPUT) || family.equals(Font.SANS_SERIF)
                || family.equals(Font.SERIF) || family.equals(Font.MONOSPACED);
    }
}
