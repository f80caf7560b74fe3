package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.plate.grammar.RecognisedText;

/** Turns the recognition model's per-frame class probabilities into text (connectionist temporal classification). */
public interface CtcDecoder {
    /**
     * @param probabilities {@code frames} rows of softmax outputs over the alphabet's classes, row-major
     */
    RecognisedText decode(float[] probabilities, int frames);

    static void checkShape(float[] probabilities, int frames, int classes) {
        if (frames < 0 || probabilities.length < (long) frames * classes) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + frames + " frames of "
                    + classes + " classes");
        }
    }
}
