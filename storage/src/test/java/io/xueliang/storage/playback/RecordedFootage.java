package io.xueliang.storage.playback;

import io.xueliang.media.AccessUnit;
import io.xueliang.storage.fmp4.FragmentListener;
import io.xueliang.storage.fmp4.Fmp4SegmentWriter;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.fmp4.SegmentSummary;
import io.xueliang.storage.fmp4.SegmentTracks;
import io.xueliang.storage.fmp4.TestClips;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Segment files recorded by the real {@link Fmp4SegmentWriter} from ffmpeg-encoded test clips, laid out on a
 * camera's timeline: {@link #record} appends a stretch of a clip at a chosen wall-clock offset, so tests build
 * rotations (segments that meet) and outages (gaps) as a recorder would leave them.
 */
final class RecordedFootage {
    /** Wall clock of the clips' first frame: the timeline's 0. */
    static final Instant T0 = TestClips.FIRST_WALL_CLOCK;

    private final Path dir;
    private final List<SourceSegment> segments = new ArrayList<>();
    private final List<SegmentSummary> summaries = new ArrayList<>();

    RecordedFootage(Path dir) {
        this.dir = dir;
    }

    /**
     * Records {@code units} (from one clip, all of one stream) into a new segment as if the camera had filmed them
     * {@code at} after {@link #T0}: every unit's pts and wall clock move by {@code at} minus the first unit's time.
     */
    RecordedFootage record(SegmentTracks tracks, List<AccessUnit> units, Duration at) throws IOException {
        Path file = dir.resolve("seg-" + segments.size() + ".mp4");
        AccessUnit first = units.stream().filter(AccessUnit::isVideo).findFirst().orElseThrow();
        long ptsShift = at.toNanos() * 9 / 100_000 - (first.pts90k() - TestClips.FIRST_PTS);
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA, tracks, T0.plus(at),
                Fmp4WriterSettings.defaults(), FragmentListener.NONE)) {
            for (AccessUnit u : units) {
                long pts = u.pts90k() + ptsShift;
                Instant wall = T0.plusNanos((pts - TestClips.FIRST_PTS) * 100_000 / 9);
                w.append(AccessUnit.copyOf(u.camera(), u.description(), pts, wall, u.isKeyframe(), u.copyPayload()));
            }
            SegmentSummary s = w.finish();
            summaries.add(s);
            segments.add(new SourceSegment(s.wallClockStart(), SegmentSource.of(file)));
        }
        return this;
    }

    List<SourceSegment> segments() {
        return List.copyOf(segments);
    }

    List<SegmentSummary> summaries() {
        return List.copyOf(summaries);
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }
}
