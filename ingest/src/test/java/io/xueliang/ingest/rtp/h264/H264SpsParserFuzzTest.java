package io.xueliang.ingest.rtp.h264;

import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fuzz target: H.264 sequence parameter sets (ITU-T H.264 §7.3.2.1.1), which a camera may send in
 * every access unit. Only {@link RtpFormatException} may leave the parser, and what it returns is sane.
 */
public class H264SpsParserFuzzTest {
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            H264SpsParser.Sps sps = H264SpsParser.parse(data);
            if (sps.width() <= 0 || sps.height() <= 0) {
                throw new AssertionError("parsed a picture of " + sps.width() + "x" + sps.height() + ": " + sps);
            }
        } catch (RtpFormatException e) {
            // the documented failure: the SPS is ignored
        }
    }

    @Test
    void fuzzesH264Sps() throws Exception {
        FuzzCampaign.of(H264SpsParserFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(512).run();
    }

    /** The encoder SPS of {@link H264SpsParserTest}'s case table. */
    static List<byte[]> seeds() {
        return H264SpsParserTest.encoderSps().map(Arguments::get).map(a -> HexFormat.of().parseHex((String) a[1]))
                .toList();
    }
}
