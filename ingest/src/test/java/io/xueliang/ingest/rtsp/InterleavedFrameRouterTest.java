package io.xueliang.ingest.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.xueliang.ingest.rtsp.codec.InterleavedFrame;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NettyLeakCheck.class)
class InterleavedFrameRouterTest {

    @Test
    void routesChannelsOfTheSetupAnswerAndDropsOthersReleasingEveryFrame() {
        List<String> seen = new ArrayList<>();
        InterleavedFrameRouter router = new InterleavedFrameRouter(new InterleavedFrameRouter.Sink() {
            @Override
            public void rtp(int track, ByteBuf packet) {
                seen.add("rtp " + track + " " + packet.readableBytes());
            }

            @Override
            public void rtcp(int track, ByteBuf packet) {
                seen.add("rtcp " + track + " " + packet.readableBytes());
            }
        });
        router.route(0, 1, 0);
        router.route(6, 7, 1); // a camera may answer other channels than those asked for
        EmbeddedChannel ch = new EmbeddedChannel(router);
        List<InterleavedFrame> frames = List.of(frame(0, 10), frame(1, 8), frame(7, 4), frame(6, 2), frame(2, 5));
        for (InterleavedFrame f : frames) {
            ch.writeInbound(f);
        }
        assertThat(seen).containsExactly("rtp 0 10", "rtcp 0 8", "rtcp 1 4", "rtp 1 2");
        assertThat(router.dropped()).isEqualTo(1);
        assertThat(frames).allSatisfy(f -> assertThat(f.refCnt()).isZero());
        assertThat(ch.finish()).isFalse();
    }

    private static InterleavedFrame frame(int channel, int size) {
        return new InterleavedFrame(channel, ByteBufAllocator.DEFAULT.buffer(size).writeZero(size));
    }
}
