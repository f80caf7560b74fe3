package io.xueliang.ingest.rtsp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.xueliang.ingest.rtsp.codec.RtspHeaders;
import io.xueliang.ingest.rtsp.codec.RtspRequest;
import io.xueliang.ingest.rtsp.codec.RtspResponse;
import java.util.Locale;
import java.util.Set;

/**
 * Answers requests the camera sends to the client. Some firmware probes the client with
 * GET_PARAMETER or OPTIONS and drops the session when unanswered; ANNOUNCE, SET_PARAMETER and
 * REDIRECT are acknowledged and otherwise ignored; anything else gets 501.
 */
final class ServerRequestResponder extends SimpleChannelInboundHandler<RtspRequest> {
    private static final Set<String> ACKNOWLEDGED = Set.of("OPTIONS", "GET_PARAMETER", "SET_PARAMETER", "ANNOUNCE", "REDIRECT");

    private long answered;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtspRequest request) {
        RtspHeaders headers = new RtspHeaders();
        request.headers().get("CSeq").ifPresent(c -> headers.add("CSeq", c));
        request.headers().get("Session").ifPresent(s -> headers.add("Session", s));
        boolean ok = ACKNOWLEDGED.contains(request.method().toUpperCase(Locale.ROOT));
        if (ok && request.method().equalsIgnoreCase("OPTIONS")) {
            headers.add("Public", "OPTIONS, GET_PARAMETER, SET_PARAMETER, ANNOUNCE");
        }
        answered++;
        ctx.writeAndFlush(ok ? new RtspResponse(200, "OK", headers) : new RtspResponse(501, "Not Implemented", headers));
    }

    long answered() {
        return answered;
    }
}
