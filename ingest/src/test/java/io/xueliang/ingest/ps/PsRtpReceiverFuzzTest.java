package io.xueliang.ingest.ps;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the GB/T 28181 media receiver (RTP carrying a program stream), fed what a TCP connection delivers. It
 * never throws on bad input: malformed packets, other payload types, sequence jumps and broken PS are counted.
 * <pre>
 *   input = { length (16, big-endian, RFC 4571) | RTP packet } ...
 * </pre>
 */
public class PsRtpReceiverFuzzTest {
    private static final CameraId CAMERA = CameraId.of("34020000001320000001");
    private static final int MAX_FRAME_BYTES = 16 * 1024;

    public static void fuzzerTestOneInput(byte[] data) {
        long[] now = {1_800_000_000_000L};
        InstantSource time = () -> Instant.ofEpochMilli(now[0] += 7);
        PsRtpReceiver receiver = new PsRtpReceiver(new PsDemuxer(CAMERA, MAX_FRAME_BYTES, time, unit -> {
            if (unit.isVideo() && unit.size() > MAX_FRAME_BYTES) {
                throw new AssertionError("a unit of " + unit.size() + " bytes passed " + MAX_FRAME_BYTES);
            }
        }), PsRtpPacketizer.PAYLOAD_TYPE, 1_000_000_001L, time);
        ByteBuf in = Unpooled.wrappedBuffer(data);
        while (in.readableBytes() >= 2) {
            int length = in.readUnsignedShort();
            ByteBuf packet = in.readSlice(Math.min(length, in.readableBytes()));
            receiver.onRtp(packet);
        }
        receiver.demuxer().endOfFrame();
    }

    @Test
    void fuzzesThePsRtpReceiver() throws Exception {
        FuzzCampaign.of(PsRtpReceiverFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(64 * 1024).run();
    }

    /** Framed RTP of the demuxer target's small streams, at two packet sizes, the second with a packet lost. */
    static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String codec : List.of("h264", "h265")) {
            List<AccessUnit> units = PsClips.interleave(PsDemuxerFuzzTest.tinyVideo(codec),
                    PsClips.g711Units(Codec.PCMA, 5));
            Codec videoCodec = codec.equals("h264") ? Codec.H264 : Codec.H265;
            for (int payload : List.of(1400, 97)) {
                PsRtpPacketizer packetizer = new PsRtpPacketizer(1_000_000_001L, PsRtpPacketizer.PAYLOAD_TYPE, payload,
                        65_000);
                PsMuxer muxer = new PsMuxer(videoCodec, Codec.PCMA);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n = 0;
                for (AccessUnit u : units) {
                    for (ByteBuf p : packetizer.packetize(muxer.mux(u), u.pts90k(), ByteBufAllocator.DEFAULT)) {
                        if (payload != 97 || n++ != 7) {
                            out.write(p.readableBytes() >> 8);
                            out.write(p.readableBytes());
                            byte[] b = new byte[p.readableBytes()];
                            p.readBytes(b);
                            out.writeBytes(b);
                        }
                        p.release();
                    }
                }
                seeds.add(out.toByteArray());
            }
        }
        return seeds;
    }
}
