package io.xueliang.analytics.track;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.grammar.PlateColour;
import java.time.Instant;
import java.util.Objects;

/**
 * One vehicle's pass in front of one camera: the consolidated read of a whole track.
 *
 * @param trackId         the track's number, unique per tracker (per camera run)
 * @param text            plate text voted character by character across the track's reads
 * @param colour          plate colour voted across the reads ({@link PlateColour#UNKNOWN} when none saw one)
 * @param confidence      the weakest voted character's confidence times the share of reads of the voted length
 * @param charConfidences per voted character: the share of the weight agreeing, times the best agreeing read's
 *                        confidence
 * @param time            when the plate's centre crossed the trigger line (interpolated between the two frames
 *                        around it), or the best observation's time when it never crossed
 * @param box             the plate's box in the overview picture
 * @param direction       which way the vehicle went
 * @param bestCrop        the best plate picture: most confident read, larger crops preferred
 * @param overview        the whole frame of that best read
 * @param pts90k          the overview's presentation time, 90 kHz
 * @param observations    how many reads the track had (more than were kept for the vote when it was long)
 */
public record PlatePass(long trackId, String text, PlateColour colour, double confidence, double[] charConfidences,
                        Instant time, Box box, Direction direction, BgrImage bestCrop, BgrImage overview,
                        long pts90k, int observations) {
    public PlatePass {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(bestCrop, "bestCrop");
        Objects.requireNonNull(overview, "overview");
        charConfidences = charConfidences.clone();
    }

    @Override
    public double[] charConfidences() {
        return charConfidences.clone();
    }
}
