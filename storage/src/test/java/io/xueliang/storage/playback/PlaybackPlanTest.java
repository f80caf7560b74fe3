package io.xueliang.storage.playback;

import static io.xueliang.storage.playback.RecordedFootage.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.Codec;
import io.xueliang.storage.fmp4.Ffprobe;
import io.xueliang.storage.fmp4.Fmp4SegmentReader;
import io.xueliang.storage.fmp4.MemorySegmentSource;
import io.xueliang.storage.fmp4.ScannedFragment;
import io.xueliang.storage.fmp4.ScannedSample;
import io.xueliang.storage.fmp4.ScannedSegment;
import io.xueliang.storage.fmp4.SegmentTracks;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlaybackPlanTest {
    static final int VIDEO = SegmentTracks.VIDEO_TRACK_ID;

    @TempDir
    Path dir;

    /** A 1 s GOP makes a fragment per GOP; a 2 s GOP has fragments that start without a keyframe. */
    static Stream<Arguments> streams() {
        return Stream.of(Arguments.of(Codec.H264, 25), Arguments.of(Codec.H265, 25), Arguments.of(Codec.H264, 50),
                Arguments.of(Codec.H265, 50));
    }

    private Path write(PlaybackPlan plan, String name) throws Exception {
        Path out = dir.resolve(name);
        WrittenMp4 written = plan.writeTo(out);
        assertThat(written.bytes()).isEqualTo(plan.length()).isEqualTo(Files.size(out));
        return out;
    }

    @ParameterizedTest(name = "{0} gop {1}")
    @MethodSource("streams")
    void playsAcrossThreeSegmentsAndAnOutageFromTheKeyframeBeforeFrom(Codec codec, int gop) throws Exception {
        Footage footage = Footage.record(dir, codec, gop);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(1.53), at(8.3),
                RangeSettings.playback());
        Path out = write(PlaybackPlan.of(s), "playback.mp4");

        Ffprobe.Result probe = Ffprobe.probe(out, "v:0");
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.stream()).containsEntry("codec_name", codec == Codec.H264 ? "h264" : "hevc")
                .containsEntry("codec_tag_string", codec == Codec.H264 ? "avc1" : "hvc1")
                .containsEntry("start_time", "0.000000");
        assertThat(probe.frames()).isEqualTo(footage.framesFromKeyframe(1.53, 8.3));
        assertThat(probe.formatDuration()).isCloseTo(s.duration().toNanos() / 1e9, Offset.offset(0.001));

        // One timeline: decode times continue across the segments and the outage, sequence numbers count up.
        ScannedSegment scan = Fmp4SegmentReader.scan(out);
        assertThat(scan.isWhole()).as(scan.problem()).isTrue();
        assertThat(scan.fragments()).hasSize(s.fragmentCount());
        long expected = 0;
        for (int i = 0; i < scan.fragments().size(); i++) {
            ScannedFragment f = scan.fragments().get(i);
            assertThat(f.sequence()).isEqualTo(i + 1);
            ScannedFragment.Run run = f.run(VIDEO).orElseThrow();
            assertThat(run.startDecodeTime()).isEqualTo(expected);
            expected = run.endDecodeTime();
            assertThat(f.reference().wallClock()).as("prft keeps each fragment's wall clock").isIn(
                    footage.frames.stream().map(fr -> at(fr[0])).toList());
        }
        assertThat(scan.fragments().get(0).run(VIDEO).orElseThrow().samples().get(0).sync()).isTrue();
    }

    @ParameterizedTest(name = "{0} gop {1}")
    @MethodSource("streams")
    void fragmentsAreWholeGopsAndTheSegmentIndexHasOneReferenceEachWithSizeDurationAndSap(Codec codec, int gop)
            throws Exception {
        Footage footage = Footage.record(dir, codec, gop);
        PlaybackPlan plan = PlaybackPlan.of(RangeSelector.select(footage.recorded.segments(), at(0.5), at(10.5),
                RangeSettings.playback()));
        Path out = write(plan, "indexed.mp4");
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(out));
        ScannedSegment scan = Fmp4SegmentReader.scan(out);

        int sidx = boxAfterInit(file, scan.initEnd());
        assertThat(fourcc(file, sidx + 4)).isEqualTo("sidx");
        assertThat(file.getInt(sidx + 12)).as("reference_ID").isEqualTo(VIDEO);
        assertThat(file.getInt(sidx + 16)).as("timescale").isEqualTo(90_000);
        assertThat(file.getInt(sidx + 20)).as("earliest presentation time").isZero();
        assertThat(file.getInt(sidx + 24)).as("first_offset").isZero();
        int count = file.getShort(sidx + 30) & 0xffff;
        assertThat(count).isEqualTo(scan.fragments().size());
        long offset = sidx + file.getInt(sidx);
        assertThat(offset).isEqualTo(scan.fragments().get(0).offset());
        for (int i = 0; i < count; i++) {
            int ref = sidx + 32 + 12 * i;
            ScannedFragment f = scan.fragments().get(i);
            ScannedFragment.Run run = f.run(VIDEO).orElseThrow();
            assertThat(file.getInt(ref) & 0xffffffffL).as("media reference, its size").isEqualTo(f.end() - f.offset());
            assertThat(file.getInt(ref + 4) & 0xffffffffL).isEqualTo(run.endDecodeTime() - run.startDecodeTime());
            assertThat(run.samples().get(0).sync()).as("fragment " + i + " starts with a keyframe").isTrue();
            assertThat(run.samples().stream().skip(1).noneMatch(ScannedSample::sync)).as("one GOP").isTrue();
            int sap = file.getInt(ref + 8);
            assertThat(sap >>> 28).as("starts_with_SAP, SAP_type 1").isEqualTo(0b1001);
            assertThat(sap & 0x0fffffff).as("SAP_delta_time").isZero();
            offset += file.getInt(ref);
        }
        assertThat(offset).isEqualTo(file.capacity());
        // 0.5 s to 10.5 s: the GOPs at 0, 1 (gop 25 only), 2, 3 (gop 25) and 7, 8 (gop 25), 9, 10 (gop 25) s.
        assertThat(count).isEqualTo(gop == 25 ? 8 : 4);
    }

    @ParameterizedTest(name = "{0} gop {1}")
    @MethodSource("streams")
    void ffmpegSeeksAnywhereWithoutError(Codec codec, int gop) throws Exception {
        Footage footage = Footage.record(dir, codec, gop);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(1.53), at(10.9),
                RangeSettings.playback());
        Path out = write(PlaybackPlan.of(s), "seek.mp4");
        double gapAt = s.gaps().get(0).at().toNanos() / 1e9;
        for (double x : new double[] {0, 0.5, 1.7, gapAt - 0.02, gapAt, gapAt + 0.5, s.duration().toMillis() / 1e3
                - 0.1}) {
            Ffmpeg.Run r = Ffmpeg.seekAndDecodeOneFrame(out, x);
            assertThat(r.exit()).as("seek to " + x).isZero();
            assertThat(r.errors()).as("seek to " + x).isEmpty();
        }
    }

    @Test
    void anyByteRangesConcatenateToTheWholeFile() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 50, Codec.AAC);
        PlaybackPlan plan = PlaybackPlan.of(RangeSelector.select(footage.recorded.segments(), at(1.53), at(8.3),
                RangeSettings.playback()));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        plan.write(0, plan.length(), whole);
        byte[] expected = whole.toByteArray();
        assertThat(expected).hasSize((int) plan.length());

        Random random = new Random(4);
        for (int round = 0; round < 20; round++) {
            List<Long> cuts = new ArrayList<>(List.of(0L, plan.length()));
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                cuts.add((long) random.nextInt((int) plan.length() + 1));
            }
            cuts.sort(null);
            ByteArrayOutputStream pieces = new ByteArrayOutputStream();
            for (int i = 0; i + 1 < cuts.size(); i++) {
                plan.write(cuts.get(i), cuts.get(i + 1), pieces);
            }
            assertThat(pieces.toByteArray()).as("round " + round + " cuts " + cuts).isEqualTo(expected);
        }
        ByteArrayOutputStream last = new ByteArrayOutputStream();
        plan.write(plan.length() - 1, plan.length(), last);
        assertThat(last.toByteArray()).containsExactly(expected[expected.length - 1]);
        assertThatThrownBy(() -> plan.write(0, plan.length() + 1, new ByteArrayOutputStream()))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> plan.write(5, 4, new ByteArrayOutputStream()))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void playsSegmentsFromABlobStoreWithOneRangedReadPerSegmentCopied() throws Exception {
        Footage footage = Footage.record(dir, Codec.H265, 25);
        List<SourceSegment> local = footage.recorded.segments();
        List<MemorySegmentSource> remote = new ArrayList<>();
        List<SourceSegment> fromStore = new ArrayList<>();
        for (int i = 0; i < local.size(); i++) {
            Path file = dir.resolve("seg-" + i + ".mp4");
            remote.add(new MemorySegmentSource("cam/seg-" + i + ".mp4", Files.readAllBytes(file)));
            fromStore.add(new SourceSegment(local.get(i).start(), remote.get(i)));
        }
        PlaybackPlan fromFiles = PlaybackPlan.of(RangeSelector.select(local, at(1.53), at(8.3),
                RangeSettings.playback()));
        PlaybackPlan fromBlobs = PlaybackPlan.of(RangeSelector.select(fromStore, at(1.53), at(8.3),
                RangeSettings.playback()));
        int scanRequests = remote.stream().mapToInt(MemorySegmentSource::requests).sum();

        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        fromFiles.write(0, fromFiles.length(), a);
        fromBlobs.write(0, fromBlobs.length(), b);
        assertThat(b.toByteArray()).isEqualTo(a.toByteArray());
        assertThat(remote.stream().mapToInt(MemorySegmentSource::requests).sum() - scanRequests)
                .as("one stream per segment, skipping the source's fragment heads").isEqualTo(3);
    }

    @Test
    void keepsAacSoundInStepWithThePictures() throws Exception {
        Footage footage = Footage.record(dir, Codec.H264, 25, Codec.AAC);
        RangeSelection s = RangeSelector.select(footage.recorded.segments(), at(1.53), at(8.3),
                RangeSettings.playback());
        Path out = write(PlaybackPlan.of(s), "sound.mp4");

        Ffprobe.Result video = Ffprobe.probe(out, "v:0");
        Ffprobe.Result audio = Ffprobe.probe(out, "a:0");
        assertThat(video.errors()).isEmpty();
        assertThat(audio.errors()).isEmpty();
        assertThat(audio.stream()).containsEntry("codec_name", "aac");
        assertThat(video.frames()).isEqualTo(108);
        // 4.32 s of pictures: 1024-sample AAC frames at 48 kHz cover it within a frame at each segment join.
        int aacFrames = (int) Math.round(4.32 * 48_000 / 1024);
        assertThat(audio.frames()).isCloseTo(aacFrames, Offset.offset(3L));
        ScannedSegment scan = Fmp4SegmentReader.scan(out);
        for (ScannedFragment f : scan.fragments()) {
            ScannedFragment.Run v = f.run(VIDEO).orElseThrow();
            ScannedFragment.Run a = f.run(SegmentTracks.AUDIO_TRACK_ID).orElseThrow();
            assertThat(a.startDecodeTime() * 90_000 / 48_000).as("sound starts with its pictures")
                    .isCloseTo(v.startDecodeTime(), Offset.offset(1024L * 90_000 / 48_000));
        }
    }

    private static int boxAfterInit(ByteBuffer file, long initEnd) {
        return (int) initEnd;
    }

    private static String fourcc(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
