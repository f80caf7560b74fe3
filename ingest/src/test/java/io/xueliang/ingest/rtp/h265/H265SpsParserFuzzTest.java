package io.xueliang.ingest.rtp.h265;

import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fuzz target: H.265 sequence parameter sets (ITU-T H.265 §7.3.2.2), which a camera may send in
 * every access unit. Only {@link RtpFormatException} may leave the parser, and what it returns is sane.
 */
public class H265SpsParserFuzzTest {
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            H265SpsParser.Sps sps = H265SpsParser.parse(data);
            if (sps.width() <= 0 || sps.height() <= 0) {
                throw new AssertionError("parsed a picture of " + sps.width() + "x" + sps.height() + ": " + sps);
            }
        } catch (RtpFormatException e) {
            // the documented failure: the SPS is ignored
        }
    }

    @Test
    void fuzzesH265Sps() throws Exception {
        FuzzCampaign.of(H265SpsParserFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(512).run();
    }

    /** The encoder SPS of {@link H265SpsParserTest}'s case table. */
    static List<byte[]> seeds() {
        return H265SpsParserTest.encoderSps().map(Arguments::get).map(a -> HexFormat.of().parseHex((String) a[1]))
                .toList();
    }
}
