package io.xueliang.storage.playback;

import static io.xueliang.storage.playback.RecordedFootage.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.Codec;
import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.fmp4.SegmentTracks;
import io.xueliang.storage.fmp4.TestClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeSelectorTest {
    static final int VIDEO = SegmentTracks.VIDEO_TRACK_ID;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gop {0}")
    @ValueSource(ints = {25, 50})
    void startsAtTheKeyframeAtOrBeforeFromAndEndsAtTheLastFrameBeforeTo(int gop) throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, gop);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(1.53), at(8.3),
                RangeSettings.playback());

        double keyframe = gop == 25 ? 1.0 : 0.0;
        assertThat(s.start()).isEqualTo(at(keyframe));
        assertThat(s.sampleCount(VIDEO)).isEqualTo(footage.framesFromKeyframe(1.53, 8.3))
                .isEqualTo(gop == 25 ? 108 : 133);
        // The frame on screen at 1.53 s is the one filmed at 1.52 s.
        assertThat(s.startOffset()).isEqualTo(Duration.ofMillis(Math.round((1.52 - keyframe) * 1000)));
        assertThat(s.shownFrom()).isEqualTo(at(1.52));
        // The last frame starts at 8.28 s, before 8.3 s; it ends at 8.32 s. Media time skips the 3 s outage.
        assertThat(s.end()).isEqualTo(at(8.32));
        assertThat(s.duration()).isEqualTo(Duration.ofMillis(Math.round((8.32 - 3 - keyframe) * 1000)));
        assertThat(s.gaps()).containsExactly(new PlaybackGap(at(4), at(7), Duration.ofMillis(
                Math.round((4 - keyframe) * 1000))));
        assertThat(s.stop()).isEmpty();
        assertThat(s.sources()).hasSize(3);
        assertThat(s.tracks()).hasSize(1);
    }

    @Test
    void toIsExclusive() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(2), at(3), RangeSettings.export());

        assertThat(s.sampleCount(VIDEO)).isEqualTo(25);
        assertThat(s.start()).isEqualTo(at(2));
        assertThat(s.end()).isEqualTo(at(3));
        assertThat(s.startOffset()).isZero();
        assertThat(s.sources()).containsExactly(footage.recorded.segments().get(1).source());
    }

    @Test
    void aRangeInsideAnOutageIsEmptyAndSaysSo() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(4.5), at(6.5),
                RangeSettings.playback());

        assertThat(s.isEmpty()).isTrue();
        assertThat(s.gaps()).containsExactly(new PlaybackGap(at(4.5), at(6.5), Duration.ZERO));
        assertThat(s.tracks()).isEmpty();
        assertThat(s.duration()).isZero();
        assertThatThrownBy(s::start).isInstanceOf(NothingRecordedException.class)
                .hasMessage("nothing recorded from " + at(4.5) + " to " + at(6.5));
        NothingRecordedException e = org.assertj.core.api.Assertions.catchThrowableOfType(NothingRecordedException.class,
                () -> PlaybackPlan.of(s));
        assertThat(e.from()).isEqualTo(at(4.5));
        assertThat(e.to()).isEqualTo(at(6.5));
        assertThatThrownBy(() -> ExportPlan.of(s)).isInstanceOf(NothingRecordedException.class);
        assertThat(RangeSelector.select(footage.recorded.segments(), at(-9), at(-1), RangeSettings.playback())
                .isEmpty()).isTrue();
        assertThat(RangeSelector.select(footage.recorded.segments(), at(11), at(20), RangeSettings.playback())
                .isEmpty()).isTrue();
        assertThat(RangeSelector.select(List.of(), at(0), at(1), RangeSettings.playback()).gaps())
                .containsExactly(new PlaybackGap(at(0), at(1), Duration.ZERO));
    }

    @Test
    void aRangeStartingOrEndingInAnOutageReportsTheMissingTimeAtTheEdges() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25);

        RangeSelection lead = RangeSelector.select(footage.recorded.segments(), at(5), at(8), RangeSettings.playback());
        assertThat(lead.start()).isEqualTo(at(7));
        assertThat(lead.startOffset()).isZero();
        assertThat(lead.gaps()).containsExactly(new PlaybackGap(at(5), at(7), Duration.ZERO));
        assertThat(lead.sampleCount(VIDEO)).isEqualTo(25);

        RangeSelection trail = RangeSelector.select(footage.recorded.segments(), at(10.5), at(12),
                RangeSettings.playback());
        assertThat(trail.start()).isEqualTo(at(10));
        assertThat(trail.end()).isEqualTo(at(11));
        assertThat(trail.gaps()).containsExactly(new PlaybackGap(at(11), at(12), Duration.ofSeconds(1)));
        assertThat(trail.sampleCount(VIDEO)).isEqualTo(25);
    }

    @Test
    void stopsWhereTheParametersChangeAndTheNextRangeStartsThere() throws Exception {
        TestClips.Video h264 = TestClips.video(Codec.H264, 25);
        TestClips.Video h265 = TestClips.video(Codec.H265, 25);
        RecordedFootage recorded = new RecordedFootage(dir)
                .record(SegmentTracks.videoOnly(h264.description()), h264.units().subList(0, 50), Duration.ZERO)
                .record(SegmentTracks.videoOnly(h265.description()), h265.units().subList(50, 100),
                        Duration.ofSeconds(2));

        RangeSelection before = RangeSelector.select(recorded.segments(), at(0.5), at(3.5), RangeSettings.playback());
        assertThat(before.stop()).hasValueSatisfying(stop -> {
            assertThat(stop.reason()).isEqualTo(RangeStop.Reason.PARAMETERS_CHANGED);
            assertThat(stop.resumeFrom()).isEqualTo(at(2));
            assertThat(stop.detail()).contains("avc1 became hvc1");
        });
        assertThat(before.sampleCount(VIDEO)).isEqualTo(50);
        assertThat(before.video().sampleEntry()).isEqualTo("avc1");
        assertThat(before.gaps()).isEmpty();

        RangeSelection after = RangeSelector.select(recorded.segments(), before.stop().get().resumeFrom(), at(3.5),
                RangeSettings.playback());
        assertThat(after.start()).isEqualTo(at(2));
        assertThat(after.video().sampleEntry()).isEqualTo("hvc1");
        assertThat(after.sampleCount(VIDEO)).isEqualTo(38);
        assertThat(after.stop()).isEmpty();
    }

    @Test
    void stopsWhenAnAudioTrackAppearsButNotForSoundTheChoiceLeavesOut() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 25);
        TestClips.Audio alaw = TestClips.audio(Codec.PCMA);
        RecordedFootage recorded = new RecordedFootage(dir)
                .record(SegmentTracks.videoOnly(v.description()), v.units().subList(0, 50), Duration.ZERO)
                .record(new SegmentTracks(v.description(), alaw.description()), TestClips.interleave(
                        v.units().subList(50, 100), alaw.units().stream()
                                .filter(u -> u.pts90k() >= v.units().get(50).pts90k()).toList()),
                        Duration.ofSeconds(2));

        RangeSelection export = RangeSelector.select(recorded.segments(), at(0), at(4), RangeSettings.export());
        assertThat(export.stop().orElseThrow().detail()).contains("soun track alaw added");
        // Browsers do not play G.711, so playback leaves it out and the two segments stay one range.
        RangeSelection playback = RangeSelector.select(recorded.segments(), at(0), at(4), RangeSettings.playback());
        assertThat(playback.stop()).isEmpty();
        assertThat(playback.sampleCount(VIDEO)).isEqualTo(100);
    }

    @ParameterizedTest(name = "gop {0}")
    @ValueSource(ints = {25, 50})
    void aLimitStopsAtAKeyframeAndRangesResumedFromThereTileTheRecording(int gop) throws Exception {
        Footage footage = Footage.record(dir, Codec.H265, gop);
        RangeSettings settings = RangeSettings.playback().withMaxDuration(Duration.ofSeconds(1));
        List<RangeSelection> parts = new ArrayList<>();
        var from = at(0);
        while (true) {
            RangeSelection s = RangeSelector.select(footage.recorded.segments(), from, at(11), settings);
            parts.add(s);
            assertThat(s.start()).as("each part starts where asked, on a keyframe").isEqualTo(from);
            if (s.stop().isEmpty()) {
                break;
            }
            assertThat(s.stop().get().reason()).isEqualTo(RangeStop.Reason.LIMIT_REACHED);
            from = s.stop().get().resumeFrom();
            assertThat(parts).hasSizeLessThan(20);
        }
        // 1 s GOPs stop every second; 2 s GOPs split into 1 s fragments run on to the next keyframe.
        assertThat(parts.get(0).duration()).isEqualTo(Duration.ofSeconds(gop / 25));
        assertThat(parts.stream().mapToLong(p -> p.sampleCount(VIDEO)).sum()).isEqualTo(200);
    }

    @Test
    void anUnreadableSegmentIsSkippedAndItsTimeReportedAsAGap() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25);
        List<SourceSegment> segments = new ArrayList<>(footage.recorded.segments());
        Path broken = Files.write(dir.resolve("broken.mp4"), new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e', 1, 2, 3});
        segments.set(1, new SourceSegment(segments.get(1).start(), SegmentSource.of(broken)));

        RangeSelection s = RangeSelector.select(segments, at(1.53), at(8.3), RangeSettings.playback());

        assertThat(s.gaps()).containsExactly(new PlaybackGap(at(2), at(7), Duration.ofSeconds(1)));
        assertThat(s.sampleCount(VIDEO)).isEqualTo(25 + 33);
        assertThat(s.sources()).hasSize(2);
    }

    @Test
    void refusesAnEmptyOrReversedRangeAndSegmentsOutOfOrder() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25);
        assertThatThrownBy(() -> RangeSelector.select(footage.recorded.segments(), at(2), at(2),
                RangeSettings.playback())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> RangeSelector.select(footage.recorded.segments().reversed(), at(0), at(20),
                RangeSettings.playback())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in order of start");
        assertThatThrownBy(() -> RangeSettings.playback().withMaxFragments(70_000))
                .hasMessage("maxFragments must be 1 to 65535, was 70000");
    }
}
