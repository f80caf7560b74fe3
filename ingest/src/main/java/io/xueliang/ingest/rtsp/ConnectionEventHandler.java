package io.xueliang.ingest.rtsp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.xueliang.ingest.rtsp.codec.RtspResponse;

/** Last in the pipeline: passes responses, failures and the close of the connection to the session. */
final class ConnectionEventHandler extends ChannelInboundHandlerAdapter {
    interface Events {
        void response(io.netty.channel.Channel channel, RtspResponse response);

        void failure(io.netty.channel.Channel channel, Throwable cause);

        void closed(io.netty.channel.Channel channel);
    }

    private final Events events;

    ConnectionEventHandler(Events events) {
        this.events = events;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RtspResponse response) {
            events.response(ctx.channel(), response);
        } else {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        events.failure(ctx.channel(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        events.closed(ctx.channel());
    }
}
