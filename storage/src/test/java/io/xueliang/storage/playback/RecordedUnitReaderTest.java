package io.xueliang.storage.playback;

import static io.xueliang.storage.playback.RecordedFootage.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.SegmentTracks;
import io.xueliang.storage.fmp4.TestClips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recorded video read back as access units: the recorder's own segments (ffmpeg-encoded clips through the real
 * writer) give back the very frames that were recorded, from the keyframe before the start, with the parameter sets
 * of the track, across a gap between segments, up to the end.
 */
class RecordedUnitReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264", "H265"})
    void theRecordedFramesComeBackFromTheKeyframeBeforeTheStart(Codec codec) throws Exception {
        TestClips.Video clip = TestClips.video(codec, 25);
        List<AccessUnit> units = clip.units().subList(0, 100);
        RecordedFootage recorded = new RecordedFootage(dir)
                .record(SegmentTracks.videoOnly(clip.description()), units.subList(0, 50), Duration.ZERO)
                .record(SegmentTracks.videoOnly(clip.description()), units.subList(50, 100), Duration.ofSeconds(3));

        List<AccessUnit> read = readAll(new RecordedUnitReader(TestClips.CAMERA, recorded.segments(), at(1.3), at(9)));

        // from frame 25 (the keyframe at 1 s) to the end of the first segment, then all of the second after its gap
        assertThat(read).hasSize(25 + 50);
        assertThat(read.getFirst().isKeyframe()).isTrue();
        assertThat(read.getFirst().wallClock()).isEqualTo(at(1));
        assertThat(read.get(25).wallClock()).isEqualTo(at(3));
        for (int i = 0; i < 25; i++) {
            assertThat(read.get(i).copyPayload()).isEqualTo(units.get(25 + i).copyPayload());
        }
        assertThat(read.get(25).copyPayload()).isEqualTo(units.get(50).copyPayload());
        assertThat(read.getFirst().codec()).isEqualTo(codec);
        StreamDescription d = read.getFirst().description();
        assertThat(d.vps()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(clip.description().vps());
        assertThat(d.sps()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(clip.description().sps());
        assertThat(d.pps()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(clip.description().pps());
        assertThat(d.width()).isEqualTo(TestClips.WIDTH);
        // presentation times follow the wall clock across the gap, from 1 s
        assertThat(read.getFirst().pts90k()).isEqualTo(90_000);
        assertThat(read.get(25).pts90k()).isEqualTo(90_000 + 2 * 90_000);
        assertThat(read.get(1).pts90k() - read.get(0).pts90k()).isEqualTo(TestClips.FRAME_TICKS);
    }

    @Test
    void endsAtTheFirstFrameAtOrAfterTheEnd() throws Exception {
        TestClips.Video clip = TestClips.video(Codec.H264, 25);
        RecordedFootage recorded = new RecordedFootage(dir)
                .record(SegmentTracks.videoOnly(clip.description()), clip.units().subList(0, 75), Duration.ZERO);

        List<AccessUnit> read = readAll(new RecordedUnitReader(TestClips.CAMERA, recorded.segments(), at(0), at(2)));

        assertThat(read).hasSize(50);
        assertThat(read.getLast().wallClock()).isBefore(at(2));
        assertThat(readAll(new RecordedUnitReader(TestClips.CAMERA, recorded.segments(), at(5), at(6))))
                .as("after the recording").isEmpty();
        assertThat(readAll(new RecordedUnitReader(TestClips.CAMERA, List.of(), at(0), at(6)))).isEmpty();
    }

    private static List<AccessUnit> readAll(RecordedUnitReader reader) throws Exception {
        List<AccessUnit> all = new ArrayList<>();
        for (AccessUnit u = reader.next(); u != null; u = reader.next()) {
            all.add(u);
        }
        return all;
    }
}
