package io.xueliang.ingest.simulator;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves one RTSP connection: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN for one
 * camera session, with the session states of {@link SessionState}. Runs on the connection's event loop.
 */
final class RtspConnectionHandler extends SimpleChannelInboundHandler<Object> {
    static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER";
    static final int SESSION_TIMEOUT_SECONDS = 60;

    private final SimulatorContext context;
    private SessionState state = SessionState.INIT;
    private CameraSession session;
    private String sessionId;
    private SessionTicker ticker;

    RtspConnectionHandler(SimulatorContext context) {
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (context.networkDown()) {
            return; // lost on the way: never answered
        }
        if (msg instanceof RtspRequestDecoder.InterleavedFrame frame) {
            if ((frame.channel() & 1) == 1) {
                context.counters().rtcpReceived.increment();
            }
            if (session != null) {
                session.touch();
            }
            return;
        }
        RtspRequest request = (RtspRequest) msg;
        RtspResponse response = handle(ctx, request);
        ctx.writeAndFlush(response.encode(ctx.alloc()));
        if (state == SessionState.PLAYING && session != null && !session.playing()) {
            // after the PLAY answer is queued, so the client sees it before the first RTP packet
            if (ticker == null) {
                ticker = context.ticker(ctx.channel().eventLoop());
                ticker.add(session, ctx.channel());
            }
            session.play(System.nanoTime());
        }
    }

    private RtspResponse handle(ChannelHandlerContext ctx, RtspRequest r) {
        String method = r.upperMethod();
        String cseq = r.cseq();
        if (session != null) {
            session.touch();
        }
        if (method.equals("OPTIONS")) {
            return new RtspResponse(200, "OK", cseq).header("Public", PUBLIC);
        }
        if (context.authenticator() != null && !context.authenticator().authorized(r.method(), r.header("Authorization"))) {
            RtspResponse unauthorized = new RtspResponse(401, "Unauthorized", cseq);
            for (String challenge : context.authenticator().challenges()) {
                unauthorized.header("WWW-Authenticate", challenge);
            }
            return unauthorized;
        }
        int camera = CameraPath.camera(r.uri(), context.options().cameras());
        return switch (method) {
            case "DESCRIBE" -> describe(ctx, r, camera);
            case "SETUP" -> setup(ctx, r, camera);
            case "PLAY" -> play(r);
            case "GET_PARAMETER" -> sessionMatches(r) ? withSession(new RtspResponse(200, "OK", cseq))
                    : new RtspResponse(454, "Session Not Found", cseq);
            case "TEARDOWN" -> teardown(r);
            default -> new RtspResponse(501, "Not Implemented", cseq).header("Public", PUBLIC);
        };
    }

    private RtspResponse describe(ChannelHandlerContext ctx, RtspRequest r, int camera) {
        if (camera < 0) {
            return new RtspResponse(404, "Not Found", r.cseq());
        }
        String base = CameraPath.withoutTrack(r.uri());
        String address = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
        String sdp = SdpDescription.build(context.source(), "cam" + camera, context.sdpSessionId(), address);
        return new RtspResponse(200, "OK", r.cseq()).header("Content-Base", base + "/")
                .body("application/sdp", sdp);
    }

    private RtspResponse setup(ChannelHandlerContext ctx, RtspRequest r, int camera) {
        if (camera < 0) {
            return new RtspResponse(404, "Not Found", r.cseq());
        }
        if (!state.allows("SETUP")) {
            return new RtspResponse(455, "Method Not Valid in This State", r.cseq());
        }
        if (r.header("Session") != null && sessionId != null && !sessionMatches(r)) {
            return new RtspResponse(454, "Session Not Found", r.cseq());
        }
        String transportHeader = r.header("Transport");
        RtpTransport transport = TransportHeader.parse(transportHeader,
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        if (transport == null) {
            return new RtspResponse(461, "Unsupported Transport", r.cseq());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (session != null) {
            context.forget(session);
        } else {
            context.counters().sessions.incrementAndGet();
        }
        session = new CameraSession(camera, context.source(), ctx.channel(), transport, context.udp(),
                context.counters(), random.nextInt(), random.nextInt(0x10000), random.nextInt(),
                context.source().keyframeIndex(-(camera - 1) * context.options().staggerGops()));
        context.remember(session);
        if (sessionId == null) {
            sessionId = Long.toHexString(random.nextLong() | Long.MIN_VALUE).toUpperCase(Locale.ROOT);
        }
        state = state.after("SETUP");
        String ssrc = String.format(Locale.ROOT, "%08X", session.ssrc);
        String answer = transport.interleaved()
                ? "RTP/AVP/TCP;unicast;interleaved=" + transport.rtpChannel() + "-" + transport.rtcpChannel() + ";ssrc=" + ssrc
                : "RTP/AVP;unicast;client_port=" + transport.clientRtp().getPort() + "-" + transport.clientRtcp().getPort()
                        + ";server_port=" + context.udp().rtpPort() + "-" + context.udp().rtcpPort() + ";ssrc=" + ssrc;
        return withSession(new RtspResponse(200, "OK", r.cseq()).header("Transport", answer));
    }

    private RtspResponse play(RtspRequest r) {
        if (session == null || !sessionMatches(r)) {
            return new RtspResponse(session == null ? 455 : 454,
                    session == null ? "Method Not Valid in This State" : "Session Not Found", r.cseq());
        }
        if (!state.allows("PLAY")) {
            return new RtspResponse(455, "Method Not Valid in This State", r.cseq());
        }
        state = state.after("PLAY");
        String url = CameraPath.withoutTrack(r.uri()) + "/" + SdpDescription.TRACK;
        return withSession(new RtspResponse(200, "OK", r.cseq()).header("Range", "npt=0.000-")
                .header("RTP-Info", "url=" + url + ";seq=" + session.nextSequence() + ";rtptime="
                        + Integer.toUnsignedString(session.nextRtpTimestamp())));
    }

    private RtspResponse teardown(RtspRequest r) {
        if (session == null || !sessionMatches(r)) {
            return new RtspResponse(454, "Session Not Found", r.cseq());
        }
        RtspResponse response = withSession(new RtspResponse(200, "OK", r.cseq()));
        endSession();
        state = state.after("TEARDOWN");
        return response;
    }

    private boolean sessionMatches(RtspRequest r) {
        String header = r.header("Session");
        if (header == null || sessionId == null) {
            return header == null && sessionId != null;
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().equals(sessionId);
    }

    private RtspResponse withSession(RtspResponse response) {
        return sessionId == null ? response
                : response.header("Session", sessionId + ";timeout=" + SESSION_TIMEOUT_SECONDS);
    }

    private void endSession() {
        if (session != null) {
            session.stop();
            if (ticker != null) {
                ticker.remove(session);
                ticker = null;
            }
            context.forget(session);
            context.counters().sessions.decrementAndGet();
            session = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endSession();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            ctx.writeAndFlush(new RtspResponse(400, "Bad Request", "0").encode(ctx.alloc()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
