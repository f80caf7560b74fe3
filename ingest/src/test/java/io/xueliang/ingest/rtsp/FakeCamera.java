package io.xueliang.ingest.rtsp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.rtsp.codec.InterleavedFrame;
import io.xueliang.ingest.rtsp.codec.RtspClientDecoder;
import io.xueliang.ingest.rtsp.codec.RtspClientEncoder;
import io.xueliang.ingest.rtsp.codec.RtspDecoderLimits;
import io.xueliang.ingest.rtsp.codec.RtspHeaders;
import io.xueliang.ingest.rtsp.codec.RtspRequest;
import io.xueliang.ingest.rtsp.codec.RtspResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process RTSP camera on Netty, scripted by its public fields, recording what the client
 * sends. It speaks with the client's own codec (the decoder also parses requests).
 */
final class FakeCamera implements AutoCloseable {
    static final String H264_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=fake\r\nt=0 0\r\na=control:*\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0IAHpWoLQSZ,aM4G4g==\r\na=control:trackID=1\r\n"
            + "m=audio 0 RTP/AVP 0\r\na=control:trackID=2\r\n";

    enum Auth { NONE, BASIC, DIGEST, DIGEST_QOP, DIGEST_OR_BASIC }

    volatile Auth auth = Auth.NONE;
    volatile String user = "admin";
    volatile String password = "secret";
    volatile boolean staleOnceOnDescribe;
    volatile String sdp = H264_SDP;
    volatile String publicHeader = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER";
    volatile String sessionHeader = "F00D;timeout=60";
    volatile int rtpAfterPlay = 3;
    volatile byte[] rawAfterPlay;
    volatile boolean closeAfterRaw;
    volatile boolean requestAfterPlay;
    volatile String oversizedHeaderOn;
    /** server_port answered to a UDP SETUP. */
    volatile String udpServerPorts = "9000-9001";
    volatile String silentOn;
    /** Answer a SETUP for TCP interleaved with 461 Unsupported Transport, as VLC's RTSP server does. */
    volatile boolean refuseTcp;
    final Map<String, String> redirects = new ConcurrentHashMap<>();
    /** Method to the status it is answered with instead of its normal answer. */
    final Map<String, Integer> statusOn = new ConcurrentHashMap<>();
    /** The reason phrase of those answers. */
    volatile String statusReason = "Refused";

    final List<RtspRequest> requests = new CopyOnWriteArrayList<>();
    final List<RtspResponse> responsesFromClient = new CopyOnWriteArrayList<>();
    final List<String> framesFromClient = new CopyOnWriteArrayList<>();
    private final AtomicInteger staleSent = new AtomicInteger();
    private final Channel server;
    private final String nonce = "n0nce" + System.nanoTime();

