package io.xueliang.synth.plate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws Chinese licence plates after GA 36-2018: outline, colours, character cells of 45 x 90 mm
 * (43 mm on new-energy plates) with the separator dot after the second character.
 *
 * <pre>
 *   blue / yellow, 440 x 140 mm, 7 characters:
 *   +------------------------------------------------------------+
 *   | [湘] [C]  ·  [1] [2] [3] [4] [5]                            |  cells 45 x 90, spacing 12,
 *   +------------------------------------------------------------+  gap with dot 34, margins 15.5
 *   new energy, 480 x 140 mm, 8 characters: [湘] [C] · [D] [1] [2] [3] [4] [5], cells 43 x 90, spacing 9
 * </pre>
 *
 * The GA 36 typeface is not freely available; letters and digits are drawn from a condensed bold
 * sans-serif whose outlines are stretched to the tall character cell, which gives the narrow, even
 * strokes of real plates. The province character comes from a CJK font and fills its cell.
 * Glyph outlines are cached, so drawing many plates is cheap. Instances are not thread-safe.
 */
public final class ChinesePlateRenderer {
    private static final String DEFAULT_LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf";
    private static final double CHAR_HEIGHT_MM = 90;
    private static final double CHAR_TOP_MM = 25;
    private static final Color BLUE = new Color(0x0B, 0x3E, 0xA8);
    private static final Color YELLOW = new Color(0xF5, 0xC2, 0x00);
    private static final Color NE_TOP = new Color(0xF2, 0xFA, 0xF2);
    private static final Color NE_BOTTOM = new Color(0x2E, 0xB8, 0x5C);

    private final Font cjkFont;
    private final Font latinFont;
    private final FontRenderContext frc = new FontRenderContext(null, true, true);
    /** Latin glyphs are scaled to the cell height and by this factor less in width, so a "0" fills 85 % of the cell. */
    private final double latinCondense;
    private final Map<String, Shape> outlines = new HashMap<>();

    /** Uses wqy-zenhei for the province character when present, else any installed font that can draw it. */
    public ChinesePlateRenderer() {
        this(CjkFont.find(), findLatinFont());
    }

    /**
     * @param cjkFont font for the province character (must display CJK ideographs)
     * @param latinFont font for letters and digits, ideally a condensed bold sans-serif
     */
    public ChinesePlateRenderer(Font cjkFont, Font latinFont) {
        this.cjkFont = cjkFont.deriveFont(Font.PLAIN, 100f);
        this.latinFont = latinFont.deriveFont(100f);
        double cap = latinOutline("H").getBounds2D().getHeight();
        double zero = latinOutline("0").getBounds2D().getWidth();
        double uniform = CHAR_HEIGHT_MM / cap;
        // digits fill about 85 % of the cell width, as in GA 36; wider letters are squeezed further below
        latinCondense = Math.min(1.0, (43 * 0.85) / (zero * uniform));
    }

    /** Renders a plate {@code widthPx} wide, height following the plate's aspect ratio, on a transparent background. */
    public BufferedImage render(PlateSpec spec, int widthPx) {
        if (widthPx < 8) {
            throw new IllegalArgumentException("plate width " + widthPx + " px is below 8 px");
        }
        int heightPx = (int) Math.round(widthPx / spec.type().aspectRatio());
        BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, spec, 0, 0, widthPx);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws the plate with its top-left corner at (x, y) and the given width, in {@code g}'s user space. */
    public void draw(Graphics2D g, PlateSpec spec, double x, double y, double width) {
        PlateType type = spec.type();
        AffineTransform saved = g.getTransform();
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        try {
            g.translate(x, y);
            double mm = width / type.widthMm();
            g.scale(mm, mm);
            drawBackground(g, type);
            drawCharacters(g, spec);
        } finally {
            g.setTransform(saved);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        }
    }

