package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.plate.grammar.RecognisedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Best-path CTC decoding restricted to a {@link RecognitionAlphabet}: in every frame the most probable allowed class
 * wins, repeats collapse, blanks drop out. A character's confidence is the highest probability it had in the frames
 * that emitted it, renormalised over the allowed classes (the model's mass on characters that cannot be on a plate
 * says nothing about which plate character it is).
 */
public final class GreedyCtcDecoder implements CtcDecoder {
    private final RecognitionAlphabet alphabet;

    public GreedyCtcDecoder(RecognitionAlphabet alphabet) {
        this.alphabet = alphabet;
    }

    @Override
    public RecognisedText decode(float[] probabilities, int frames) {
        int classes = alphabet.classes();
        CtcDecoder.checkShape(probabilities, frames, classes);
        int[] allowed = alphabet.allowed();
        StringBuilder text = new StringBuilder();
        List<Double> confidences = new ArrayList<>();
        int previous = 0;
        for (int t = 0; t < frames; t++) {
            int row = t * classes;
            int best = 0;
            float bestP = -1;
            double sum = 0;
            for (int c : allowed) {
                float p = probabilities[row + c];
                sum += p;
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            double confidence = sum > 0 ? Math.min(1.0, bestP / sum) : 0;
            if (best != 0) {
                if (best != previous) {
                    text.appendCodePoint(alphabet.codePoint(best));
                    confidences.add(confidence);
                } else {
                    int last = confidences.size() - 1;
                    confidences.set(last, Math.max(confidences.get(last), confidence));
                }
            }
            previous = best;
        }
        return RecognisedText.of(text.toString(), confidences.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
