package io.xueliang.storage.playback;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.Fmp4SegmentReader;
import io.xueliang.storage.fmp4.SampleEntryParameterSets;
import io.xueliang.storage.fmp4.ScannedFragment;
import io.xueliang.storage.fmp4.ScannedSample;
import io.xueliang.storage.fmp4.ScannedSegment;
import io.xueliang.storage.fmp4.TrackInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A camera's recorded video between two instants as access units again, in order, as ingest once published them:
 * what a stream of recorded video (a superior platform's GB/T 28181 playback) sends. It starts at the keyframe at or
 * before {@code from}, goes through the segments one after the other (a gap between them is simply skipped), and
 * ends at the first frame at or after {@code to}.
 *
 * <p>Each fragment's video run is read in one positional read (its samples lie together in the {@code mdat}), so a
 * segment in S3 costs one ranged GET per fragment. Presentation times are continuous across segments: 90 kHz from
 * one second at {@code from}'s keyframe, following the wall clock. Not thread-safe; blocking reads.
 */
public final class RecordedUnitReader {
    /** A fragment run larger than this is not read: a recorder writes fragments of about a second. */
    static final int MAX_RUN_BYTES = 64 << 20;
    private static final long PTS_ORIGIN = 90_000;

    private final CameraId camera;
    private final Deque<SourceSegment> segments;
    private final Instant from;
    private final Instant to;
    private final Deque<AccessUnit> ready = new ArrayDeque<>();
    private boolean first = true;
    private Instant origin;
    private boolean ended;
    private SourceSegment segment;
    private ScannedSegment scan;
    private TrackInfo track;
    private StreamDescription description;
    private int fragment;
    private int firstSample;

    /** @param segments the camera's segments overlapping the range, oldest first ({@link SegmentSources#sources}) */
    public RecordedUnitReader(CameraId camera, List<SourceSegment> segments, Instant from, Instant to) {
        this.camera = camera;
        this.segments = new ArrayDeque<>(segments);
        this.from = from;
        this.to = to;
    }

    /** The next unit, or null at {@code to} or the end of the recordings. */
    public AccessUnit next() throws IOException {
        while (ready.isEmpty() && !ended) {
            if (scan == null || fragment >= scan.fragments().size()) {
                if (!openNext()) {
                    ended = true;
                    break;
                }
                continue;
            }
            readFragment(scan.fragments().get(fragment++));
        }
        return ready.poll();
    }

    private boolean openNext() throws IOException {
        while (!segments.isEmpty()) {
            segment = segments.poll();
            scan = Fmp4SegmentReader.scan(segment.source());
            Optional<TrackInfo> video = scan.videoTrack();
            Optional<StreamDescription> d = video.flatMap(SampleEntryParameterSets::of);
            if (d.isEmpty()) {
                continue; // no video we can describe: skipped, as playback skips it
            }
            track = video.get();
            description = d.get();
            fragment = 0;
            firstSample = 0;
            if (first) {
                long at = Duration.between(segment.start(), from).toNanos() / 1_000 * track.timescale() / 1_000_000;
                if (scan.endDecodeTime(track.trackId()) <= at) {
                    continue; // ends before the start
                }
                Optional<ScannedSegment.SamplePosition> start = scan.syncSampleAtOrBefore(track.trackId(), Math.max(0, at));
                if (start.isEmpty()) {
                    continue;
                }
                fragment = start.get().fragment();
                firstSample = start.get().sample();
            }
            return true;
        }
        return false;
    }

    private void readFragment(ScannedFragment f) throws IOException {
        Optional<ScannedFragment.Run> run = f.run(track.trackId());
        int skip = firstSample;
        firstSample = 0;
        if (run.isEmpty() || run.get().samples().size() <= skip) {
            return;
        }
        List<ScannedSample> samples = run.get().samples().subList(skip, run.get().samples().size());
        ScannedSample head = samples.getFirst();
        ScannedSample last = samples.getLast();
        long bytes = last.offset() + last.size() - head.offset();
        if (bytes > MAX_RUN_BYTES || bytes < 0) {
            throw new IOException(segment.source().name() + ": a fragment run of " + bytes + " bytes");
        }
        ByteBuffer data = ByteBuffer.allocate((int) bytes);
        segment.source().read(head.offset(), data);
        byte[] all = data.array();
        for (ScannedSample s : samples) {
            Instant wall = segment.start().plusNanos(s.decodeTime() * 1_000_000_000L / track.timescale());
            if (!wall.isBefore(to)) {
                ended = true;
                return;
            }
            if (first) {
                first = false;
                origin = wall;
            }
            byte[] payload = new byte[s.size()];
            System.arraycopy(all, (int) (s.offset() - head.offset()), payload, 0, s.size());
            long pts = PTS_ORIGIN + Duration.between(origin, wall).toNanos() * 9 / 100_000;
            ready.add(AccessUnit.handOver(camera, description, pts, wall, s.sync(), payload));
        }
    }
}
