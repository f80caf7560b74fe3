package io.xueliang.analytics.plate.grammar;

import java.util.List;
import java.util.Objects;

/** The grammar's answer for one read: {@link Accepted} or {@link Rejected}. */
public sealed interface PlateVerdict {

    /**
     * A plate.
     *
     * @param text          normalised plate text (Chinese plates without separators)
     * @param format        the plate type or pattern that matched
     * @param colour        the colour seen, or the type's own colour when none was seen
     * @param fixes         characters the grammar changed, in position order
     * @param confidences   per plate character, fixed characters scaled down by the fix penalty
     * @param lowConfidence positions whose confidence is below the configured threshold
     */
    record Accepted(String text, PlateFormat format, PlateColour colour, List<CharacterFix> fixes,
                    List<Double> confidences, List<Integer> lowConfidence) implements PlateVerdict {
        public Accepted {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(colour, "colour");
            fixes = List.copyOf(fixes);
            confidences = List.copyOf(confidences);
            lowConfidence = List.copyOf(lowConfidence);
        }

        /** The weakest character's confidence: a plate is only as sure as its least sure character. */
        public double confidence() {
            return confidences.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }
    }

    /**
     * Not a plate.
     *
     * @param position index among the plate's characters where the read failed, -1 when no single one
     */
    record Rejected(RejectionReason reason, int position, String detail) implements PlateVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
