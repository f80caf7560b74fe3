package io.xueliang.analytics.track;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One plate followed across frames. Its memory is bounded whatever its length: the most confident reads up to a
 * limit, one crop and one frame (the best observation's), and constant state for motion and trigger-line time.
 */
final class PlateTrack {
    /** Box height, pixels, at which a crop's size halves its score: prefers a larger crop at similar confidence. */
    private static final double HALF_SCORE_HEIGHT = 8;

    private final long id;
    private final int maxReads;
    private final BoxKalmanFilter filter;
    private final List<PlateRead> reads = new ArrayList<>();
    private final Box firstBox;
    private Box lastBox;
    private Box predicted;
    private PlateRead lastRead;
    private Instant predictedAt;
    private Instant lastSeen;
    private int missed;
    private int hits;

    private double bestScore = -1;
    private Box bestBox;
    private BgrImage bestCrop;
    private BgrImage bestFrame;
    private Instant bestTime;
    private long bestPts90k;

    private Instant previousTime;
    private double previousCentreY;
    private Instant crossing;

    PlateTrack(long id, Instant time, PlateObservation first, int maxReads) {
        this.id = id;
        this.maxReads = maxReads;
        this.filter = new BoxKalmanFilter(first.box());
        this.firstBox = first.box();
        this.predicted = first.box();
        this.predictedAt = time;
        record(time, first, Double.NaN);
    }

    long id() {
        return id;
    }

    /** Moves the filter to {@code time} and returns the box where the plate should be now. */
    Box predict(Instant time) {
        if (time.isAfter(predictedAt)) {
            filter.predict(Duration.between(predictedAt, time).toNanos() / 1e9);
            predictedAt = time;
        }
        predicted = filter.box(lastBox);
        return predicted;
    }

    Box predicted() {
        return predicted;
    }

    PlateRead lastRead() {
        return lastRead;
    }

    void add(Instant time, PlateObservation observation, double triggerLine) {
        filter.update(observation.box());
        record(time, observation, triggerLine * observation.frame().height());
    }

    /** Counts an update that did not see this track; true when the track has now ended. */
    boolean miss(Instant time, Duration maxAge, int maxMissedUpdates) {
        missed++;
        return missed > maxMissedUpdates || Duration.between(lastSeen, time).compareTo(maxAge) > 0;
    }

    int hits() {
        return hits;
    }

    int retainedReads() {
        return reads.size();
    }

    PlatePass pass() {
        PlateVote vote = PlateVote.of(reads);
        Instant time = crossing != null ? crossing : bestTime;
        return new PlatePass(id, vote.text(), vote.colour(), vote.confidence(), vote.charConfidences(), time, bestBox,
                Direction.of(firstBox, lastBox), bestCrop, bestFrame, bestPts90k, hits);
    }

    private void record(Instant time, PlateObservation observation, double lineY) {
        Box box = observation.box();
        PlateRead read = PlateRead.of(observation.verdict());
        lastBox = box;
        lastRead = read;
        lastSeen = time;
        missed = 0;
        hits = hits == Integer.MAX_VALUE ? hits : hits + 1;
        keep(read);

        double score = read.confidence() * box.height() / (box.height() + HALF_SCORE_HEIGHT);
        if (score > bestScore) {
            bestScore = score;
            bestBox = box;
            bestCrop = observation.crop();
            bestFrame = observation.frame(); // the previous best frame is let go: one frame per track
            bestTime = observation.time();
            bestPts90k = observation.pts90k();
        }

        double centreY = box.centreY();
        if (crossing == null && previousTime != null && observation.time().isAfter(previousTime)
                && ((previousCentreY < lineY && centreY >= lineY) || (previousCentreY > lineY && centreY <= lineY))) {
            double fraction = (lineY - previousCentreY) / (centreY - previousCentreY);
            long gap = Duration.between(previousTime, observation.time()).toNanos();
            crossing = previousTime.plusNanos(Math.round(fraction * gap));
        }
        if (previousTime == null || observation.time().isAfter(previousTime)) {
            previousTime = observation.time();
            previousCentreY = centreY;
        }
    }

    /** Keeps the most confident reads: when full, the new read replaces the weakest if it is surer. */
    private void keep(PlateRead read) {
        if (reads.size() < maxReads) {
            reads.add(read);
            return;
        }
        int weakest = 0;
        for (int i = 1; i < reads.size(); i++) {
            if (reads.get(i).confidence() < reads.get(weakest).confidence()) {
                weakest = i;
            }
        }
        if (read.confidence() > reads.get(weakest).confidence()) {
            reads.set(weakest, read);
        }
    }
}
