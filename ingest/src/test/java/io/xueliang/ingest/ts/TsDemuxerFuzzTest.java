package io.xueliang.ingest.ts;

import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the MPEG-TS demuxer (ISO/IEC 13818-1) that reads files and streams from TS sources. It never
 * throws on bad input (it counts what it skips) and no access unit exceeds its PES limit.
 * <pre>
 *   input = [feed size - 1 (1)] [TS bytes ...], fed in pieces of that size, then end()
 * </pre>
 */
public class TsDemuxerFuzzTest {
    /** The demuxer's PES limit here; small, so that inputs cross it. */
    private static final int MAX_PES_BYTES = 16 * 1024;

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int piece = (data[0] & 0xff) + 1;
        TsDemuxer demuxer = new TsDemuxer(MAX_PES_BYTES, unit -> {
            int bytes = unit.nalUnits().stream().mapToInt(n -> n.length).sum();
            if (bytes > MAX_PES_BYTES) {
                throw new AssertionError("an access unit of " + bytes + " bytes passed a limit of " + MAX_PES_BYTES);
            }
        });
        for (int i = 1; i < data.length; i += piece) {
            demuxer.feed(data, i, Math.min(piece, data.length - i));
        }
        demuxer.end();
    }

    @Test
    void fuzzesTheTsDemuxer() throws Exception {
        FuzzCampaign.of(TsDemuxerFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(64 * 1024).run();
    }

    /** The first packets of the bundled H.264 and H.265 clips (PAT, PMT, the first frames), whole and in pieces. */
    static List<byte[]> seeds() throws IOException {
        return List.of(seed(255, clip("h264", 30 * 188)), seed(187, clip("h265", 60 * 188)),
                seed(9, clip("h264", 8 * 188)));
    }

    /** The first {@code bytes} of the bundled road clip, whole TS packets; the RTP target's seeds come from it too. */
    public static byte[] clip(String codec, int bytes) throws IOException {
        try (InputStream in = TsDemuxerFuzzTest.class.getResourceAsStream("/clips/road-720p-" + codec + ".ts")) {
            byte[] head = in.readNBytes(bytes);
            return Arrays.copyOf(head, head.length - head.length % TsDemuxer.PACKET_SIZE);
        }
    }

    private static byte[] seed(int piece, byte[] ts) {
        byte[] seed = new byte[ts.length + 1];
        seed[0] = (byte) piece;
        System.arraycopy(ts, 0, seed, 1, ts.length);
        return Arrays.copyOf(seed, seed.length);
    }
}
