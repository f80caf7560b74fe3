package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.LiveFragmenter.Chunk;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live fragments as a browser's MSE takes them: what a viewer joining mid-stream receives (an init segment, then
 * fragments from a keyframe) is a file ffprobe decodes without an error, for H.264 and H.265.
 */
class LiveFragmenterTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264", "H265"})
    void aViewerJoiningMidStreamGetsAStreamThatDecodesFromItsFirstKeyframe(Codec codec) throws Exception {
        List<AccessUnit> units = TestClips.video(codec, 25).units();
        LiveFragmenter f = new LiveFragmenter();
        List<Chunk> all = new ArrayList<>();
        for (AccessUnit u : units.subList(10, units.size())) { // starts mid-GOP: the first 15 pictures wait
            all.addAll(f.accept(u));
        }
        assertThat(all.getFirst().kind()).isEqualTo(Chunk.Kind.INIT);
        assertThat(all.stream().filter(c -> c.kind() == Chunk.Kind.FRAGMENT).count())
                .as("from the keyframe at 25, less the last picture, held for its duration")
                .isEqualTo(units.size() - 25 - 1);
        Chunk first = all.get(1);
        assertThat(first.keyframe()).isTrue();
        assertThat(first.decodeTime()).isZero();
        assertThat(all.get(2).decodeTime()).isEqualTo(TestClips.FRAME_TICKS);
        assertThat(all.get(2).duration()).isEqualTo(TestClips.FRAME_TICKS);
        assertThat(f.codec()).startsWith(codec == Codec.H264 ? "avc1." : "hvc1.");
        // Each fragment opens with a prft naming its picture's capture instant and decode time (latency for players).
        java.nio.ByteBuffer second = java.nio.ByteBuffer.wrap(all.get(2).bytes());
        assertThat(new String(all.get(2).bytes(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("prft");
        assertThat(second.getInt(12)).as("track").isEqualTo(SegmentTracks.VIDEO_TRACK_ID);
        assertThat(ProducerReference.fromNtp(second.getLong(16))).isEqualTo(units.get(26).wallClock());
        assertThat(second.getLong(24)).as("media time").isEqualTo(TestClips.FRAME_TICKS);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        all.forEach(c -> file.writeBytes(c.bytes()));
        Path mp4 = dir.resolve("live.mp4");
        Files.write(mp4, file.toByteArray());
        RecordingClips.Probe probe = RecordingClips.probe(mp4);
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.frames()).isEqualTo(units.size() - 25 - 1);
        assertThat(probe.codec()).isEqualTo(codec == Codec.H264 ? "h264" : "hevc");
    }

    @Test
    void newParametersStartANewInitSegmentAtTheNextKeyframeAndTimeRunsOn() throws Exception {
        List<AccessUnit> units = TestClips.video(Codec.H264, 25).units();
        StreamDescription d = units.getFirst().description();
        StreamDescription other = StreamDescription.h264(d.sps(), d.pps(), d.width() + 2, d.height());
        LiveFragmenter f = new LiveFragmenter();
        List<Chunk> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            AccessUnit u = units.get(i);
            if (i >= 25) {
                byte[] payload = new byte[u.size()];
                u.payload().get(payload);
                u = AccessUnit.handOver(u.camera(), other, u.pts90k(), u.wallClock(), u.isKeyframe(), payload);
            }
            all.addAll(f.accept(u));
        }
        List<Chunk.Kind> kinds = all.stream().map(Chunk::kind).toList();
        assertThat(kinds.indexOf(Chunk.Kind.INIT)).isZero();
        assertThat(kinds.lastIndexOf(Chunk.Kind.INIT)).as("after the 25 pictures of the first GOP").isEqualTo(26);
        assertThat(all.get(27).keyframe()).isTrue();
        assertThat(all.get(27).decodeTime()).isEqualTo(25L * TestClips.FRAME_TICKS);
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264", "H265"})
    void aStillKeyframeShowsAtOnceAndTheNextKeyframeGoesOnRightAfterItWithNoGap(Codec codec) throws Exception {
        List<AccessUnit> units = TestClips.video(codec, 25).units();
        LiveFragmenter f = new LiveFragmenter();
        List<Chunk> all = new ArrayList<>(f.startWith(units.getFirst()));
        assertThat(all).extracting(Chunk::kind).containsExactly(Chunk.Kind.INIT, Chunk.Kind.FRAGMENT);
        assertThat(all.get(1).keyframe()).isTrue();
        assertThat(all.get(1).decodeTime()).isZero();
        assertThat(all.get(1).wallClock()).isEqualTo(units.getFirst().wallClock());
        int still = all.get(1).duration();
        assertThat(still).as("one frame interval").isEqualTo(TestClips.FRAME_TICKS);
        // The rest of that GOP needs the pictures skipped; a hub reader starts at the next keyframe anyway.
        assertThat(f.accept(units.get(5))).as("no picture before a keyframe").isEmpty();
        for (AccessUnit u : units.subList(25, units.size())) {
            all.addAll(f.accept(u));
        }
        assertThat(all.stream().filter(c -> c.kind() == Chunk.Kind.INIT).count()).as("same parameters").isOne();
        assertThat(all.get(2).keyframe()).isTrue();
        assertThat(all.get(2).decodeTime()).as("right after the still, not 24 frames later").isEqualTo(still);
        assertThat(all.get(3).decodeTime()).isEqualTo(still + TestClips.FRAME_TICKS);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        all.forEach(c -> file.writeBytes(c.bytes()));
        Path mp4 = dir.resolve("still.mp4");
        Files.write(mp4, file.toByteArray());
        RecordingClips.Probe probe = RecordingClips.probe(mp4);
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.frames()).as("the still, then the pictures from the next keyframe, less the last")
                .isEqualTo(1 + units.size() - 25 - 1);
    }

    @Test
    void aStillIsAKeyframeAndComesFirst() throws Exception {
        List<AccessUnit> units = TestClips.video(Codec.H264, 25).units();
        assertThatThrownBy(() -> new LiveFragmenter().startWith(units.get(1)))
                .isInstanceOf(IllegalArgumentException.class);
        LiveFragmenter started = new LiveFragmenter();
        started.accept(units.getFirst());
        assertThatThrownBy(() -> started.startWith(units.get(25))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void audioIsNotCarriedAndNothingComesBeforeAKeyframe() throws Exception {
        List<AccessUnit> units = TestClips.video(Codec.H264, 25).units();
        LiveFragmenter f = new LiveFragmenter();
        assertThat(f.accept(units.get(1))).isEmpty();
        AccessUnit audio = AccessUnit.copyOf(units.getFirst().camera(),
                StreamDescription.audio(Codec.PCMA, 8000, 1, null), 0, units.getFirst().wallClock(), true,
                new byte[160]);
        assertThat(f.accept(audio)).isEmpty();
        assertThat(f.codec()).isNull();
    }

    @Test
    void codecStringsAsBrowsersNameThem() {
        HexFormat hex = HexFormat.of();
        assertThat(MseCodecs.of(StreamDescription.h264(List.of(hex.parseHex("6764001facd9")), List.of(hex.parseHex(
                "68ee")), 0, 0))).isEqualTo("avc1.64001f");
        // Main profile, compatible with Main and Main 10, level 2.1, progressive and frame-only constraint flags.
        assertThat(MseCodecs.of(StreamDescription.h265(List.of(ParameterSetRecordTest.X265_VPS),
                List.of(ParameterSetRecordTest.X265_SPS), List.of(ParameterSetRecordTest.X265_PPS), 640, 360)))
                .isEqualTo("hvc1.1.6.L63.90");
        assertThatThrownBy(() -> MseCodecs.of(StreamDescription.h264(List.of(hex.parseHex("67c0")), List.of(), 0,
                0))).isInstanceOf(UnsupportedStreamException.class);
    }
}
