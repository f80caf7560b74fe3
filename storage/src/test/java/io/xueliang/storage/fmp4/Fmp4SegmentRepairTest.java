package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Fmp4SegmentRepairTest {
    @TempDir
    Path dir;

    static Stream<Arguments> streams() {
        return Stream.of(Arguments.of(Codec.H264, null, false), Arguments.of(Codec.H265, null, false),
                Arguments.of(Codec.H264, Codec.AAC, false), Arguments.of(Codec.H265, null, true),
                Arguments.of(Codec.H264, Codec.AAC, true));
    }

    /**
     * A file cut anywhere keeps its complete fragments. With direct I/O each fragment is followed by a {@code free}
     * box up to a block boundary: a cut inside it keeps the fragment and drops the partial box.
     */
    @ParameterizedTest(name = "{0} audio {1} direct I/O {2}")
    @MethodSource("streams")
    void repairKeepsEveryCompleteFragmentWhereverTheCrashCut(Codec codec, Codec audioCodec, boolean directIo)
            throws Exception {
        TestClips.Video v = TestClips.video(codec, 25);
        TestClips.Audio a = audioCodec == null ? null : TestClips.audio(audioCodec);
        Path whole = dir.resolve("whole.mp4");
        List<FragmentWritten> fragments = new ArrayList<>();
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(whole, TestClips.CAMERA,
                new SegmentTracks(v.description(), a == null ? null : a.description()), Instant.EPOCH,
                Fmp4WriterSettings.defaults().withDirectIo(directIo), fragments::add)) {
            assertThat(w.directIo()).isEqualTo(directIo);
            for (AccessUnit u : a == null ? v.units() : TestClips.interleave(v.units(), a.units())) {
                w.append(u);
            }
        }
        byte[] bytes = Files.readAllBytes(whole);
        ScannedSegment scan = Fmp4SegmentReader.scan(whole);
        long initEnd = scan.initEnd(); // the end of moov; with direct I/O a free box follows up to the first fragment
        List<Long> dataEnds = scan.fragments().stream().map(ScannedFragment::end).toList();

        TreeSet<Long> cuts = new TreeSet<>(List.of(1L, initEnd - 1, initEnd, initEnd + 1, fragments.get(0).offset()));
        for (int k = 0; k < fragments.size(); k++) {
            long fileBytes = fragments.get(k).fileBytes();
            cuts.addAll(List.of(fileBytes - 1, fileBytes, fileBytes + 9, dataEnds.get(k) - 1, dataEnds.get(k),
                    dataEnds.get(k) + 1));
        }
        Random random = new Random(20260301L + codec.ordinal());
        for (int i = 0; i < 10; i++) {
            cuts.add(1 + (long) random.nextInt(bytes.length - 1));
        }
        cuts.removeIf(c -> c < 1 || c >= bytes.length);

        for (long cut : cuts) {
            Path crashed = dir.resolve("crashed-" + cut + ".mp4");
            Files.write(crashed, Arrays.copyOf(bytes, (int) cut));
            RepairOutcome outcome = Fmp4SegmentRepair.repair(crashed);
            if (cut < initEnd) {
                assertThat(outcome).as("cut at %d", cut).isInstanceOf(RepairOutcome.Unusable.class);
                assertThat(Files.size(crashed)).isEqualTo(cut);
                continue;
            }
            int keptCount = (int) dataEnds.stream().filter(end -> end <= cut).count();
            List<FragmentWritten> kept = fragments.subList(0, keptCount);
            // The last kept box: its free padding too when the cut left all of it.
            long padEnd = keptCount == 0 ? fragments.get(0).offset() : kept.get(keptCount - 1).fileBytes();
            long dataEnd = keptCount == 0 ? initEnd : dataEnds.get(keptCount - 1);
            long keptBytes = padEnd <= cut ? padEnd : dataEnd;
            long keptFrames = kept.stream().mapToLong(FragmentWritten::videoFrames).sum();
            RepairOutcome.Repaired r = (RepairOutcome.Repaired) outcome;
            assertThat(r.bytes()).as("cut at %d", cut).isEqualTo(keptBytes).isEqualTo(Files.size(crashed));
            assertThat(r.removedBytes()).isEqualTo(cut - keptBytes);
            assertThat(r.fragments()).isEqualTo(kept.size());
            assertThat(r.videoFrames()).isEqualTo(keptFrames);
            assertThat(r.audioFrames()).isEqualTo(kept.stream().mapToLong(FragmentWritten::audioFrames).sum());
            assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes, (int) keptBytes))));
            if (keptFrames > 0) {
                assertThat(r.wallClockStart()).isEqualTo(TestClips.FIRST_WALL_CLOCK);
                assertThat(r.wallClockEnd()).isEqualTo(TestClips.FIRST_WALL_CLOCK.plusMillis(keptFrames * 40));
                Ffprobe.Result probe = Ffprobe.probe(crashed, "v:0");
                assertThat(probe.errors()).as("cut at %d", cut).isEmpty();
                assertThat(probe.frames()).isEqualTo(keptFrames);
                assertThat(probe.formatDuration()).isCloseTo(keptFrames / 25.0, Offset.offset(0.05));
            }
            assertThat(Fmp4SegmentRepair.repair(crashed)).as("a second repair changes nothing")
                    .isEqualTo(new RepairOutcome.Repaired(crashed, r.bytes(), 0, r.fragments(), r.videoFrames(),
                            r.audioFrames(), r.mediaDuration(), r.wallClockStart(), r.wallClockEnd(), r.sha256()));
            Files.delete(crashed);
        }
    }

    @Test
    void aWriterThatNeverFinishedLosesOnlyItsOpenFragment() throws Exception {
        TestClips.Video v = TestClips.video(Codec.H265, 25);
        Path file = dir.resolve("killed.mp4");
        Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA, SegmentTracks.videoOnly(v.description()),
                Instant.EPOCH, Fmp4WriterSettings.defaults(), FragmentListener.NONE);
        for (AccessUnit u : v.units().subList(0, 70)) {
            w.append(u);
        }
        w.abandon(); // as kill -9 leaves it: the third GOP (20 frames) was never written

        RepairOutcome.Repaired r = (RepairOutcome.Repaired) Fmp4SegmentRepair.repair(file);
        assertThat(r.videoFrames()).isEqualTo(50);
        assertThat(r.removedBytes()).isZero();
        assertThat(r.mediaDuration()).isEqualTo(2 * 90_000);
        assertThat(Ffprobe.probe(file, "v:0").frames()).isEqualTo(50);
    }

    @Test
    void aFileWithoutInitSegmentIsUnusableAndLeftAlone() throws Exception {
        Path file = Files.write(dir.resolve("junk.mp4"), new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e', 1, 2, 3});
        RepairOutcome outcome = Fmp4SegmentRepair.repair(file);
        assertThat(outcome).isInstanceOf(RepairOutcome.Unusable.class);
        assertThat(((RepairOutcome.Unusable) outcome).reason()).contains("not an MP4 file");
        assertThat(Files.size(file)).isEqualTo(11);
    }
}
