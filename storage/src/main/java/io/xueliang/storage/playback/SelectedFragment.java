package io.xueliang.storage.playback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One fragment of an assembled file: a video keyframe and the rest of its GOP, taken from consecutive fragments of one
 * source segment. It holds one run per track and source fragment, in source order, so its data is the source's
 * sample data in the source's order and is copied front to back; a track with several runs gets one {@code trun}
 * each. A fragment of the assembled file always starts with a keyframe (but at a segment that does not), so a player
 * that seeks to a fragment can decode from its start.
 *
 * @param segment   index of the source segment in {@link RangeSelection}'s sources
 * @param wallClock when its first sample was filmed (the first run's)
 * @param runs      in source order; grows while the selection is made, fixed afterwards
 */
record SelectedFragment(int segment, Instant wallClock, List<SelectedRun> runs) {
    SelectedFragment(int segment, Instant wallClock) {
        this(segment, wallClock, new ArrayList<>(4));
    }

    long dataBytes() {
        long n = 0;
        for (SelectedRun r : runs) {
            n += r.dataBytes();
        }
        return n;
    }

    long sampleCount(int trackId) {
        long n = 0;
        for (SelectedRun r : runs) {
            n += r.trackId == trackId ? r.count() : 0;
        }
        return n;
    }

    /** Sum of the track's sample durations in this fragment. */
    long duration(int trackId) {
        long n = 0;
        for (SelectedRun r : runs) {
            n += r.trackId == trackId ? r.duration() : 0;
        }
        return n;
    }

    /** The track's first run, or null when this fragment has no sample of it. */
    SelectedRun firstRun(int trackId) {
        for (SelectedRun r : runs) {
            if (r.trackId == trackId) {
                return r;
            }
        }
        return null;
    }

    /** The track's last run, or null. */
    SelectedRun lastRun(int trackId) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).trackId == trackId) {
                return runs.get(i);
            }
        }
        return null;
    }

    /** The track ids of the runs, each once, in order of first appearance. */
    int[] trackIds() {
        return runs.stream().mapToInt(r -> r.trackId).distinct().toArray();
    }
}