    private void drawBackground(Graphics2D g, PlateType type) {
        double w = type.widthMm();
        double h = type.heightMm();
        RoundRectangle2D outline = new RoundRectangle2D.Double(0, 0, w, h, 14, 14);
        Color ink;
        switch (type) {
            case BLUE -> {
                g.setColor(BLUE);
                ink = Color.WHITE;
            }
            case YELLOW -> {
                g.setColor(YELLOW);
                ink = Color.BLACK;
            }
            case GREEN_NEW_ENERGY -> {
                g.setPaint(new GradientPaint(0, 0, NE_TOP, 0, (float) h, NE_BOTTOM));
                ink = Color.BLACK;
            }
            default -> throw new IllegalStateException("unhandled plate type " + type);
        }
        g.fill(outline);
        g.setColor(ink);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(new RoundRectangle2D.Double(4, 4, w - 8, h - 8, 10, 10));
        // Two mounting screws in the upper band, as on real plates.
        g.setColor(type == PlateType.BLUE ? new Color(0xC8, 0xCC, 0xD4) : new Color(0x70, 0x70, 0x70));
        g.fill(new Ellipse2D.Double(w * 0.22 - 4, 10, 8, 8));
        g.fill(new Ellipse2D.Double(w * 0.78 - 4, 10, 8, 8));
    }

    private void drawCharacters(Graphics2D g, PlateSpec spec) {
        PlateType type = spec.type();
        boolean ne = type == PlateType.GREEN_NEW_ENERGY;
        double cellW = ne ? 43 : 45;
        double spacing = ne ? 9 : 12;
        double gap = 34;
        int n = type.characters();
        double used = n * cellW + (n - 2) * spacing + gap;
        double left = (type.widthMm() - used) / 2;
        g.setColor(type == PlateType.BLUE ? Color.WHITE : Color.BLACK);
        String text = spec.text();
        double cx = left;
        for (int i = 0; i < n; i++) {
            String ch = text.substring(i, i + 1);
            Shape glyph = i == 0 ? cjkInCell(ch, cellW) : latinInCell(ch, cellW);
            AffineTransform at = AffineTransform.getTranslateInstance(cx, CHAR_TOP_MM);
            g.fill(at.createTransformedShape(glyph));
            if (i == 1) {
                double dotX = cx + cellW + gap / 2;
                g.fill(new Ellipse2D.Double(dotX - 5, type.heightMm() / 2.0 - 5, 10, 10));
                cx += cellW + gap;
            } else {
                cx += cellW + spacing;
            }
        }
    }

    /** The province character stretched to fill its cell, as plate typefaces do. */
    private Shape cjkInCell(String ch, double cellW) {
        return outlines.computeIfAbsent("cjk:" + ch + ":" + cellW, k -> {
            if (cjkFont.canDisplayUpTo(ch) != -1) {
                throw new PlateFontUnavailableException(ch, List.of(cjkFont.getFontName()));
            }
            Shape raw = cjkFont.createGlyphVector(frc, ch).getOutline();
            Rectangle2D b = raw.getBounds2D();
            AffineTransform at = new AffineTransform();
            at.scale(cellW / b.getWidth(), CHAR_HEIGHT_MM / b.getHeight());
            at.translate(-b.getX(), -b.getY());
            return at.createTransformedShape(raw);
        });
    }

    /** A letter or digit scaled to the cell's height, condensed, centred in the cell's width. */
    private Shape latinInCell(String ch, double cellW) {
        return outlines.computeIfAbsent("lat:" + ch + ":" + cellW, k -> {
            Shape raw = latinOutline(ch);
            Shape cap = latinOutline("H");
            Rectangle2D capBounds = cap.getBounds2D();
            Rectangle2D b = raw.getBounds2D();
            double sy = CHAR_HEIGHT_MM / capBounds.getHeight();
            double sx = Math.min(sy * latinCondense, cellW * 0.98 / b.getWidth());
            AffineTransform at = new AffineTransform();
            at.translate(cellW / 2, 0);
            at.scale(sx, sy);
            // cap top at the cell top; horizontal centre of the glyph at the cell centre
            at.translate(-b.getCenterX(), -capBounds.getY());
            return at.createTransformedShape(raw);
        });
    }

    private Shape latinOutline(String ch) {
        return latinFont.createGlyphVector(frc, ch).getOutline();
    }

    private static Font findLatinFont() {
        File f = new File(DEFAULT_LATIN_FONT);
        if (f.isFile()) {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, f);
            } catch (java.awt.FontFormatException | IOException e) {
                // fall through to the logical font
            }
        }
        return new Font(Font.SANS_SERIF, Font.BOLD, 100);
    }
}
