package io.xueliang.ingest.ps;

import static io.xueliang.ingest.ps.PsClips.CAMERA;
import static io.xueliang.ingest.ps.PsStreams.assertSameUnits;
import static io.xueliang.ingest.ps.PsStreams.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PsMuxer -> PsRtpPacketizer -> PsRtpReceiver -> PsDemuxer gives back the units, over UDP-sized packets and TCP. */
@ExtendWith(NettyLeakCheck.class)
class PsRtpTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    static final long OFFERED_SSRC = 100_001_234L;
    static final int MAX_FRAME = 1 << 20;

    @TempDir
    static Path dir;

    /** One frame's packets. */
    record Frame(AccessUnit unit, List<ByteBuf> packets) {
    }

    static List<Frame> packetize(List<AccessUnit> units, PsMuxer muxer, long ssrc, int maxPayload) {
        PsRtpPacketizer packetizer = new PsRtpPacketizer(ssrc, PsRtpPacketizer.PAYLOAD_TYPE, maxPayload, 65_530);
        List<Frame> out = new ArrayList<>();
        List<byte[]> ps = frames(muxer, units);
        for (int i = 0; i < units.size(); i++) {
            out.add(new Frame(units.get(i), packetizer.packetize(ps.get(i), units.get(i).pts90k(),
                    ByteBufAllocator.DEFAULT)));
        }
        return out;
    }

    static PsRtpReceiver receiver(List<AccessUnit> sink) {
        return new PsRtpReceiver(new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, sink::add), PsRtpPacketizer.PAYLOAD_TYPE,
                OFFERED_SSRC, CLOCK);
    }

    static void deliver(PsRtpReceiver receiver, List<Frame> frames) {
        for (Frame f : frames) {
            for (ByteBuf p : f.packets()) {
                receiver.onRtp(p);
                p.release();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"h264,AAC,1400", "h265,PCMA,1400", "h264,PCMU,100", "h265,AAC,60000"})
    void roundTripGivesBackTheSameUnitsAtOnceAtEachMarker(String codec, Codec audioCodec, int maxPayload)
            throws Exception {
        List<AccessUnit> video = PsClips.videoUnits(dir, codec, 20, 10);
        List<AccessUnit> audio = audioCodec == Codec.AAC ? PsClips.aacUnits(dir, 0.8)
                : PsClips.g711Units(audioCodec, 20);
        List<AccessUnit> source = PsClips.interleave(video, audio);
        Codec videoCodec = codec.equals("h264") ? Codec.H264 : Codec.H265;
        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        for (Frame f : packetize(source, new PsMuxer(videoCodec, audioCodec), OFFERED_SSRC, maxPayload)) {
            for (ByteBuf p : f.packets()) {
                receiver.onRtp(p);
                p.release();
            }
            // the marker ends the frame: it is out before the next frame's first packet
            assertThat(received).as("after %s", f.unit()).isNotEmpty();
            assertThat(received.get(received.size() - 1).pts90k()).isEqualTo(f.unit().pts90k());
        }
        assertSameUnits(received, source);
        assertThat(receiver.lostPackets()).isZero();
        assertThat(receiver.otherSsrcPackets()).isZero();
        assertThat(receiver.demuxer().bytesSkipped()).isZero();
    }

    @Test
    void tcpStreamWithRfc4571FramingReachesTheReceiverIntactHoweverSliced() throws Exception {
        List<AccessUnit> source = PsClips.interleave(PsClips.videoUnits(dir, "h264", 10, 5),
                PsClips.g711Units(Codec.PCMA, 10));
        List<Frame> frames = packetize(source, new PsMuxer(Codec.H264, Codec.PCMA), OFFERED_SSRC, 1400);
        // the device side: RFC 4571 prepends a 16-bit length to each RTP packet
        EmbeddedChannel device = new EmbeddedChannel(new LengthFieldPrepender(2));
        for (Frame f : frames) {
            f.packets().forEach(device::writeOutbound);
        }
        ByteBuf stream = Unpooled.buffer();
        for (ByteBuf b; (b = device.readOutbound()) != null;) {
            stream.writeBytes(b);
            b.release();
        }
        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        EmbeddedChannel server = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(65_535, 0, 2, 0, 2),
                new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf rtp) {
                        receiver.onRtp(rtp);
                    }
                });
        Random random = new Random(4571);
        while (stream.isReadable()) {
            server.writeInbound(stream.readRetainedSlice(Math.min(stream.readableBytes(), 1 + random.nextInt(3000))));
        }
        stream.release();
        assertThat(server.finish()).isFalse();
        assertSameUnits(received, source);
    }
}
