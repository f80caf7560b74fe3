package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.Fmp4SegmentReader;
import io.xueliang.storage.fmp4.ScannedFragment;
import io.xueliang.storage.fmp4.ScannedSample;
import io.xueliang.storage.fmp4.ScannedSegment;
import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.fmp4.TrackInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the samples of a wall-clock range from a camera's segments ({@link RangeSelection}).
 *
 * <ul>
 * <li>Start: the video keyframe at or before {@code from} in the segment that holds {@code from}; when {@code from}
 * falls in a gap, the first keyframe after it. The frame on screen at {@code from} (the last one starting at or before
 * it) is where an export's edit list begins ({@link RangeSelection#startOffset()}).</li>
 * <li>End: the last video sample that starts before {@code to} ({@code to} is exclusive); audio samples that start
 * in the same span of each segment.</li>
 * <li>Across segments the media time runs on: each segment's first sample follows the previous segment's last one,
 * and a break in between is reported as a {@link PlaybackGap} when it is at least
 * {@link RangeSettings#minReportedGap()} long. Audio follows the video's timeline; where its samples do not meet
 * exactly at a join, the sample before stretches or shrinks to meet the next, and a sample that would overlap
 * is left out.</li>
 * <li>Fragments: one per GOP, from a keyframe to the next, made of the source fragments in between (a segment writer
 * closes fragments at 1 s, so a long GOP spans several), so that every fragment a player seeks to starts with a
 * keyframe (ffmpeg, and with it Chromium, seeks to the fragment that holds the time asked for).</li>
 * <li>Stop: at the first segment whose tracks differ from the first one's ({@link TrackInfo#sameStreamAs}), or when a
 * {@link RangeSettings} limit is reached, at a keyframe ({@link RangeStop}).</li>
 * <li>A segment without a readable init segment or keyframe is skipped, so its time shows as a gap; a segment cut
 * short by a crash gives its complete fragments.</li>
 * </ul>
 *
 * Reads every segment's fragment heads (one small read per fragment) and none of their media data. Blocks on I/O.
 */
public final class RangeSelector {
    private RangeSelector() {
    }

    /**
     * @param segments the camera's segments that overlap [{@code from}, {@code to}), in order of start; others are
     *                 skipped, after a scan
     */
    public static RangeSelection select(List<SourceSegment> segments, Instant from, Instant to,
            RangeSettings settings) throws IOException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(settings, "settings");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + to);
        }
        Selection s = new Selection(from, to, settings);
        Instant previous = null;
        for (SourceSegment segment : segments) {
            if (previous != null && segment.start().isBefore(previous)) {
                throw new IllegalArgumentException("segments must be in order of start: " + segment.start()
                        + " comes after " + previous);
            }
            previous = segment.start();
            if (!segment.start().isBefore(to) || !s.add(segment)) {
                break;
            }
        }
        return s.finish();
    }

    /** {@code d} in ticks of {@code timescale}, rounded down; saturates far beyond any recording. */
    static long ticks(Duration d, int timescale) {
        long limit = Long.MAX_VALUE / 4 / timescale;
        if (d.getSeconds() > limit) {
            return limit * timescale;
        }
        if (d.getSeconds() < -limit) {
            return -limit * timescale;
        }
        return d.getSeconds() * timescale + d.getNano() * (long) timescale / 1_000_000_000L;
    }

    /** The instant {@code ticks} of {@code timescale} after {@code start}. */
    static Instant wall(Instant start, long ticks, int timescale) {
        return start.plus(RangeSelection.ticksToDuration(ticks, timescale));
    }

    private static final class Selection {
        private final Instant from;
        private final Instant to;
        private final RangeSettings settings;
        private final List<SegmentSource> sources = new ArrayList<>();
        private final List<SelectedFragment> fragments = new ArrayList<>();
        private final List<PlaybackGap> gaps = new ArrayList<>();
        private List<TrackInfo> tracks;
        private RangeStop stop;
        private Instant start;
        private Instant end;
        private long editStart;
        private long editEnd;
        private long samples;
        /** Output end of the video so far, in its timescale. */
        private long videoEnd;
        /** Per output track: the run holding its last sample and that sample's output decode time. */
        private final SelectedRun[] lastRun = new SelectedRun[2];
        private final long[] lastStart = new long[2];

        Selection(Instant from, Instant to, RangeSettings settings) {
            this.from = from;
            this.to = to;
            this.settings = settings;
        }

        /** Takes what the range needs from one segment; false when the range stops here. */
        boolean add(SourceSegment segment) throws IOException {
            ScannedSegment scan = Fmp4SegmentReader.scan(segment.source());
            Optional<TrackInfo> videoTrack = scan.videoTrack();
            if (!scan.hasInit() || videoTrack.isEmpty()) {
                return true;
            }
            TrackInfo video = videoTrack.get();
            int vts = video.timescale();
            long segmentEnd = scan.endDecodeTime(video.trackId());
            if (!wall(segment.start(), segmentEnd, vts).isAfter(from)) {
                return true;
            }
            long fromTicks = ticks(Duration.between(segment.start(), from), vts);
            long toTicks = Math.min(segmentEnd, ticks(Duration.between(segment.start(), to), vts));
            boolean first = tracks == null;
            Optional<ScannedSegment.SamplePosition> key = scan.syncSampleAtOrBefore(video.trackId(),
                    first ? fromTicks : Long.MIN_VALUE);
            if (key.isEmpty() || key.get().decodeTime() >= toTicks) {
                return true;
            }
            long startDt = key.get().decodeTime();
            List<TrackInfo> chosen = chooseTracks(scan, video);
            Instant firstSample = wall(segment.start(), startDt, vts);
            if (first) {
                tracks = chosen;
                start = firstSample;
                if (firstSample.isAfter(from)) {
                    gap(from, firstSample);
                }
                editStart = frameAt(scan, video, fromTicks, startDt) - startDt;
            } else if (!sameTracks(tracks, chosen)) {
                stop = new RangeStop(RangeStop.Reason.PARAMETERS_CHANGED, firstSample,
                        "the segment " + scan.source() + " from " + firstSample + " differs: "
                                + difference(tracks, chosen));
                return false;
            } else {
                gap(end, firstSample);
            }

            long shift = videoEnd - startDt;
            TrackInfo audio = chosen.size() > 1 ? chosen.get(1) : null;
            int ats = audio == null ? 1 : audio.timescale();
            long audioShift = Math.floorDiv(2 * shift * ats + vts, 2L * vts);
            long audioFrom = Math.ceilDiv(startDt * ats, vts);
            long audioTo = Math.ceilDiv(toTicks * ats, vts);
            long maxTicks = ticks(settings.maxDuration(), vts);
            int segmentIndex = -1;
            SelectedFragment current = null;
            try {
                for (ScannedFragment f : scan.fragments()) {
                    List<ScannedSample> vs = samples(f, video);
                    List<ScannedSample> as = audio == null ? List.of() : samples(f, audio);
                    int v0 = firstAtOrAfter(vs, startDt);
                    int v1 = firstAtOrAfter(vs, toTicks);
                    int a0 = firstAtOrAfter(as, audioFrom);
                    int a1 = firstAtOrAfter(as, audioTo);
                    if (v0 >= v1 && a0 >= a1) {
                        if (!vs.isEmpty() && vs.get(0).decodeTime() >= toTicks) {
                            break;
                        }
                        continue;
                    }
                    // An output fragment is a GOP: a source fragment that starts with a keyframe starts one.
                    boolean startsGop = current == null || v0 < v1 && vs.get(v0).sync();
                    if (startsGop && !fragments.isEmpty()) {
                        boolean over = videoEnd >= maxTicks || fragments.size() >= settings.maxFragments()
                                || samples + (v1 - v0) + (a1 - a0) > settings.maxSamples();
                        if (over && (v0 < v1 && vs.get(v0).sync())
                                || fragments.size() >= RangeSettings.SIDX_MAX_REFERENCES) {
                            long at = v0 < v1 ? vs.get(v0).decodeTime()
                                    : Math.floorDiv(as.get(a0).decodeTime() * vts, ats);
                            stop = new RangeStop(RangeStop.Reason.LIMIT_REACHED, wall(segment.start(), at, vts),
                                    "a range holds at most " + settings.maxDuration() + ", " + settings.maxSamples()
                                            + " samples and " + settings.maxFragments() + " fragments");
                            return false;
                        }
                    }
                    SelectedRun vr = take(0, video.trackId(), vs, v0, v1, shift);
                    if (vr != null) {
                        videoEnd = vr.endDecodeTime();
                    }
                    SelectedRun ar = audio == null ? null : take(1, audio.trackId(), as, a0, a1, audioShift);
                    if (vr == null && ar == null) {
                        continue;
                    }
                    if (segmentIndex < 0) {
                        sources.add(segment.source());
                        segmentIndex = sources.size() - 1;
                    }
                    if (startsGop) {
                        Instant wallClock = vr != null ? wall(segment.start(), vr.baseDecodeTime - shift, vts)
                                : wall(segment.start(), ar.baseDecodeTime - audioShift, ats);
                        current = new SelectedFragment(segmentIndex, wallClock);
                        fragments.add(current);
                    }
                    if (vr != null) {
                        current.runs().add(vr);
                    }
                    if (ar != null) {
                        current.runs().add(ar);
                    }
                }
            } finally {
                end = wall(segment.start(), videoEnd - shift, vts);
                editEnd = Math.min(toTicks + shift, videoEnd);
            }
            return true;
        }

        /** Adds the samples [i0, i1) of one source run; null when none is left after overlaps are left out. */
        private SelectedRun take(int track, int trackId, List<ScannedSample> source, int i0, int i1, long shift) {
            SelectedRun run = null;
            for (int i = i0; i < i1; i++) {
                ScannedSample s = source.get(i);
                long out = s.decodeTime() + shift;
                SelectedRun previous = lastRun[track];
                if (previous != null) {
                    long step = out - lastStart[track];
                    if (step <= 0) {
                        continue;
                    }
                    if (step != previous.duration(previous.count() - 1)) {
                        previous.setLastDuration((int) Math.min(step, Integer.MAX_VALUE));
                    }
                }
                if (run == null) {
                    run = new SelectedRun(trackId, out);
                }
                run.add(s.offset(), s.size(), s.duration(), s.sync());
                lastRun[track] = run;
                lastStart[track] = out;
                samples++;
            }
            return run;
        }

        private void gap(Instant gapStart, Instant gapEnd) {
            if (Duration.between(gapStart, gapEnd).compareTo(settings.minReportedGap()) >= 0
                    && gapEnd.isAfter(gapStart)) {
                gaps.add(new PlaybackGap(gapStart, gapEnd, tracks == null || fragments.isEmpty() ? Duration.ZERO
                        : RangeSelection.ticksToDuration(videoEnd, tracks.get(0).timescale())));
            }
        }

        private List<TrackInfo> chooseTracks(ScannedSegment scan, TrackInfo video) {
            if (settings.audio() != AudioChoice.NONE) {
                for (TrackInfo t : scan.tracks()) {
                    if (!t.isVideo()) {
                        return settings.audio().accepts(t) ? List.of(video, t) : List.of(video);
                    }
                }
            }
            return List.of(video);
        }

        RangeSelection finish() {
            if (fragments.isEmpty()) {
                return new RangeSelection(from, to, List.of(), List.of(), List.of(),
                        List.of(new PlaybackGap(from, to, Duration.ZERO)), null, null, null, 0, 0);
            }
            if (stop == null && end.isBefore(to)) {
                gap(end, to);
            }
            List<SelectedFragment> fixed = new ArrayList<>(fragments.size());
            for (SelectedFragment f : fragments) {
                for (SelectedRun r : f.runs()) {
                    r.trim();
                }
                fixed.add(new SelectedFragment(f.segment(), f.wallClock(), List.copyOf(f.runs())));
            }
            return new RangeSelection(from, to, tracks, sources, fixed, gaps, stop, start, end, editStart, editEnd);
        }
    }

    /**
     * Decode time of the video frame on screen at {@code t}: the last one starting at or before it, not before
     * {@code keyframe}. An export's edit list starts there, on a frame boundary, because players disagree about an
     * edit that starts inside a frame (ffmpeg skips to the next frame and shifts the timeline to it).
     */
    private static long frameAt(ScannedSegment scan, TrackInfo video, long t, long keyframe) {
        long shown = keyframe;
        for (ScannedFragment f : scan.fragments()) {
            for (ScannedSample s : samples(f, video)) {
                if (s.decodeTime() > t) {
                    return shown;
                }
                if (s.decodeTime() >= keyframe) {
                    shown = s.decodeTime();
                }
            }
        }
        return shown;
    }

    private static List<ScannedSample> samples(ScannedFragment f, TrackInfo track) {
        return f.run(track.trackId()).map(ScannedFragment.Run::samples).orElse(List.of());
    }

    /** Index of the first sample whose decode time is at least {@code t}; the size when none is. */
    private static int firstAtOrAfter(List<ScannedSample> samples, long t) {
        int i = 0;
        while (i < samples.size() && samples.get(i).decodeTime() < t) {
            i++;
        }
        return i;
    }

    private static boolean sameTracks(List<TrackInfo> a, List<TrackInfo> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameStreamAs(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String difference(List<TrackInfo> before, List<TrackInfo> after) {
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            TrackInfo a = i < before.size() ? before.get(i) : null;
            TrackInfo b = i < after.size() ? after.get(i) : null;
            if (a == null) {
                changes.add(b.handler() + " track " + b.sampleEntry() + " added");
            } else if (b == null) {
                changes.add(a.handler() + " track " + a.sampleEntry() + " removed");
            } else if (!a.sameStreamAs(b)) {
                changes.add(!a.sampleEntry().equals(b.sampleEntry()) ? a.sampleEntry() + " became " + b.sampleEntry()
                        : a.width() != b.width() || a.height() != b.height()
                                ? a.sampleEntry() + " " + (a.width() >>> 16) + "x" + (a.height() >>> 16) + " became "
                                        + (b.width() >>> 16) + "x" + (b.height() >>> 16)
                                : a.timescale() != b.timescale() ? a.sampleEntry() + " timescale " + a.timescale()
                                        + " became " + b.timescale()
                                        : a.sampleEntry() + " parameter sets differ");
            }
        }
        return String.join(", ", changes);
    }
}
