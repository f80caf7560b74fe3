package io.xueliang.ingest.rtsp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.xueliang.ingest.rtsp.codec.InterleavedFrame;
import java.util.Arrays;

/**
 * Hands interleaved frames to the session by track: the channel pairs of the SETUP answers map
 * to (track, RTP or RTCP). Frames on unknown channels are dropped and counted. The frame is
 * released after the call (SimpleChannelInboundHandler), which is why packets are borrowed.
 */
final class InterleavedFrameRouter extends SimpleChannelInboundHandler<InterleavedFrame> {
    interface Sink {
        void rtp(int track, io.netty.buffer.ByteBuf packet);

        void rtcp(int track, io.netty.buffer.ByteBuf packet);
    }

    private final Sink sink;
    /** channel → track * 2 + (1 for RTCP), or -1. */
    private final int[] routes = new int[256];
    private long dropped;

    InterleavedFrameRouter(Sink sink) {
        this.sink = sink;
        Arrays.fill(routes, -1);
    }

    void route(int rtpChannel, int rtcpChannel, int track) {
        routes[rtpChannel] = track * 2;
        routes[rtcpChannel] = track * 2 + 1;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, InterleavedFrame frame) {
        int route = routes[frame.channel()];
        if (route < 0) {
            dropped++;
            return;
        }
        if ((route & 1) == 0) {
            sink.rtp(route >> 1, frame.payload());
        } else {
            sink.rtcp(route >> 1, frame.payload());
        }
    }

    long dropped() {
        return dropped;
    }
}
