package io.xueliang.ingest.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.xueliang.ingest.rtsp.codec.RtspClientDecoder;
import io.xueliang.ingest.rtsp.codec.RtspClientEncoder;
import io.xueliang.ingest.rtsp.codec.RtspDecoderLimits;

/**
 * The camera connection's pipeline, top to bottom:
 * <pre>
 *  bytes → RtspClientDecoder → ServerRequestResponder → InterleavedFrameRouter → ConnectionEventHandler
 *        ← RtspClientEncoder ←┘ (answers)                                        (responses, errors, close)
 * </pre>
 */
final class RtspClientInitializer extends ChannelInitializer<Channel> {
    private final RtspDecoderLimits limits;
    private final InterleavedFrameRouter router;
    private final ConnectionEventHandler events;

    RtspClientInitializer(RtspDecoderLimits limits, InterleavedFrameRouter router, ConnectionEventHandler events) {
        this.limits = limits;
        this.router = router;
        this.events = events;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("decoder", new RtspClientDecoder(limits))
                .addLast("encoder", new RtspClientEncoder())
                .addLast("server-requests", new ServerRequestResponder())
                .addLast("interleaved", router)
                .addLast("events", events);
    }
}
