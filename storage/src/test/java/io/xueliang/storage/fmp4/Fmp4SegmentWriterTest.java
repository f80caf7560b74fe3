package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Fmp4SegmentWriterTest {
    static final Instant CREATED = Instant.parse("2026-03-01T08:00:01Z");

    @TempDir
    Path dir;

    /**
     * Codec, GOP and direct I/O: a 1 s GOP makes a fragment per GOP, a 2 s GOP makes the 1 s limit cut it; direct I/O
     * pads every write to a block boundary.
     */
    static Stream<Arguments> streams() {
        return Stream.of(Arguments.of(Codec.H264, 25, false), Arguments.of(Codec.H265, 25, false),
                Arguments.of(Codec.H264, 50, false), Arguments.of(Codec.H265, 50, false),
                Arguments.of(Codec.H264, 25, true), Arguments.of(Codec.H265, 50, true));
    }

    record Written(Path file, SegmentSummary summary, List<FragmentWritten> fragments) {
    }

    Written write(String name, SegmentTracks tracks, List<AccessUnit> units) throws IOException {
        return write(name, tracks, units, false);
    }

    Written write(String name, SegmentTracks tracks, List<AccessUnit> units, boolean directIo) throws IOException {
        Path file = dir.resolve(name);
        List<FragmentWritten> fragments = new ArrayList<>();
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA, tracks, CREATED,
                Fmp4WriterSettings.defaults().withDirectIo(directIo), fragments::add)) {
            assertThat(w.directIo()).as("direct I/O on the test's file system").isEqualTo(directIo);
            for (AccessUnit u : units) {
                w.append(u);
            }
            return new Written(file, w.finish(), fragments);
        }
    }

    @ParameterizedTest(name = "{0} gop {1} direct I/O {2}")
    @MethodSource("streams")
    void writesSegmentFfprobeReadsWithRightCodecFramesAndDuration(Codec codec, int gop, boolean directIo) throws Exception {
        TestClips.Video v = TestClips.video(codec, gop);
        Written w = write("seg.mp4", SegmentTracks.videoOnly(v.description()), v.units(), directIo);

        Ffprobe.Result probe = Ffprobe.probe(w.file(), "v:0");
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.stream()).containsEntry("codec_name", codec == Codec.H264 ? "h264" : "hevc")
                .containsEntry("codec_tag_string", codec == Codec.H264 ? "avc1" : "hvc1")
                .containsEntry("width", "640").containsEntry("height", "360");
        assertThat(probe.frames()).isEqualTo(v.units().size()).isEqualTo(100);
        assertThat(probe.formatDuration()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1.0 / TestClips.FPS));
    }

    @ParameterizedTest(name = "{0} gop {1} direct I/O {2}")
    @MethodSource("streams")
    void everyFragmentHoldsAtMostOneGopAndOneSecond(Codec codec, int gop, boolean directIo) throws Exception {
        TestClips.Video v = TestClips.video(codec, gop);
        Written w = write("seg.mp4", SegmentTracks.videoOnly(v.description()), v.units(), directIo);
        ScannedSegment scan = Fmp4SegmentReader.scan(w.file());

        assertThat(scan.isWhole()).as(scan.problem()).isTrue();
        assertThat(scan.fragments()).hasSize(w.fragments().size()).hasSize(4 * TestClips.FPS / Math.min(gop, 25));
        for (ScannedFragment f : scan.fragments()) {
            ScannedFragment.Run run = f.run(SegmentTracks.VIDEO_TRACK_ID).orElseThrow();
            assertThat(run.endDecodeTime() - run.startDecodeTime()).isLessThanOrEqualTo(90_000);
            assertThat(run.samples().stream().skip(1).noneMatch(ScannedSample::sync)).as("one GOP at most").isTrue();
            assertThat(f.reference()).isNotNull();
        }
        // Every keyframe starts a fragment, and the samples are the units, in order, with their true durations.
        List<ScannedSample> samples = scan.fragments().stream()
                .flatMap(f -> f.run(SegmentTracks.VIDEO_TRACK_ID).orElseThrow().samples().stream()).toList();
        assertThat(samples).hasSize(v.units().size());
        for (int i = 0; i < samples.size(); i++) {
            AccessUnit u = v.units().get(i);
            assertThat(samples.get(i).sync()).isEqualTo(u.isKeyframe());
            assertThat(samples.get(i).size()).isEqualTo(u.size());
            assertThat(samples.get(i).decodeTime()).isEqualTo(u.pts90k() - TestClips.FIRST_PTS);
            assertThat(samples.get(i).duration()).isEqualTo(TestClips.FRAME_TICKS);
        }
        assertThat(scan.fragments().stream().filter(f -> f.run(1).orElseThrow().samples().get(0).sync()).count())
                .isEqualTo(v.keyframes());
    }

    @ParameterizedTest(name = "{0} gop {1} direct I/O {2}")
    @MethodSource("streams")
    void summaryAndListenerDescribeTheFileAsWritten(Codec codec, int gop, boolean directIo) throws Exception {
        TestClips.Video v = TestClips.video(codec, gop);
        Written w = write("seg.mp4", SegmentTracks.videoOnly(v.description()), v.units(), directIo);
        byte[] bytes = Files.readAllBytes(w.file());
        SegmentSummary s = w.summary();

        assertThat(s.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(s.bytes()).isEqualTo(bytes.length);
        assertThat(s.videoFrames()).isEqualTo(100);
        assertThat(s.videoCodec()).isEqualTo(codec);
        assertThat(s.startPts90k()).isEqualTo(TestClips.FIRST_PTS);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.wallClockStart()).isEqualTo(TestClips.FIRST_WALL_CLOCK);
        assertThat(s.wallClockEnd()).isEqualTo(TestClips.FIRST_WALL_CLOCK.plusSeconds(4));
        assertThat(s.fragments()).isEqualTo(w.fragments().size());

        long expectedOffset = w.fragments().get(0).offset();
        long end = 0;
        for (FragmentWritten f : w.fragments()) {
            assertThat(f.offset()).isEqualTo(expectedOffset);
            assertThat(f.mediaStart()).isEqualTo(end);
            assertThat(f.startsWithKeyframe()).isEqualTo(f.mediaStart() % (gop * TestClips.FRAME_TICKS) == 0);
            assertThat(f.wallClockStart()).isEqualTo(TestClips.FIRST_WALL_CLOCK.plusNanos(f.mediaStart() * 100_000L / 9));
            expectedOffset += f.bytes();
            end = f.mediaEnd();
            assertThat(f.fileBytes()).isEqualTo(expectedOffset);
        }
        assertThat(expectedOffset).isEqualTo(bytes.length);
        assertThat(w.fragments().stream().mapToInt(FragmentWritten::videoFrames).sum()).isEqualTo(100);
        assertThat(w.fragments().get(w.fragments().size() - 1).segmentVideoFrames()).isEqualTo(100);
        if (directIo) {
            assertThat(w.fragments()).allSatisfy(f -> assertThat(f.fileBytes() % FragmentBuffer.BLOCK).isZero());
        }
    }

    @Test
    void eachFragmentIsInTheFileWhenTheListenerHearsOfIt() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 25);
        Path file = dir.resolve("live.mp4");
        List<Long> sizesSeen = new ArrayList<>();
        List<FragmentWritten> told = new ArrayList<>();
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA,
                SegmentTracks.videoOnly(v.description()), CREATED, Fmp4WriterSettings.defaults().withForceEachFragment(true),
                f -> {
                    told.add(f);
                    try {
                        sizesSeen.add(Files.size(file));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })) {
            for (AccessUnit u : v.units().subList(0, 60)) {
                w.append(u);
            }
            // 60 frames: two whole GOPs went out when the 2nd and 3rd keyframes arrived; the third GOP is open.
            assertThat(told).hasSize(2);
            assertThat(w.bytesWritten()).isEqualTo(Files.size(file));
            assertThat(w.videoFramesWritten()).isEqualTo(50);
        }
        assertThat(sizesSeen).containsExactlyElementsOf(told.stream().map(FragmentWritten::fileBytes).toList());
    }

    @Test
    void refusesUnitsThatCannotJoinTheSegmentAndStaysUsable() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 25);
        TestClips.Video other = TestClips.video(Codec.H265, 25);
        Path file = dir.resolve("refusals.mp4");
        List<AccessUnit> units = v.units();
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA,
                SegmentTracks.videoOnly(v.description()), CREATED, Fmp4WriterSettings.defaults().withMaxSampleBytes(200_000),
                FragmentListener.NONE)) {
            assertThat(reason(w, units.get(1))).isEqualTo(UnitRejectedException.Reason.FIRST_UNIT_NOT_KEYFRAME);
            w.append(units.get(0));
            w.append(units.get(1));
            assertThat(reason(w, other.units().get(2))).isEqualTo(UnitRejectedException.Reason.DESCRIPTION_CHANGED);
            StreamDescription resized = StreamDescription.h264(v.description().sps(), v.description().pps(), 1280, 720);
            assertThat(reason(w, retimed(units.get(2), resized, units.get(2).pts90k())))
                    .isEqualTo(UnitRejectedException.Reason.DESCRIPTION_CHANGED);
            assertThat(reason(w, retimed(units.get(2), v.description(), units.get(1).pts90k())))
                    .isEqualTo(UnitRejectedException.Reason.TIMESTAMP_NOT_INCREASING);
            assertThat(reason(w, retimed(units.get(2), v.description(), units.get(1).pts90k() + 6 * 90_000)))
                    .isEqualTo(UnitRejectedException.Reason.TIMESTAMP_JUMP);
            assertThat(reason(w, AccessUnit.copyOf(TestClips.CAMERA, v.description(), units.get(2).pts90k(),
                    units.get(2).wallClock(), false, new byte[200_001])))
                    .isEqualTo(UnitRejectedException.Reason.SAMPLE_TOO_LARGE);
            assertThat(reason(w, AccessUnit.copyOf(CameraId.of("cam-other"), v.description(), units.get(2).pts90k(),
                    units.get(2).wallClock(), false, units.get(2).copyPayload())))
                    .isEqualTo(UnitRejectedException.Reason.NO_SUCH_TRACK);
            TestClips.Audio tone = TestClips.audio(Codec.AAC);
            assertThat(reason(w, tone.units().get(0))).isEqualTo(UnitRejectedException.Reason.NO_SUCH_TRACK);
            for (AccessUnit u : units.subList(2, units.size())) {
                w.append(u);
            }
            assertThat(w.finish().videoFrames()).isEqualTo(100);
        }
        Ffprobe.Result probe = Ffprobe.probe(file, "v:0");
        assertThat(probe.errors()).isEmpty();
        assertThat(probe.frames()).isEqualTo(100);
    }

    @Test
    void refusesStreamsWithoutParameterSetsOrOfAudioCodecs() {
        assertThatThrownBy(() -> SegmentTracks.videoOnly(StreamDescription.h264(List.of(), List.of(), 0, 0)))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("parameter sets");
        assertThatThrownBy(() -> SegmentTracks.videoOnly(StreamDescription.audio(Codec.AAC, 48_000, 1, new byte[2])))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("H.264 or H.265");
        assertThatThrownBy(() -> new SegmentTracks(StreamDescription.h264(List.of(new byte[] {0x67, 0x42, 0, 0x1e}),
                List.of(new byte[] {0x68}), 0, 0), StreamDescription.audio(Codec.AAC, 48_000, 1, null)))
                .isInstanceOf(UnsupportedStreamException.class).hasMessageContaining("AudioSpecificConfig");
    }

    @Test
    void completedFileIsWholeBeforeItsSyncAndAnotherThreadClosesIt() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 50);
        Path file = dir.resolve("rotated.mp4");
        Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA, SegmentTracks.videoOnly(v.description()),
                CREATED, Fmp4WriterSettings.defaults(), FragmentListener.NONE);
        for (AccessUnit u : v.units()) {
            w.append(u);
        }
        SegmentSummary s = w.complete();

        assertThat(w.state()).isEqualTo(Fmp4SegmentWriter.State.COMPLETE);
        assertThat(Files.size(file)).as("last fragment written before the sync").isEqualTo(s.bytes());
        assertThat(Fmp4SegmentReader.scan(file).isWhole()).isTrue();
        assertThatThrownBy(() -> w.append(v.units().get(0))).isInstanceOf(IllegalStateException.class);
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                w.closeDurably();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        closer.join();

        assertThat(w.state()).isEqualTo(Fmp4SegmentWriter.State.FINISHED);
        assertThat(w.finish()).isSameAs(s);
        assertThat(s.sha256()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        assertThat(Ffprobe.probe(file, "v:0").frames()).isEqualTo(100);
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 25);
        Path file = Files.writeString(dir.resolve("taken.mp4"), "older recording");
        assertThatThrownBy(() -> Fmp4SegmentWriter.create(file, TestClips.CAMERA,
                SegmentTracks.videoOnly(v.description()), CREATED, Fmp4WriterSettings.defaults(), FragmentListener.NONE))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("older recording");
    }

    @Test
    void playbackFindsTheKeyframeAtOrBeforeATime() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H265, 25);
        Written w = write("seek.mp4", SegmentTracks.videoOnly(v.description()), v.units());
        ScannedSegment scan = Fmp4SegmentReader.scan(w.file());

        assertThat(scan.syncSampleAtOrBefore(1, 2 * 90_000 + 500).orElseThrow())
                .isEqualTo(new ScannedSegment.SamplePosition(2, 0, 2 * 90_000));
        assertThat(scan.syncSampleAtOrBefore(1, 2 * 90_000 - 1).orElseThrow().decodeTime()).isEqualTo(90_000);
        assertThat(scan.syncSampleAtOrBefore(1, 99 * 90_000).orElseThrow().decodeTime()).isEqualTo(3 * 90_000);
        assertThat(scan.syncSampleAtOrBefore(1, -5).orElseThrow().decodeTime()).isZero();
        ScannedSample first = scan.fragments().get(2).run(1).orElseThrow().samples().get(0);
        byte[] bytes = Files.readAllBytes(w.file());
        assertThat(java.util.Arrays.copyOfRange(bytes, (int) first.offset(), (int) first.offset() + first.size()))
                .isEqualTo(v.units().get(50).copyPayload());
    }

    static AccessUnit retimed(AccessUnit u, StreamDescription d, long pts) {
        return AccessUnit.copyOf(u.camera(), d, pts, u.wallClock(), u.isKeyframe(), u.copyPayload());
    }

    static UnitRejectedException.Reason reason(Fmp4SegmentWriter w, AccessUnit u) {
        try {
            w.append(u);
        } catch (UnitRejectedException e) {
            return e.reason();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted " + u);
    }
}
