package io.xueliang.ingest.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.h264.H264Depacketizer;
import io.xueliang.ingest.rtp.h264.H264Packetizer;
import io.xueliang.ingest.rtp.h265.H265Depacketizer;
import io.xueliang.ingest.rtp.h265.H265Packetizer;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.ingest.ts.TsAccessUnit;
import io.xueliang.ingest.ts.TsDemuxer;
import io.xueliang.ingest.ts.TsDemuxerFuzzTest;
import io.xueliang.media.CameraId;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: RTP packets (RFC 3550) and the H.264/H.265 depacketisers behind them (RFC 6184, RFC 7798).
 * <pre>
 *   input = [codec: even H.264, odd H.265] then packets, each [length (2)] [RTP packet]
 * </pre>
 * A packet may fail only with an {@link RtpProtocolException}; nothing may leak.
 */
public class RtpPacketFuzzTest {
    private static final CameraId CAMERA = new CameraId("fuzz");
    /** A depacketiser's access-unit limit, small so that the limit is crossed within one input. */
    private static final int MAX_UNIT_BYTES = 64 * 1024;
    private static int inputs;

    public static void fuzzerTestOneInput(byte[] data) throws InterruptedException {
        if (data.length == 0) {
            return;
        }
        boolean h265 = (data[0] & 1) == 1;
        Depacketizer depacketizer;
        try {
            depacketizer = h265 ? new H265Depacketizer(CAMERA, 90_000, Map.of(), MAX_UNIT_BYTES, u -> { })
                    : new H264Depacketizer(CAMERA, 90_000, Map.of(), MAX_UNIT_BYTES, u -> { });
        } catch (RtpProtocolException e) {
            return;
        }
        int pos = 1;
        while (pos + 2 <= data.length) {
            int length = Math.min(((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff), data.length - pos - 2);
            ByteBuf packet = Unpooled.wrappedBuffer(data, pos + 2, length);
            pos += 2 + length;
            try {
                RtpPacket p = RtpPacket.parse(packet);
                depacketizer.onPacket(p, p.timestamp(), RtpPackets.WALL);
            } catch (RtpProtocolException e) {
                // the documented failure: the packet is dropped
            } finally {
                packet.release();
            }
        }
        if (++inputs % 20_000 == 0) {
            NettyLeakCheck.check();
        }
    }

    @Test
    void fuzzesRtpAndTheDepacketizers() throws Exception {
        FuzzCampaign.of(RtpPacketFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(8192).run();
        NettyLeakCheck.check();
    }

    /** The first access units of the bundled clips, packetised as a camera sends them (small and large payloads). */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String codec : List.of("h264", "h265")) {
            List<TsAccessUnit> units = TsDemuxer.demuxAll(TsDemuxerFuzzTest.clip(codec, 400_000), 4 << 20);
            for (int payload : new int[] {200, 1400}) {
                ByteArrayOutputStream input = new ByteArrayOutputStream();
                input.write(codec.equals("h265") ? 1 : 0);
                int seq = 0;
                for (TsAccessUnit unit : units.subList(0, Math.min(3, units.size()))) {
                    List<byte[]> payloads = codec.equals("h265") ? new H265Packetizer(payload).packetize(unit.nalUnits())
                            : new H264Packetizer(payload).packetize(unit.nalUnits());
                    for (int i = 0; i < payloads.size(); i++) {
                        ByteBuf b = RtpPackets.packet(96, seq++, unit.pts90k(), RtpPackets.SSRC, i == payloads.size() - 1,
                                payloads.get(i));
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        b.release();
                        input.write(bytes.length >>> 8);
                        input.write(bytes.length);
                        input.write(bytes);
                        if (input.size() > 7000) {
                            break;
                        }
                    }
                }
                seeds.add(input.toByteArray());
            }
        }
        return seeds;
    }
}
