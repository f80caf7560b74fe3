package io.xueliang.analytics.plate.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plates by PP-OCRv4 text detection (DBNet): the network marks text, {@link TextRegions} turns the map
 * into rotated rectangles as PaddleOCR does, and a text line counts as a plate when its rectangle,
 * grown to the plate's edges, has a plate's proportions and its crop one plate background colour.
 *
 * <pre>
 *   frame -> DbInput (scale to limit, x32, normalise) -> ONNX -> probability map
 *         -> TextRegions (threshold, regions, min-area rect, score, unclip)
 *         -> to frame pixels, grow to plate -> aspect / size -> PerspectiveCrop -> PlateBackground
 * </pre>
 *
 * Not thread-safe: one instance per worker (the ONNX session it owns is closed with it).
 */
public final class DbNetPlateDetector implements PlateDetector {
    /** Height of the crops handed to the recogniser (PP-OCRv4 recognition reads 48-pixel lines). */
    public static final int CROP_HEIGHT = 48;
    /** Margin around the plate in the crop, as a share of the crop height, so edge characters are whole. */
    private static final double CROP_MARGIN = 0.08;
    /** Two candidates overlapping more than this (IoU of their bounds) are one plate. */
    private static final double SAME_PLATE_IOU = 0.4;
    /**
     * Width factor for the upper line of a two-line plate: its characters are 80 x 60 mm, the lower ones
     * 65 x 110 mm, so at one height the upper ones come out about twice as wide.
     */
    static final double UPPER_LINE_SQUEEZE = 0.5;

    private final OrtSession session;
    private final DetectionSettings settings;
    private final String inputName;

    /** Takes ownership of {@code session}, a session on {@link OcrModel#DETECTION}. */
    public DbNetPlateDetector(OrtSession session, DetectionSettings settings) {
        this.session = Objects.requireNonNull(session, "session");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inputName = session.getInputNames().iterator().next();
    }

    /** Opens the detection model with {@code threads} intra-op threads. */
    public static DbNetPlateDetector open(int threads, DetectionSettings settings) throws OrtException {
        return new DbNetPlateDetector(OcrModel.DETECTION.open(threads), settings);
    }

    @Override
    public List<PlateCandidate> detect(BgrImage frame) {
        return detect(frame, 1.0);
    }

    @Override
    public List<PlateCandidate> detect(BgrImage frame, double maxScale) {
        if (!(maxScale > 0 && maxScale <= 1)) {
            throw new IllegalArgumentException("maxScale " + maxScale + " outside (0, 1]");
        }
        DbInput input = DbInput.of(frame, settings.limitSide(), maxScale);
        float[] prob = probability(input);
        List<TextRegions.Region> regions = TextRegions.find(prob, input.width, input.height,
                settings.binaryThreshold(), settings.boxThreshold(), settings.unclipRatio());
        List<TextRegions.Region> inFrame = new ArrayList<>();
        for (TextRegions.Region region : regions) {
            inFrame.add(new TextRegions.Region(region.rect().scaled(input.scaleX, input.scaleY), region.score()));
        }
        List<PlateCandidate> found = new ArrayList<>();
        for (TextRegions.Region region : LineMerger.merge(inFrame)) {
            PlateCandidate candidate = region.twoLines() ? twoLinePlate(frame, region)
                    : plate(frame, region.rect(), region.score());
            if (candidate != null) {
                found.add(candidate);
            }
        }
        found.sort(Comparator.comparingDouble(PlateCandidate::score).reversed());
        return distinct(found);
    }

    /**
     * A two-line plate (GA 36-2018 large vehicles: province and letter above, five characters below) is read as
     * one line: each line is cut out level and the two are put side by side, the upper one narrowed so its
     * wide characters are about as wide for their height as the lower ones. When that reads as no plate the
     * lower line is tried alone: the "upper line" is often a grille or a badge just above a one-line plate.
     */
    private PlateCandidate twoLinePlate(BgrImage frame, TextRegions.Region region) {
        PlateCandidate whole = plate(frame, region.rect(), region.score());
        PlateCandidate lower = plate(frame, region.bottom(), region.score());
        if (whole == null) {
            return lower;
        }
        BgrImage top = lineCrop(frame, region.top(), UPPER_LINE_SQUEEZE);
        BgrImage bottom = lineCrop(frame, region.bottom(), 1.0);
        return new PlateCandidate(whole.corners(), whole.box(), whole.score(), sideBySide(top, bottom),
                lower == null ? List.of() : List.of(lower));
    }

