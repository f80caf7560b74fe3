package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.fmp4.TrackInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The samples of one camera's recording that an asked range [{@code from}, {@code to}) needs, chosen by
 * {@link RangeSelector}: from the video keyframe at or before {@code from} to the last video sample that starts
 * before {@code to}, across segment boundaries, on one media timeline without pauses (video time 0 is that keyframe).
 * It knows sizes, times and where the bytes are, not the bytes; {@link PlaybackPlan} and {@link ExportPlan} turn it
 * into a file.
 *
 * <p>An empty selection (nothing recorded in the range) has no tracks and no samples; its {@link #gaps()} is the whole
 * range, and asking it for a start or a plan throws {@link NothingRecordedException}.
 */
public final class RangeSelection {
    private final Instant from;
    private final Instant to;
    private final List<TrackInfo> tracks;
    private final List<SegmentSource> sources;
    private final List<SelectedFragment> fragments;
    private final List<PlaybackGap> gaps;
    private final RangeStop stop;
    private final Instant start;
    private final Instant end;
    private final long editStart;
    private final long editEnd;

    RangeSelection(Instant from, Instant to, List<TrackInfo> tracks, List<SegmentSource> sources,
            List<SelectedFragment> fragments, List<PlaybackGap> gaps, RangeStop stop, Instant start, Instant end,
            long editStart, long editEnd) {
        this.from = from;
        this.to = to;
        this.tracks = List.copyOf(tracks);
        this.sources = List.copyOf(sources);
        this.fragments = List.copyOf(fragments);
        this.gaps = List.copyOf(gaps);
        this.stop = stop;
        this.start = start;
        this.end = end;
        this.editStart = editStart;
        this.editEnd = editEnd;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    public boolean isEmpty() {
        return fragments.isEmpty();
    }

    /** The tracks of the output: the video first, then the chosen audio track if any. */
    public List<TrackInfo> tracks() {
        return tracks;
    }

    public TrackInfo video() {
        requireSamples();
        return tracks.get(0);
    }

    /** The segments the samples come from, in order; segments of the list given that add nothing are not here. */
    public List<SegmentSource> sources() {
        return sources;
    }

    /** Wall-clock instant of the first sample: the keyframe at or before {@code from}, or later after a gap. */
    public Instant start() {
        requireSamples();
        return start;
    }

    /** Wall-clock instant of the frame on screen at {@code from}: {@link #start()} plus {@link #startOffset()}. */
    public Instant shownFrom() {
        requireSamples();
        return start.plus(startOffset());
    }

    /** Wall-clock instant at which the last video sample ends. */
    public Instant end() {
        requireSamples();
        return end;
    }

    /** Media time of the video, from the first keyframe to the end of the last sample (gaps skipped). */
    public Duration duration() {
        return isEmpty() ? Duration.ZERO : ticksToDuration(videoEnd(), video().timescale());
    }

    /**
     * Media time, from the first keyframe, of the frame on screen at {@code from}: the last frame that starts at or
     * before {@code from}, less than a frame before it. A player asked to start at {@code from} seeks there, and an
     * export's edit list starts there. 0 when the recording starts after {@code from}.
     */
    public Duration startOffset() {
        return isEmpty() ? Duration.ZERO : ticksToDuration(editStart, video().timescale());
    }

    /** The breaks in the recording inside the range, in order; see {@link PlaybackGap}. */
    public List<PlaybackGap> gaps() {
        return gaps;
    }

    /** Why the selection ends before {@code to}, if it does; empty when it covers the range as recorded. */
    public Optional<RangeStop> stop() {
        return Optional.ofNullable(stop);
    }

    public int fragmentCount() {
        return fragments.size();
    }

    public long sampleCount(int trackId) {
        long n = 0;
        for (SelectedFragment f : fragments) {
            n += f.sampleCount(trackId);
        }
        return n;
    }

    List<SelectedFragment> fragments() {
        return fragments;
    }

    /** Video media time of the frame on screen at {@code from} (the edit list's start), in the video timescale. */
    long editStart() {
        return editStart;
    }

    /** Video media time of {@code to}, or of the end of the samples when they end first. */
    long editEnd() {
        return editEnd;
    }

    long videoEnd() {
        return trackEnd(tracks.get(0).trackId());
    }

    /** End of the track's last sample in its timescale; 0 for a track without samples. */
    long trackEnd(int trackId) {
        for (int i = fragments.size() - 1; i >= 0; i--) {
            SelectedRun r = fragments.get(i).lastRun(trackId);
            if (r != null) {
                return r.endDecodeTime();
            }
        }
        return 0;
    }

    /** Decode time of the track's first sample; 0 for a track without samples. */
    long trackStart(int trackId) {
        for (SelectedFragment f : fragments) {
            SelectedRun r = f.firstRun(trackId);
            if (r != null) {
                return r.baseDecodeTime;
            }
        }
        return 0;
    }

    void requireSamples() {
        if (isEmpty()) {
            throw new NothingRecordedException(from, to);
        }
    }

    static Duration ticksToDuration(long ticks, int timescale) {
        return Duration.ofSeconds(Math.floorDiv(ticks, timescale),
                Math.floorMod(ticks, timescale) * 1_000_000_000L / timescale);
    }

    @Override
    public String toString() {
        return isEmpty() ? "RangeSelection[" + from + " .. " + to + ": nothing recorded]"
                : "RangeSelection[" + from + " .. " + to + ": " + fragments.size() + " fragments from " + sources.size()
                        + " segments, " + start + " .. " + end + ", " + gaps.size() + " gaps"
                        + (stop == null ? "" : ", stopped: " + stop) + "]";
    }
}
