package io.xueliang.storage.fmp4;

import java.util.List;

/**
 * The samples of one track in one fragment ({@code traf}): their decode time starts at {@code baseDecodeTime}
 * ({@code tfdt}, in the track's timescale) and their data lies back to back in the fragment's {@code mdat}.
 */
public record TrackRun(int trackId, long baseDecodeTime, List<FragmentSample> samples) {
    public TrackRun {
        samples = List.copyOf(samples);
        if (baseDecodeTime < 0) {
            throw new IllegalArgumentException("negative decode time " + baseDecodeTime);
        }
    }

    public long dataBytes() {
        long n = 0;
        for (FragmentSample s : samples) {
            n += s.size();
        }
        return n;
    }

    /** Sum of sample durations, in the track's timescale. */
    public long duration() {
        long n = 0;
        for (FragmentSample s : samples) {
            n += s.duration();
        }
        return n;
    }

    public long endDecodeTime() {
        return baseDecodeTime + duration();
    }
}
