package io.xueliang.analytics.plate;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.synth.plate.ChinesePlateRenderer;
import io.xueliang.synth.plate.PlateSpec;
import io.xueliang.synth.plate.PlateType;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.awt.image.RescaleOp;
import java.util.Random;

/** Plate crops drawn by the synth renderer, with a little border, blur and lighting, for reader tests. */
public final class RenderedPlates {
    static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";

    private final ChinesePlateRenderer renderer = new ChinesePlateRenderer();

    /** A random valid plate number of {@code type}. */
    public static String plateNumber(PlateType type, Random random) {
        StringBuilder s = new StringBuilder();
        s.append(PROVINCES.charAt(random.nextInt(PROVINCES.length())));
        s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        if (type == PlateType.GREEN_NEW_ENERGY) {
            s.append(random.nextBoolean() ? 'D' : 'F');
            String any = LETTERS + DIGITS;
            s.append(any.charAt(random.nextInt(any.length())));
            for (int i = 0; i < 4; i++) {
                s.append(DIGITS.charAt(random.nextInt(10)));
            }
        } else {
            String any = LETTERS + DIGITS + DIGITS; // digits are commoner on real plates
            for (int i = 0; i < 5; i++) {
                s.append(any.charAt(random.nextInt(any.length())));
            }
        }
        return s.toString();
    }

    /**
     * The plate {@code widthPx} wide on a grey surround of 4 % each side, blurred by a box of {@code blur} pixels
     * (0 for none) and its brightness scaled by {@code brightness}.
     */
    public BgrImage crop(String text, PlateType type, int widthPx, int blur, double brightness) {
        BufferedImage plate = renderer.render(new PlateSpec(text, type), widthPx);
        int margin = Math.max(1, widthPx / 25);
        BufferedImage out = new BufferedImage(plate.getWidth() + 2 * margin, plate.getHeight() + 2 * margin,
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(90, 90, 90));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(plate, margin, margin, null);
        } finally {
            g.dispose();
        }
        if (blur > 1) {
            float[] kernel = new float[blur * blur];
            java.util.Arrays.fill(kernel, 1f / kernel.length);
            out = new ConvolveOp(new Kernel(blur, blur, kernel), ConvolveOp.EDGE_NO_OP, null).filter(out, null);
        }
        if (brightness != 1.0) {
            out = new RescaleOp((float) brightness, 0f, null).filter(out, null);
        }
        return BgrImage.of(out);
    }
}
