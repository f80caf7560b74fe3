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
 * arrives, so every duration is a true pts difference) and the samples of the open fragment. A committed sample keeps
 * only its size, duration and sync flag here; its bytes are in the {@link FragmentBuffer} (video, copied when the
 * sample joins the fragment, so that the access unit itself is garbage at once) or held until the fragment is written
 * (audio, a few kilobytes a second). Not thread-safe.
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

    private int count;
    private int[] sizes = new int[64];
    private int[] durations = new int[64];
    private boolean[] syncs = new boolean[64];
    /** Payloads of the open fragment's samples, for a track whose bytes are not copied on commit (audio). */
    private final List<AccessUnit> held = new ArrayList<>();
    private Instant firstWallClock;
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
        return count > 0 && (fragmentDuration + duration > maxTicks || count >= maxSamples);
    }

    /**
     * Moves the pending unit into the open fragment with its now known duration: its bytes go to {@code buffer} for
     * video, are held for audio.
     */
    void commitPending(int duration, FragmentBuffer buffer) {
        if (count == 0) {
            firstDecodeTime = pendingDecodeTime;
            firstWallClock = pending.wallClock();
        }
        if (count == sizes.length) {
            int n = count * 2;
            sizes = Arrays.copyOf(sizes, n);
            durations = Arrays.copyOf(durations, n);
            syncs = Arrays.copyOf(syncs, n);
        }
        sizes[count] = pending.size();
        durations[count] = duration;
        syncs[count] = !video || pending.isKeyframe();
        count++;
        if (video) {
            buffer.putSample(pending.payload());
        } else {
            held.add(pending);
        }
        fragmentDuration += duration;
        fragmentBytes += pending.size();
        endDecodeTime = pendingDecodeTime + duration;
        lastDuration = duration;
        frames++;
        pending = null;
    }

    boolean hasSamples() {
        return count > 0;
    }

    /** Samples in the open fragment. */
    int samples() {
        return count;
    }

    /** The held payloads of the open fragment (empty for video, whose bytes are in the fragment buffer already). */
    List<AccessUnit> heldPayloads() {
        return held;
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
        return firstWallClock;
    }

    boolean startsWithKeyframe() {
        return count > 0 && syncs[0];
    }

    long frames() {
        return frames;
    }

    TrackRun run() {
        List<FragmentSample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(new FragmentSample(sizes[i], durations[i], syncs[i]));
        }
        return new TrackRun(trackId, firstDecodeTime, samples);
    }

    void clearFragment() {
        count = 0;
        held.clear();
        firstWallClock = null;
        fragmentDuration = 0;
        fragmentBytes = 0;
    }
}
