package io.xueliang.synth.plate;

import java.util.List;

/** No installed font can draw a character the plate needs (usually the CJK province character). */
public final class PlateFontUnavailableException extends RuntimeException {
    private final String character;
    private final List<String> tried;

    public PlateFontUnavailableException(String character, List<String> tried) {
        super("no font can display '" + character + "' (tried " + tried
                + "); install a CJK font, e.g. Debian fonts-wqy-zenhei");
        this.character = character;
        this.tried = List.copyOf(tried);
    }

    public String character() {
        return character;
    }

    public List<String> tried() {
        return tried;
    }
}
