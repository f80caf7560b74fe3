package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the fragmented-MP4 reader (ISO/IEC 14496-12) that playback, export and crash repair use on segment
 * files and on objects from the S3 tier. Whatever the bytes, {@link Fmp4SegmentReader#scan} returns (a problem it
 * names, never an exception), and every sample it reports lies inside the file.
 */
public class Fmp4SegmentReaderFuzzTest {
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        ScannedSegment scanned = Fmp4SegmentReader.scan(new MemorySegmentSource("fuzz.mp4", data));
        if (scanned.completeEnd() > data.length || scanned.initEnd() > scanned.completeEnd() && scanned.completeEnd() > 0) {
            throw new AssertionError("complete up to " + scanned.completeEnd() + ", init to " + scanned.initEnd()
                    + " in " + data.length + " bytes");
        }
        for (ScannedFragment fragment : scanned.fragments()) {
            for (ScannedFragment.Run run : fragment.runs()) {
                for (ScannedSample sample : run.samples()) {
                    if (sample.offset() < 0 || sample.size() < 0 || sample.offset() + sample.size() > data.length) {
                        throw new AssertionError("sample " + sample + " outside the " + data.length + " bytes");
                    }
                }
            }
        }
    }

    @Test
    void fuzzesTheFmp4Reader() throws Exception {
        FuzzCampaign.of(Fmp4SegmentReaderFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(MAX_SEED).run();
    }

    /** Inputs longer than this are cut: the init segment and the first fragments are where the structure is. */
    private static final int MAX_SEED = 48 * 1024;

    /**
     * Segments this package writes (H.264 with AAC, H.265 with G.711), cut to their first {@value #MAX_SEED}
     * bytes, and a file of junk boxes.
     */
    static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e', 0, 0, 0, 9, 'f', 't', 'y', 'p', 1});
        Path dir = Files.createTempDirectory("fmp4-fuzz-seeds");
        for (Codec[] c : new Codec[][] {{Codec.H264, Codec.AAC}, {Codec.H265, Codec.PCMA}}) {
            TestClips.Video v = TestClips.video(c[0], 25);
            TestClips.Audio a = TestClips.audio(c[1]);
            Path file = dir.resolve(c[0] + ".mp4");
            try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA,
                    new SegmentTracks(v.description(), a.description()), Instant.EPOCH, Fmp4WriterSettings.defaults(),
                    f -> { })) {
                for (AccessUnit u : TestClips.interleave(v.units(), a.units())) {
                    w.append(u);
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            seeds.add(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_SEED)));
            Files.delete(file);
        }
        Files.delete(dir);
        return seeds;
    }
}
