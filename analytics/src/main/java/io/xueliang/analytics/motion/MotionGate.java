package io.xueliang.analytics.motion;

import io.xueliang.analytics.image.BgrImage;
import java.util.Objects;

/**
 * Tells whether anything moves in a camera's region of interest, so plate detection runs only when it may find a
 * vehicle: the picture's luma is averaged down to {@link MotionSettings#analysisWidth()}, each pixel of the region
 * compared with a slowly updated background (a running average), and motion reported when enough of them differ by
 * more than the threshold. Stopped vehicles fade into the background; the first picture only sets the background.
 *
 * <p>One camera's; not thread-safe (run it on the camera's frame source thread).
 */
public final class MotionGate {
    private final MotionSettings settings;
    private float[] background;
    private int[] luma;
    private int width;
    private int height;
    private double lastChangedShare;

    public MotionGate(MotionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public MotionSettings settings() {
        return settings;
    }

    /** True when the share of changed pixels in the region reaches the minimum; updates the background. */
    public boolean moving(BgrImage image) {
        int aw = Math.min(settings.analysisWidth(), image.width());
        int ah = Math.max(1, (int) Math.round((double) image.height() * aw / image.width()));
        RegionOfInterest r = settings.region();
        int x0 = Math.min(aw - 1, (int) Math.floor(r.x() * aw));
        int y0 = Math.min(ah - 1, (int) Math.floor(r.y() * ah));
        int x1 = Math.max(x0 + 1, Math.min(aw, (int) Math.ceil((r.x() + r.width()) * aw)));
        int y1 = Math.max(y0 + 1, Math.min(ah, (int) Math.ceil((r.y() + r.height()) * ah)));
        int w = x1 - x0;
        int h = y1 - y0;
        boolean fresh = background == null || w != width || h != height;
        if (fresh) {
            width = w;
            height = h;
            background = new float[w * h];
            luma = new int[w * h];
        }
        downscale(image, aw, ah, x0, y0);
        float rate = (float) settings.backgroundRate();
        int threshold = settings.pixelThreshold();
        int changed = 0;
        for (int i = 0; i < luma.length; i++) {
            float l = luma[i];
            if (fresh) {
                background[i] = l;
                continue;
            }
            if (Math.abs(l - background[i]) > threshold) {
                changed++;
            }
            background[i] += rate * (l - background[i]);
        }
        lastChangedShare = fresh ? 0 : (double) changed / luma.length;
        return !fresh && lastChangedShare >= settings.minChangedShare();
    }

    /** The share of the region's pixels that changed in the last picture, for tuning. */
    public double lastChangedShare() {
        return lastChangedShare;
    }

    /** Forgets the background: the next picture starts afresh (after a gap or a camera move). */
    public void reset() {
        background = null;
    }

    /** Mean luma of each analysis pixel's block of source pixels (every other source pixel and row beyond 2:1). */
    private void downscale(BgrImage image, int aw, int ah, int x0, int y0) {
        byte[] p = image.pixelsReadOnly();
        int sw = image.width();
        int sh = image.height();
        int step = sw >= 4 * aw ? 2 : 1;
        for (int y = 0; y < height; y++) {
            int sy0 = (int) ((long) (y0 + y) * sh / ah);
            int sy1 = Math.max(sy0 + 1, (int) ((long) (y0 + y + 1) * sh / ah));
            for (int x = 0; x < width; x++) {
                int sx0 = (int) ((long) (x0 + x) * sw / aw);
                int sx1 = Math.max(sx0 + 1, (int) ((long) (x0 + x + 1) * sw / aw));
                int sum = 0;
                int n = 0;
                for (int sy = sy0; sy < sy1; sy += step) {
                    int row = sy * sw;
                    for (int sx = sx0; sx < sx1; sx += step) {
                        int i = (row + sx) * 3;
                        sum += ((p[i] & 0xFF) * 29 + (p[i + 1] & 0xFF) * 150 + (p[i + 2] & 0xFF) * 77) >> 8;
                        n++;
                    }
                }
                luma[y * width + x] = sum / n;
            }
        }
    }
}
