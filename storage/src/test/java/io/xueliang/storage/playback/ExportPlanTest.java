package io.xueliang.storage.playback;

import static io.xueliang.storage.playback.RecordedFootage.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.Codec;
import io.xueliang.storage.fmp4.Ffprobe;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExportPlanTest {
    static final double FRAME = Footage.FRAME;

    @TempDir
    Path dir;

    static Stream<Arguments> streams() {
        return Stream.of(Arguments.of(Codec.H264, 25), Arguments.of(Codec.H265, 25), Arguments.of(Codec.H264, 50),
                Arguments.of(Codec.H265, 50));
    }

    private Path export(Footage footage, double from, double to, RangeSettings settings) throws Exception {
        ExportPlan plan = ExportPlan.of(RangeSelector.select(footage.recorded.segments(), at(from), at(to), settings));
        Path out = dir.resolve("export-" + from + "-" + to + ".mp4");
        WrittenMp4 written = plan.writeTo(out);
        byte[] bytes = Files.readAllBytes(out);
        assertThat(written.bytes()).isEqualTo(bytes.length).isEqualTo(plan.length());
        assertThat(written.sha256()).as("hashed while writing")
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        return out;
    }

    @ParameterizedTest(name = "{0} gop {1}")
    @MethodSource("streams")
    void showsExactlyTheRangeFromTheFrameOnScreenAtFrom(Codec codec, int gop) throws Exception {
        Footage footage = Footage.record(dir, codec, gop);
        Path out = export(footage, 1.53, 3.7, RangeSettings.export());

        Ffprobe.Result probe = Ffprobe.probe(out, "v:0");
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.stream()).containsEntry("codec_name", codec == Codec.H264 ? "h264" : "hevc")
                .containsEntry("start_time", "0.000000");
        assertThat(probe.formatDuration()).isCloseTo(3.7 - 1.53, Offset.offset(FRAME));
        assertThat(Double.parseDouble(probe.stream().get("duration"))).isCloseTo(3.7 - 1.53, Offset.offset(FRAME));
        // The lead-in from the keyframe is decoded but not shown: what is shown is the frames on screen in the range.
        assertThat(probe.frames()).isEqualTo(footage.framesShown(1.53, 3.7)).isEqualTo(55);

        // The first picture is the one filmed at 1.52 s (on screen at 1.53 s), the last the one filmed at 3.68 s.
        List<String> source0 = Ffmpeg.frameHashes(dir.resolve("seg-0.mp4"));
        List<String> source1 = Ffmpeg.frameHashes(dir.resolve("seg-1.mp4"));
        List<String> exported = Ffmpeg.frameHashes(out);
        assertThat(exported).hasSize(55);
        assertThat(exported.get(0)).isEqualTo(source0.get(38));
        assertThat(exported.subList(0, 12)).isEqualTo(source0.subList(38, 50));
        assertThat(exported.get(54)).isEqualTo(source1.get(42));
    }

    @Test
    void aRangeOnFrameBoundariesLastsExactlyToMinusFrom() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25);
        Path out = export(footage, 2.2, 3.0, RangeSettings.export());

        Ffprobe.Result probe = Ffprobe.probe(out, "v:0");
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.formatDuration()).isEqualTo(0.8);
        assertThat(probe.frames()).isEqualTo(20);
        assertThat(Ffmpeg.frameHashes(out).get(0)).isEqualTo(Ffmpeg.frameHashes(dir.resolve("seg-1.mp4")).get(5));
    }

    @Test
    void skipsAnOutageInsideTheRange() throws Exception {
        Footage footage = Footage.record(dir, Codec.H265, 25);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(3.5), at(7.5),
                RangeSettings.export());
        Path out = export(footage, 3.5, 7.5, RangeSettings.export());

        Ffprobe.Result probe = Ffprobe.probe(out, "v:0");
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.formatDuration()).isCloseTo(7.5 - 3.5 - (Footage.GAP_END - Footage.GAP_START),
                Offset.offset(FRAME));
        assertThat(probe.frames()).isEqualTo(footage.framesShown(3.5, 7.5)).isEqualTo(13 + 13);
        assertThat(s.gaps()).containsExactly(new PlaybackGap(at(4), at(7), Duration.ofSeconds(1)));
        assertThat(Ffmpeg.seekAndDecodeOneFrame(out, 0.6).errors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"AAC", "PCMA"})
    void carriesTheSoundTrimmedToTheSameRange(Codec audio) throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25, audio);
        Path out = export(footage, 1.53, 8.3, RangeSettings.export());

        Ffprobe.Result v = Ffprobe.probe(out, "v:0");
        Ffprobe.Result a = Ffprobe.probe(out, "a:0");
        assertThat(v.errors()).isEmpty();
        assertThat(a.errors()).isEmpty();
        assertThat(v.format()).containsEntry("nb_streams", "2");
        assertThat(a.stream()).containsEntry("codec_name", audio == Codec.AAC ? "aac" : "pcm_alaw");
        double shown = 8.3 - 1.52 - 3;
        assertThat(v.formatDuration()).isCloseTo(shown, Offset.offset(FRAME));
        assertThat(Double.parseDouble(a.stream().get("duration"))).isCloseTo(shown, Offset.offset(0.03));
        // ffmpeg decodes the whole file without a timestamp complaint, sound and pictures together.
        Ffmpeg.Run decode = Ffmpeg.run("-i", out.toString(), "-f", "null", "-");
        assertThat(decode.errors()).isEmpty();
    }

    @Test
    void anyByteRangesConcatenateToTheWholeFile() throws Exception {
        Footage footage = Footage.record(dir, Codec.H265, 50, Codec.AAC);
        ExportPlan plan = ExportPlan.of(RangeSelector.select(footage.recorded.segments(), at(1.53), at(8.3),
                RangeSettings.export()));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        plan.write(0, plan.length(), whole);
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            long a = random.nextLong(plan.length() + 1);
            long b = random.nextLong(plan.length() + 1);
            ByteArrayOutputStream pieces = new ByteArrayOutputStream();
            plan.write(0, Math.min(a, b), pieces);
            plan.write(Math.min(a, b), Math.max(a, b), pieces);
            plan.write(Math.max(a, b), plan.length(), pieces);
            assertThat(pieces.toByteArray()).isEqualTo(whole.toByteArray());
        }
    }
}
