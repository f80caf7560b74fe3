package io.xueliang.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.analytics.plate.grammar.PlateType;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlateVoteTest {

    private static PlateRead read(String text, PlateColour colour, Double... confidences) {
        return PlateRead.of(new PlateVerdict.Accepted(text, PlateType.SMALL_CAR, colour, List.of(),
                List.of(confidences), List.of()));
    }

    private static PlateRead read(String text, double confidence) {
        Double[] c = new Double[(int) text.codePoints().count()];
        java.util.Arrays.fill(c, confidence);
        return read(text, PlateColour.BLUE, c);
    }

    @Test
    void eachPositionTakesTheCharacterWithTheMostConfidenceBehindIt() {
        // every read has one character wrong, none twice in the same place
        PlateVote vote = PlateVote.of(List.of(read("京B12345", 0.9), read("京A1Z345", 0.9), read("京A12B45", 0.9),
                read("京A12345", 0.8)));

        assertThat(vote.text()).isEqualTo("京A12345");
        assertThat(vote.charConfidences()[0]).isCloseTo(0.9, within(1e-6));
        assertThat(vote.charConfidences()[1]).isCloseTo(0.9 * 2.6 / 3.5, within(1e-6));
        assertThat(vote.confidence()).isCloseTo(vote.charConfidences()[1], within(1e-9));
    }

    @Test
    void oneSureReadOutweighsTwoUnsureOnesAtItsPosition() {
        PlateVote vote = PlateVote.of(List.of(
                read("京A12345", PlateColour.BLUE, 0.9, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9),
                read("京A1Z345", PlateColour.BLUE, 0.9, 0.9, 0.9, 0.3, 0.9, 0.9, 0.9),
                read("京A1Z345", PlateColour.BLUE, 0.9, 0.9, 0.9, 0.3, 0.9, 0.9, 0.9)));

        assertThat(vote.text()).isEqualTo("京A12345");
    }

    @Test
    void theMajorityLengthWinsSoADroppedCharacterShiftsNothing() {
        PlateVote vote = PlateVote.of(List.of(read("京A12345", 0.8), read("京A1245", 0.95), read("京A12345", 0.8),
                read("京AD12345", 0.9)));

        assertThat(vote.text()).isEqualTo("京A12345");
        assertThat(vote.confidence()).isCloseTo(0.8 * 1.6 / 3.45, within(1e-3));
    }

    @Test
    void colourIsVotedAmongReadsThatSawOne() {
        PlateVote vote = PlateVote.of(List.of(read("京A12345", PlateColour.UNKNOWN, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9),
                read("京A12345", PlateColour.UNKNOWN, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9),
                read("京A12345", PlateColour.YELLOW, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5),
                read("京A12345", PlateColour.BLUE, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9)));

        assertThat(vote.colour()).isEqualTo(PlateColour.BLUE);
        assertThat(PlateVote.of(List.of(read("京A12345", PlateColour.UNKNOWN, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9)))
                .colour()).isEqualTo(PlateColour.UNKNOWN);
    }

    @Test
    void aReadWithoutPerCharacterConfidencesGivesEveryCharacterItsScore() {
        PlateRead read = read("京A12345", PlateColour.BLUE, 0.7);

        assertThat(read.confidences()).containsOnly(0.7);
        assertThat(read.confidence()).isEqualTo(0.7);
    }

    @Test
    void editDistanceCountsInsertionsRemovalsAndChangesUpToItsLimit() {
        assertThat(PlateRead.editDistance(cps("京A12345"), cps("京A12345"), 2)).isZero();
        assertThat(PlateRead.editDistance(cps("京A12345"), cps("京A1Z345"), 2)).isEqualTo(1);
        assertThat(PlateRead.editDistance(cps("京A12345"), cps("京A1245"), 2)).isEqualTo(1);
        assertThat(PlateRead.editDistance(cps("京A12345"), cps("沪A1Z34"), 2)).isEqualTo(3);
        assertThat(PlateRead.editDistance(cps("京A12345"), cps("沪B67890"), 3)).isEqualTo(4);
        assertThat(PlateRead.editDistance(cps("京A12345"), cps("京A12345D"), 0)).isEqualTo(1);
    }

    private static int[] cps(String s) {
        return s.codePoints().toArray();
    }
}
