package io.xueliang.analytics.plate.ocr;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.plate.grammar.RecognisedText;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the characters of one plate crop with PP-OCRv4 recognition (SVTR-LCNet, CTC head).
 *
 * <p>The crop is scaled to the model's 48-pixel line height keeping its aspect ratio, normalised to [-1, 1] per BGR
 * channel as PaddleOCR trains it, and padded on the right with the normalised zero up to {@link #MIN_WIDTH}. The
 * decode only emits plate characters (see {@link RecognitionAlphabet}). One ONNX session; not thread-safe.
 */
public final class PlateRecogniser implements AutoCloseable {
    /** The model's line height. */
    public static final int HEIGHT = 48;
    /** Narrower inputs are padded: the model was trained on lines padded to 320 pixels. */
    public static final int MIN_WIDTH = 320;
    /** Wider inputs are squeezed: a plate is at most about 4.5 times as wide as high, anything wider is not one. */
    public static final int MAX_WIDTH = 640;

    private final OrtSession session;
    private final String inputName;
    private final int classes;
    private final List<CtcDecoder> decoders;

    /** Reads Chinese plates only, with the {@link ChinesePlateCtcDecoder}. */
    public PlateRecogniser(int threads) {
        this(threads, "");
    }

    /**
     * @param threads           ONNX Runtime intra-op threads
     * @param foreignCharacters characters of configured foreign plate formats; when not empty every crop is decoded a
     *                          second time, best-path over these characters and the separators
     */
    public PlateRecogniser(int threads, String foreignCharacters) {
        List<String> dictionary = OcrModel.characters();
        RecognitionAlphabet chinese = RecognitionAlphabet.of(dictionary, RecognitionAlphabet.CHINESE);
        this.classes = chinese.classes();
        List<CtcDecoder> list = new ArrayList<>();
        list.add(new ChinesePlateCtcDecoder(chinese));
        if (!foreignCharacters.isEmpty()) {
            list.add(new GreedyCtcDecoder(RecognitionAlphabet.of(dictionary,
                    foreignCharacters + RecognitionAlphabet.SEPARATORS)));
        }
        this.decoders = List.copyOf(list);
        try {
            this.session = OcrModel.RECOGNITION.open(threads);
        } catch (OrtException e) {
            throw new IllegalStateException("opening the PP-OCRv4 recognition model", e);
        }
        this.inputName = session.getInputNames().iterator().next();
    }

    /** The characters on {@code crop}, an upright plate, read as a Chinese plate. */
    public RecognisedText recognise(BgrImage crop) {
        return readings(crop).getFirst();
    }

    /** The Chinese read of {@code crop}, then the foreign one when foreign characters were configured. */
    public List<RecognisedText> readings(BgrImage crop) {
        int width = Math.clamp(Math.round((double) crop.width() * HEIGHT / crop.height()), 1, MAX_WIDTH);
        int padded = Math.max(width, MIN_WIDTH);
        float[] input = normalise(crop, width, padded);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, HEIGHT, padded});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            if (shape.length != 3 || shape[2] != classes) {
                throw new IllegalStateException("recognition output of shape " + Arrays.toString(shape)
                        + ", expected [1, frames, " + classes + "]");
            }
            FloatBuffer buffer = out.getFloatBuffer();
            float[] probabilities = new float[buffer.remaining()];
            buffer.get(probabilities);
            List<RecognisedText> readings = new ArrayList<>(decoders.size());
            for (CtcDecoder decoder : decoders) {
                readings.add(decoder.decode(probabilities, (int) shape[1]));
            }
            return readings;
        } catch (OrtException e) {
            throw new IllegalStateException("running the PP-OCRv4 recognition model", e);
        }
    }

    /**
     * Bilinear scaling of {@code crop} to {@code width} x 48, channels in BGR order as PaddleOCR reads images with
     * OpenCV, each value v becoming (v / 255 - 0.5) / 0.5; columns from {@code width} to {@code padded} stay 0.
     */
    static float[] normalise(BgrImage crop, int width, int padded) {
        byte[] px = crop.pixelsReadOnly();
        int sw = crop.width();
        int sh = crop.height();
        int plane = HEIGHT * padded;
        float[] out = new float[3 * plane];
        double sx = (double) sw / width;
        double sy = (double) sh / HEIGHT;
        for (int y = 0; y < HEIGHT; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            double wy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                double wx = fx - x0;
                int a = (y0 * sw + x0) * 3;
                int b = (y0 * sw + x1) * 3;
                int c = (y1 * sw + x0) * 3;
                int d = (y1 * sw + x1) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double top = (px[a + ch] & 0xFF) * (1 - wx) + (px[b + ch] & 0xFF) * wx;
                    double bottom = (px[c + ch] & 0xFF) * (1 - wx) + (px[d + ch] & 0xFF) * wx;
                    double v = top * (1 - wy) + bottom * wy;
                    out[ch * plane + y * padded + x] = (float) (v / 127.5 - 1.0);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the recognition session", e);
        }
    }
}
