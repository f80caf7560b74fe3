package io.xueliang.ingest.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.RtpProtocolException;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fuzz target: compound RTCP packets (RFC 3550 §6). Only {@link RtpProtocolException} may leave the parser. */
public class RtcpParserFuzzTest {
    private static int inputs;

    public static void fuzzerTestOneInput(byte[] data) throws InterruptedException {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        try {
            for (RtcpPacket packet : RtcpParser.parse(buf)) {
                packet.toString();
            }
        } catch (RtpProtocolException e) {
            // the documented failure: the compound packet is dropped
        } finally {
            buf.release();
        }
        if (++inputs % 20_000 == 0) {
            NettyLeakCheck.check();
        }
    }

    @Test
    void fuzzesRtcp() throws Exception {
        FuzzCampaign.of(RtcpParserFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(2048).run();
    }

    /** A sender report with a block plus SDES CNAME, a receiver report, a BYE with a reason, an APP packet. */
    static List<byte[]> seeds() {
        HexFormat hex = HexFormat.of();
        return List.of(
                hex.parseHex("81c8000c11223344e8a1b2c3d4e5f6070001d4c00000006400002710"
                        + "55667788000000030000ffff00000010aabbccdd00000020"
                        + "81ca000511223344010863616d6572613100000000"),
                hex.parseHex("81c90007aabbccdd11223344020000050000abcd0000000a1234567800000100"),
                hex.parseHex("81cb000311223344046279652100000000"),
                hex.parseHex("80cc000311223344746573740000002a"),
                hex.parseHex("80c9000111223344"));
    }
}