    FakeCamera(EventLoopGroup group) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS), new RtspClientEncoder(),
                                new Handler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    URI uri(String path) {
        return URI.create("rtsp://127.0.0.1:" + port() + path);
    }

    URI uri(String path, String user, String password) {
        return URI.create("rtsp://" + user + ":" + password + "@127.0.0.1:" + port() + path);
    }

    List<String> methods() {
        return requests.stream().map(RtspRequest::method).toList();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            switch (msg) {
                case RtspRequest r -> onRequest(ctx, r);
                case RtspResponse r -> responsesFromClient.add(r);
                case InterleavedFrame f -> framesFromClient.add(f.channel() + ":" + f.payload().readableBytes());
                default -> throw new IllegalStateException();
            }
        }

        private void onRequest(ChannelHandlerContext ctx, RtspRequest request) {
            requests.add(request);
            String method = request.method();
            RtspHeaders h = new RtspHeaders().add("CSeq", request.headers().get("CSeq").orElse("0"));
            if (method.equals(silentOn)) {
                return;
            }
            if (auth != Auth.NONE && !authorized(request)) {
                if (auth == Auth.DIGEST_OR_BASIC) {
                    h.add("WWW-Authenticate", "Digest realm=\"fake\", nonce=\"" + nonce + "\"");
                    h.add("WWW-Authenticate", "Basic realm=\"fake\"");
                } else {
                    h.add("WWW-Authenticate", challenge(false));
                }
                ctx.writeAndFlush(new RtspResponse(401, "Unauthorized", h));
                return;
            }
            if (method.equals("DESCRIBE") && staleOnceOnDescribe && staleSent.getAndIncrement() == 0) {
                h.add("WWW-Authenticate", challenge(true));
                ctx.writeAndFlush(new RtspResponse(401, "Unauthorized", h));
                return;
            }
            String path = URI.create(request.uri()).getPath();
            String location = redirects.get(path);
            if (location != null && (method.equals("OPTIONS") || method.equals("DESCRIBE"))) {
                h.add("Location", location);
                ctx.writeAndFlush(new RtspResponse(302, "Moved Temporarily", h));
                return;
            }
            Integer status = statusOn.get(method);
            if (status != null) {
                ctx.writeAndFlush(new RtspResponse(status, statusReason, h));
                return;
            }
            if (method.equals(oversizedHeaderOn)) {
                h.add("X-Huge", "x".repeat(20000));
            }
            switch (method) {
                case "OPTIONS" -> ctx.writeAndFlush(new RtspResponse(200, "OK", h.add("Public", publicHeader)));
                case "DESCRIBE" -> ctx.writeAndFlush(new RtspResponse(200, "OK", h.add("Content-Type", "application/sdp")
                        .add("Content-Base", request.uri() + "/"), sdp.getBytes(StandardCharsets.UTF_8)));
                case "SETUP" -> {
                    String transport = request.headers().get("Transport").orElse("");
                    if (refuseTcp && transport.contains("interleaved")) {
                        ctx.writeAndFlush(new RtspResponse(461, "Unsupported transport", h));
                        return;
                    }
                    ctx.writeAndFlush(new RtspResponse(200, "OK", h.add("Session", sessionHeader)
                            .add("Transport", transport.replace("client_port=", "server_port=" + udpServerPorts + ";client_port="))));
                }
                case "PLAY" -> {
                    ctx.write(new RtspResponse(200, "OK", h.add("Session", sessionHeader)));
                    for (int i = 0; i < rtpAfterPlay; i++) {
                        ByteBuf rtp = Unpooled.buffer(20).writeByte(0x80).writeByte(96).writeShort(i).writeInt(i * 3600)
                                .writeInt(0x1234).writeZero(8);
                        ctx.write(new InterleavedFrame(0, rtp));
                    }
                    if (requestAfterPlay) {
                        ctx.write(new RtspRequest("GET_PARAMETER", request.uri(), new RtspHeaders().add("CSeq", "900")));
                    }
                    if (rawAfterPlay != null) {
                        ctx.write(Unpooled.wrappedBuffer(rawAfterPlay));
                    }
                    ctx.flush();
                    if (closeAfterRaw) {
                        ctx.close();
                    }
                }
                case "GET_PARAMETER", "TEARDOWN" -> ctx.writeAndFlush(new RtspResponse(200, "OK", h));
                default -> ctx.writeAndFlush(new RtspResponse(501, "Not Implemented", h));
            }
        }

        private String challenge(boolean stale) {
            return switch (auth) {
                case BASIC -> "Basic realm=\"fake\"";
                case DIGEST -> "Digest realm=\"fake\", nonce=\"" + nonce + (stale ? "s" : "") + "\"" + (stale ? ", stale=TRUE" : "");
                case DIGEST_QOP -> "Digest realm=\"fake\", qop=\"auth\", nonce=\"" + nonce + (stale ? "s" : "") + "\", algorithm=\"MD5\""
                        + (stale ? ", stale=\"true\"" : "");
                case NONE, DIGEST_OR_BASIC -> throw new IllegalStateException();
            };
        }

        private boolean authorized(RtspRequest request) {
            String header = request.headers().get("Authorization").orElse(null);
            if (header == null) {
                return false;
            }
            if (header.startsWith("Basic ")) {
                if (auth != Auth.BASIC && auth != Auth.DIGEST_OR_BASIC) {
                    return false;
                }
                return header.equals("Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            AuthChallenge c = AuthChallenge.parse(header).getFirst();
            String uri = c.param("uri").orElse("");
            String ha1 = md5(c.param("username").orElse("") + ":fake:" + password);
            String ha2 = md5(request.method() + ":" + uri);
            String n = c.param("nonce").orElse("");
            String expected = c.param("qop").isPresent()
                    ? md5(ha1 + ":" + n + ":" + c.param("nc").orElse("") + ":" + c.param("cnonce").orElse("") + ":auth:" + ha2)
                    : md5(ha1 + ":" + n + ":" + ha2);
            return c.param("username").orElse("").equals(user) && expected.equals(c.param("response").orElse(""))
                    && uri.equals(request.uri()) && n.startsWith(nonce);
        }
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
