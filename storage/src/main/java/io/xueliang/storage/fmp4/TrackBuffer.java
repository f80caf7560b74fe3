package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One track of an open segment: the unit whose duration is not known yet (held until the next unit of the track
 * arrives, so every duration is a true pts difference) and the samples of the open fragment. Not thread-safe.
 */
final class TrackBuffer {
    /** Duration of a lone last video frame with no previous one to copy: 1/25 s, the common camera rate. */
    private static final int DEFAULT_VIDEO_FRAME_TICKS = 3_600;
    /** Samples in one AAC frame (AAC-LC; the 960-sample variant is not used by cameras). */
    private static final int AAC_FRAME_SAMPLES = 1_024;

    final int trackId;
    final int timescale;
    final StreamDescription description;
    final boolean video;

    private AccessUnit pending;
    private long pendingDecodeTime;
    private int lastDuration;
    private long frames;

    private final List<AccessUnit> units = new ArrayList<>();
    private int[] durations = new int[64];
    private long firstDecodeTime;
    private long fragmentDuration;
    private long fragmentBytes;
    private long endDecodeTime;

    TrackBuffer(int trackId, int timescale, StreamDescription description) {
        this.trackId = trackId;
        this.timescale = timescale;
        this.description = description;
        this.video = description.codec().isVideo();
    }

    /** The decode time of a unit with {@code pts90k} in this track's timescale, media time 0 being {@code origin}. */
    long decodeTime(long pts90k, long origin) {
        long delta = pts90k - origin;
        return video ? delta : Math.floorDiv(delta * timescale + 45_000, 90_000);
    }

    /** Converts ticks of this track to 90 kHz. */
    long to90k(long ticks) {
        return video ? ticks : Math.floorDiv(ticks * 90_000, timescale);
    }

    AccessUnit pending() {
        return pending;
    }

    long pendingDecodeTime() {
        return pendingDecodeTime;
    }

    void hold(AccessUnit unit, long decodeTime) {
        pending = unit;
        pendingDecodeTime = decodeTime;
    }

    /** The duration for the pending unit when no next unit will come: the previous duration, else its nominal one. */
    int closingDuration() {
        if (lastDuration > 0) {
            return lastDuration;
        }
        if (video) {
            return DEFAULT_VIDEO_FRAME_TICKS;
        }
        return description.codec() == Codec.AAC ? AAC_FRAME_SAMPLES
                : Math.max(1, pending.size() / Math.max(1, description.channels()));
    }

    /** Would the pending unit, lasting {@code duration}, make the open fragment of this track too long or too many? */
    boolean wouldOverflow(int duration, long maxTicks, int maxSamples) {
        return !units.isEmpty() && (fragmentDuration + duration > maxTicks || units.size() >= maxSamples);
    }

    /** Moves the pending unit into the open fragment with its now known duration. */
    void commitPending(int duration) {
        if (units.isEmpty()) {
            firstDecodeTime = pendingDecodeTime;
        }
        if (units.size() == durations.length) {
            durations = Arrays.copyOf(durations, durations.length * 2);
        }
        durations[units.size()] = duration;
        units.add(pending);
        fragmentDuration += duration;
        fragmentBytes += pending.size();
        endDecodeTime = pendingDecodeTime + duration;
        lastDuration = duration;
        frames++;
        pending = null;
    }

    boolean hasSamples() {
        return !units.isEmpty();
    }

    List<AccessUnit> units() {
        return units;
    }

    long fragmentBytes() {
        return fragmentBytes;
    }

    long firstDecodeTime() {
        return firstDecodeTime;
    }

    /** End of the last committed sample, in this track's timescale. */
    long endDecodeTime() {
        return endDecodeTime;
    }

    Instant firstWallClock() {
        return units.get(0).wallClock();
    }

    boolean startsWithKeyframe() {
        return !units.isEmpty() && units.get(0).isKeyframe();
    }

    long frames() {
        return frames;
    }

    TrackRun run() {
        List<FragmentSample> samples = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            AccessUnit u = units.get(i);
            samples.add(new FragmentSample(u.size(), durations[i], !video || u.isKeyframe()));
        }
        return new TrackRun(trackId, firstDecodeTime, samples);
    }

    void clearFragment() {
        units.clear();
        fragmentDuration = 0;
        fragmentBytes = 0;
    }
}