    /** One text line grown to its characters' edges, cut level at {@link #CROP_HEIGHT}, its width times squeeze. */
    private BgrImage lineCrop(BgrImage frame, RotatedRect line, double squeeze) {
        RotatedRect grown = line.grown(settings.growAlong() * line.height(), 0);
        double margin = CROP_MARGIN * grown.height();
        RotatedRect padded = grown.grown(margin, margin);
        int width = (int) Math.clamp(Math.round(CROP_HEIGHT * padded.aspect() * squeeze), 1, PerspectiveCrop.MAX_WIDTH / 2);
        return PerspectiveCrop.crop(frame, padded.corners(), width, CROP_HEIGHT);
    }

    private static BgrImage sideBySide(BgrImage left, BgrImage right) {
        int h = left.height();
        int w = left.width() + right.width();
        byte[] out = new byte[w * h * 3];
        byte[] a = left.pixelsReadOnly();
        byte[] b = right.pixelsReadOnly();
        for (int y = 0; y < h; y++) {
            System.arraycopy(a, y * left.width() * 3, out, y * w * 3, left.width() * 3);
            System.arraycopy(b, y * right.width() * 3, out, (y * w + left.width()) * 3, right.width() * 3);
        }
        return BgrImage.wrap(w, h, out);
    }

    /** The plate around a text line, or null when it does not look like one. */
    private PlateCandidate plate(BgrImage frame, RotatedRect text, double score) {
        RotatedRect plate = text.grown(settings.growAlong() * text.height(), settings.growAcross() * text.height());
        if (plate.height() < settings.minHeight() || plate.aspect() < settings.minAspect()
                || plate.aspect() > settings.maxAspect()) {
            return null;
        }
        double margin = CROP_MARGIN * plate.height();
        RotatedRect padded = plate.grown(margin, margin);
        int width = (int) Math.min(PerspectiveCrop.MAX_WIDTH, Math.round(CROP_HEIGHT * padded.aspect()));
        BgrImage crop = PerspectiveCrop.crop(frame, padded.corners(), width, CROP_HEIGHT);
        PlateBackground.Verdict background = PlateBackground.of(crop);
        if (background.share() < settings.minBackground() || background.foreign() > PlateBackground.MAX_FOREIGN) {
            return null;
        }
        Box bounds = clip(plate.bounds(), frame);
        if (bounds == null) {
            return null;
        }
        return new PlateCandidate(plate.corners(), bounds, score, crop);
    }

    private static Box clip(Box b, BgrImage frame) {
        double x0 = Math.max(0, b.x());
        double y0 = Math.max(0, b.y());
        double x1 = Math.min(frame.width(), b.x() + b.width());
        double y1 = Math.min(frame.height(), b.y() + b.height());
        return x1 > x0 && y1 > y0 ? new Box(x0, y0, x1 - x0, y1 - y0) : null;
    }

    private List<PlateCandidate> distinct(List<PlateCandidate> sorted) {
        List<PlateCandidate> kept = new ArrayList<>();
        for (PlateCandidate c : sorted) {
            if (kept.size() == settings.maxCandidates()) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.box().iou(c.box()) > SAME_PLATE_IOU)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private float[] probability(DbInput input) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {1, 3, input.height, input.width};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.chw), shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] outShape = out.getInfo().getShape();
            long pixels = outShape[outShape.length - 1] * outShape[outShape.length - 2];
            if (pixels != (long) input.width * input.height) {
                throw new IllegalStateException("detection map of shape " + java.util.Arrays.toString(outShape)
                        + " for an input of " + input.width + "x" + input.height);
            }
            FloatBuffer buffer = out.getFloatBuffer();
            float[] prob = new float[(int) pixels];
            buffer.get(prob);
            return prob;
        } catch (OrtException e) {
            throw new IllegalStateException("plate detection failed on ONNX Runtime", e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the detection session", e);
        }
    }
}
