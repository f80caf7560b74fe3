package io.xueliang.analytics.motion;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells whether anything moves in a camera's region of interest, so plate detection runs only when it may find a
 * vehicle: the picture's luma is averaged down to {@link MotionSettings#analysisWidth()}, each pixel of the region
 * compared with a slowly updated background (a running average), and motion reported when enough of them differ by
 * more than the threshold. Stopped vehicles fade into the background; the first picture only sets the background.
 *
 * <p>It also tells where: the region is cut into cells of {@value #CELL} by {@value #CELL} analysis pixels, a cell
 * with at least {@value #MIN_CELL_CHANGED} changed pixels counts as moving (one noisy pixel does not), and
 * {@link #lastMotionBox()} is the union of the moving cells in the picture's pixels, so detection can look there only.
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
    /** Changed pixels per cell, row-major; cells across and down. */
    private int[] cellChanged;
    private int cellsAcross;
    private Box lastMotionBox;
    private List<Box> lastMotionBoxes = List.of();
    /** Size of a cell in analysis pixels (8 analysis pixels are 64 picture pixels at 1280 wide and 160 analysed). */
    static final int CELL = 4;
    /** Changed pixels a cell needs to count as moving. */
    static final int MIN_CELL_CHANGED = 2;

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
            cellsAcross = (w + CELL - 1) / CELL;
            cellChanged = new int[cellsAcross * ((h + CELL - 1) / CELL)];
        }
        Arrays.fill(cellChanged, 0);
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
                cellChanged[(i / w) / CELL * cellsAcross + (i % w) / CELL]++;
            }
            background[i] += rate * (l - background[i]);
        }
        lastChangedShare = fresh ? 0 : (double) changed / luma.length;
        boolean moving = !fresh && lastChangedShare >= settings.minChangedShare();
        lastMotionBox = moving ? movingCells(image.width(), image.height(), aw, ah, x0, y0) : null;
        lastMotionBoxes = lastMotionBox == null ? List.of() : movingParts(image.width(), image.height(), aw, ah, x0,
                y0);
        return moving;
    }

    /**
     * Where the last picture moved, in its pixels: the bounding box of the moving cells (empty when it did not move,
     * or moved only in pixels scattered over cells). Detection should add a margin: a cell is coarse, but a vehicle's
     * plain bonnet may change less than its edges.
     */
    public Optional<Box> lastMotionBox() {
        return Optional.ofNullable(lastMotionBox);
    }

    /**
     * The moving cells' connected parts (cells touching at a side or corner belong together), each part's bounding
     * box in picture pixels: one per vehicle when vehicles are apart. Empty when the last picture did not move.
     */
    public List<Box> lastMotionBoxes() {
        return lastMotionBoxes;
    }

    private List<Box> movingParts(int sw, int sh, int aw, int ah, int x0, int y0) {
        int across = cellsAcross;
        int down = cellChanged.length / across;
        boolean[] seen = new boolean[cellChanged.length];
        int[] stack = new int[cellChanged.length];
        List<Box> parts = new ArrayList<>();
        for (int start = 0; start < cellChanged.length; start++) {
            if (seen[start] || cellChanged[start] < MIN_CELL_CHANGED) {
                continue;
            }
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int c = stack[--top];
                int cx = c % across;
                int cy = c / across;
                minX = Math.min(minX, cx);
                maxX = Math.max(maxX, cx);
                minY = Math.min(minY, cy);
                maxY = Math.max(maxY, cy);
                for (int ny = Math.max(0, cy - 1); ny <= Math.min(down - 1, cy + 1); ny++) {
                    for (int nx = Math.max(0, cx - 1); nx <= Math.min(across - 1, cx + 1); nx++) {
                        int n = ny * across + nx;
                        if (!seen[n] && cellChanged[n] >= MIN_CELL_CHANGED) {
                            seen[n] = true;
                            stack[top++] = n;
                        }
                    }
                }
            }
            parts.add(toPicture(minX, minY, maxX, maxY, sw, sh, aw, ah, x0, y0));
        }
        return List.copyOf(parts);
    }

    private Box movingCells(int sw, int sh, int aw, int ah, int x0, int y0) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int c = 0; c < cellChanged.length; c++) {
            if (cellChanged[c] >= MIN_CELL_CHANGED) {
                int cx = c % cellsAcross;
                int cy = c / cellsAcross;
                minX = Math.min(minX, cx);
                maxX = Math.max(maxX, cx);
                minY = Math.min(minY, cy);
                maxY = Math.max(maxY, cy);
            }
        }
        if (maxX < 0) {
            return null;
        }
        return toPicture(minX, minY, maxX, maxY, sw, sh, aw, ah, x0, y0);
    }

    /** Cells minX..maxX, minY..maxY (inclusive) as a box of picture pixels, outwards. */
    private Box toPicture(int minX, int minY, int maxX, int maxY, int sw, int sh, int aw, int ah, int x0, int y0) {
        // analysis pixels to picture pixels, outwards
        int ax0 = x0 + minX * CELL;
        int ay0 = y0 + minY * CELL;
        int ax1 = x0 + Math.min(width, (maxX + 1) * CELL);
        int ay1 = y0 + Math.min(height, (maxY + 1) * CELL);
        int px0 = (int) ((long) ax0 * sw / aw);
        int py0 = (int) ((long) ay0 * sh / ah);
        int px1 = (int) Math.min(sw, ((long) ax1 * sw + aw - 1) / aw);
        int py1 = (int) Math.min(sh, ((long) ay1 * sh + ah - 1) / ah);
        return new Box(px0, py0, px1 - px0, py1 - py0);
    }

    /** The share of the region's pixels that changed in the last picture, for tuning. */
    public double lastChangedShare() {
        return lastChangedShare;
    }

    /** Forgets the background: the next picture starts afresh (after a gap or a camera move). */
    public void reset() {
        background = null;
        lastMotionBox = null;
        lastMotionBoxes = List.of();
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
