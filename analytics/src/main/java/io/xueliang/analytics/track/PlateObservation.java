package io.xueliang.analytics.track;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import java.time.Instant;
import java.util.Objects;

/**
 * One plate read in one frame, as the reader hands it to the tracker.
 *
 * @param time    when the frame was taken
 * @param pts90k  the frame's presentation time on the 90 kHz clock (links the read to the recording)
 * @param box     the plate's box in {@code frame}'s pixels
 * @param verdict what the grammar accepted
 * @param crop    the (perspective-corrected) plate picture
 * @param frame   the whole picture; the tracker keeps only the best observation's
 */
public record PlateObservation(Instant time, long pts90k, Box box, PlateVerdict.Accepted verdict, BgrImage crop,
                               BgrImage frame) {
    public PlateObservation {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(frame, "frame");
    }
}
