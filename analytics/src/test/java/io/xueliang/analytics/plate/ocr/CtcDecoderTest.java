package io.xueliang.analytics.plate.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.plate.grammar.RecognisedText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both CTC decoders on hand-made probability frames over a small dictionary. */
class CtcDecoderTest {
    /** Class 0 blank, 1..n the dictionary, n + 1 the space. */
    private static final List<String> DICTIONARY = List.of("湘", "院", "C", "1", "2", "3", "4", "5", "A", "·", "x");
    private static final RecognitionAlphabet ALPHABET = RecognitionAlphabet.of(DICTIONARY, RecognitionAlphabet.CHINESE);

    /** One frame per entry: the named character gets {@code p}, the blank the rest. "" is a blank frame. */
    private static float[] frames(Object... spec) {
        int classes = ALPHABET.classes();
        float[] out = new float[spec.length / 2 * classes];
        for (int f = 0; f < spec.length / 2; f++) {
            String ch = (String) spec[2 * f];
            float p = ((Number) spec[2 * f + 1]).floatValue();
            if (ch.isEmpty()) {
                out[f * classes] = 1;
            } else {
                out[f * classes + DICTIONARY.indexOf(ch) + 1] = p;
                out[f * classes] = 1 - p;
            }
        }
        return out;
    }

    @Test
    void greedyCollapsesRepeatsMasksOtherCharactersAndKeepsTheBestFrameConfidence() {
        // 院 is no plate character: its frame decodes as blank
        float[] p = frames("湘", 0.9, "湘", 0.95, "", 1, "院", 0.9, "C", 0.8, "·", 0.9, "1", 0.7, "", 1, "1", 0.9);
        RecognisedText text = new GreedyCtcDecoder(ALPHABET).decode(p, 9);
        assertThat(text.text()).isEqualTo("湘C·11");
        assertThat(text.confidenceAt(0)).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(text.confidenceAt(3)).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void plateSearchFindsAFaintProvinceThatBestPathDrops() {
        float[] p = frames("湘", 0.2, "C", 0.9, "·", 0.9, "1", 0.9, "", 1, "2", 0.9, "3", 0.9, "4", 0.9, "5", 0.9);
        assertThat(new GreedyCtcDecoder(ALPHABET).decode(p, 9).text()).isEqualTo("C·12345");
        RecognisedText plate = new ChinesePlateCtcDecoder(ALPHABET).decode(p, 9);
        assertThat(plate.text()).isEqualTo("湘C12345");
        assertThat(plate.confidenceAt(0)).as("the forced province keeps its low probability").isLessThan(0.3);
    }

    @Test
    void plateSearchNeverPutsADigitWhereTheIssuingLetterGoes() {
        float[] p = frames("湘", 0.9, "1", 0.6, "A", 0.3, "2", 0.9, "3", 0.9, "4", 0.9, "5", 0.9, "", 1, "5", 0.9);
        RecognisedText plate = new ChinesePlateCtcDecoder(ALPHABET).decode(p, 9);
        assertThat(plate.text()).isEqualTo("湘A23455");
    }
}
