package io.xueliang.ingest.rtsp;

import io.xueliang.config.Transport;
import io.xueliang.config.UriRedaction;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.xueliang.ingest.rtp.RtpProtocolException;
import io.xueliang.ingest.rtsp.auth.Credentials;
import io.xueliang.ingest.rtsp.auth.RtspAuthenticator;
import io.xueliang.ingest.rtsp.codec.InterleavedFrame;
import io.xueliang.ingest.rtsp.codec.RtspDecoderException;
import io.xueliang.ingest.rtsp.codec.RtspGarbageException;
import io.xueliang.ingest.rtsp.codec.RtspHeaders;
import io.xueliang.ingest.rtsp.codec.RtspLimitExceededException;
import io.xueliang.ingest.rtsp.codec.RtspResponse;
import io.xueliang.ingest.sdp.ControlUrl;
import io.xueliang.ingest.sdp.SdpParseException;
import io.xueliang.ingest.sdp.SessionDescription;
import io.xueliang.ingest.wire.WireText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP client session with one camera: OPTIONS → DESCRIBE → SETUP per usable track → PLAY,
 * keep-alive while playing, TEARDOWN on {@link #stop()}. Everything runs on one event loop of the
 * group passed in, so one group serves every camera and no lock is needed; public methods may be
 * called from any thread. Failures never escape the event loop: they end the session through
 * {@link RtspSessionListener#onClosed(Throwable)}. A session is used once; the supervisor creates
 * a new one to reconnect.
 */
public final class RtspClientSession {
    private static final Logger log = LoggerFactory.getLogger(RtspClientSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RtspClientConfig config;
    private final EventLoop loop;
    private final ChannelFactory<? extends Channel> socketChannels;
    private final ChannelFactory<? extends DatagramChannel> datagramChannels;
    private final RtspSessionListener listener;
    /** The source URI's credentials, and the host and port they belong to. */
    private final Optional<Credentials> sourceCredentials;
    private final String sourceOrigin;
    /** The credentials of the current connection: none after a redirect to another host or port. */
    private Optional<Credentials> credentials;
    private String noCredentials = "camera requires credentials and the URI has none";

    private volatile RtspState state = RtspState.INIT;
    private boolean started;
    private URI uri; // request URI, no userinfo
    private Channel channel;
    private InterleavedFrameRouter router;
    private final RtspRequester requester;
    private final Wiring wiring = new Wiring();
    private int redirects;
    private Set<String> publicMethods = Set.of();
    private String sessionId;
    private Duration sessionTimeout;
    private URI aggregateUri;
    private List<RtspTrack> tracks = List.of();
    private final List<UdpTrackChannels> udp = new ArrayList<>();
    private int[] interleavedRtcp = new int[0];
    /** TCP or UDP: what SETUP asks for now; AUTO starts with TCP. */
    private volatile Transport mediaTransport;
    private ScheduledFuture<?> keepAlive;
    private boolean keepAliveWithOptions;
    private int keepAlivesAnswered;
    private boolean teardownAnswered;

    /**
     * @param uri                      {@code rtsp://[user:password@]host[:port]/path}; the
     *                                 credentials are percent-decoded and never logged
     * @param group                    the shared group; the session pins one of its loops
     * @param socketChannelClass       e.g. {@code NioSocketChannel.class} or {@code EpollSocketChannel.class}
     * @param datagramChannelClass     for UDP transport; may be null when {@code config.transport()} is TCP
     *                                 (AUTO may fall back to UDP, so it needs one)
     */
    public RtspClientSession(URI uri, RtspClientConfig config, EventLoopGroup group,
                             Class<? extends Channel> socketChannelClass,
                             Class<? extends DatagramChannel> datagramChannelClass,
                             RtspSessionListener listener) {
        Objects.requireNonNull(uri, "uri");
        if (!"rtsp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an rtsp://host URI: " + UriRedaction.redact(uri));
        }
        this.config = Objects.requireNonNull(config, "config");
        this.loop = Objects.requireNonNull(group, "group").next();
        this.socketChannels = new ReflectiveChannelFactory<>(Objects.requireNonNull(socketChannelClass, "socketChannelClass"));
        if (config.transport() != Transport.TCP) {
            Objects.requireNonNull(datagramChannelClass, "datagramChannelClass is required for UDP");
        }
        this.datagramChannels = datagramChannelClass == null ? null : new ReflectiveChannelFactory<>(datagramChannelClass);
        this.mediaTransport = config.transport() == Transport.UDP ? Transport.UDP : Transport.TCP;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sourceCredentials = Credentials.fromUri(uri);
        this.sourceOrigin = origin(uri);
        this.credentials = sourceCredentials;
        this.uri = Credentials.withoutUserInfo(uri);
        this.requester = new RtspRequester(loop, config.userAgent(), this::redactedUri, this::finish);
    }

    /** Connects and runs the handshake; the outcome arrives at the listener. Once only. */
    public void start() {
        loop.execute(() -> guarded(() -> {
            if (started) {
                return;
            }
            started = true;
            if (state == RtspState.INIT) {
                connect();
            }
        }));
    }

    /** TEARDOWN (best effort, bounded by {@code teardownTimeout}) then close; {@code onClosed(null)}. */
    public void stop() {
        loop.execute(() -> guarded(() -> {
            if (state == RtspState.CLOSED || state == RtspState.TEARDOWN) {
                return;
            }
            if (sessionId != null && channel != null && channel.isActive() && state.canMoveTo(RtspState.TEARDOWN)) {
                move(RtspState.TEARDOWN);
                stopKeepAlive();
                requester.cancelAll();
                requester.send("TEARDOWN", aggregateUri, new RtspHeaders(), answer -> {
                    teardownAnswered = answer.isSuccess();
                    finish(null);
                }, config.teardownTimeout(), () -> finish(null));
            } else {
                finish(null);
            }
        }));
    }

    /**
     * Sends an RTCP packet (a receiver report) to the camera for {@code track}, interleaved or to
     * the camera's RTCP port. Takes ownership of {@code packet}; dropped unless playing.
     */
    public void sendRtcp(int track, ByteBuf packet) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> sendRtcp(track, packet));
            return;
        }
        if (state != RtspState.PLAYING || track < 0 || track >= tracks.size()) {
            packet.release();
            return;
        }
        if (!udp.isEmpty()) {
            udp.get(track).sendRtcp(packet);
        } else {
            channel.writeAndFlush(new InterleavedFrame(interleavedRtcp[track], packet));
        }
    }

    /**
     * Ends the session at once, without TEARDOWN, because the caller found the media unusable
     * (hostile or broken RTP); the listener hears {@code onClosed} with {@code cause}. Any thread.
     */
    public void abort(Throwable cause) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> abort(cause));
            return;
        }
        failure(cause);
    }

    /** The state now; read on the event loop for an exact answer. */
    public RtspState state() {
        return state;
    }

    /** The current request URI, with the user name and its secrets masked ({@link UriRedaction}). */
    public URI redactedUri() {
        return redact(uri);
    }

    /** TCP or UDP: how media come now (AUTO resolved); read on the event loop for an exact answer. */
    public Transport mediaTransport() {
        return mediaTransport;
    }

    /** The session's event loop; listener calls come on it. */
    public EventLoop eventLoop() {
        return loop;
    }

    // ---- handshake ---------------------------------------------------------------------------

    private void connect() {
        if (!move(RtspState.OPTIONS)) {
            return;
        }
        router = new InterleavedFrameRouter(wiring);
        int port = uri.getPort() > 0 ? uri.getPort() : 554;
        Bootstrap bootstrap = new Bootstrap().group(loop).channelFactory(socketChannels)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspClientInitializer(config.decoderLimits(), router, new ConnectionEventHandler(wiring)));
        ChannelFuture connecting = bootstrap.connect(uri.getHost(), port);
        channel = connecting.channel();
        requester.connection(channel,
                credentials.map(c -> new RtspAuthenticator(c, RtspClientSession::cnonce, config.auth())).orElse(null),
                noCredentials);
        log.debug("connecting to {}", redactedUri());
        connecting.addListener((ChannelFuture f) -> guarded(() -> onConnected(f)));
    }

    private void onConnected(ChannelFuture f) {
        if (f.channel() != channel || state == RtspState.CLOSED) {
            f.channel().close();
            return;
        }
        if (!f.isSuccess()) {
            finish(new RtspConnectionException("connect failed: " + f.cause(), redactedUri(), f.cause()));
            return;
        }
        send("OPTIONS", uri, new RtspHeaders(), this::onOptions);
    }

    private void onOptions(RtspResponse answer) {
        if (answer.isRedirect()) {
            redirect("OPTIONS", answer);
            return;
        }
        if (answer.isSuccess()) {
            publicMethods = answer.headers().get("Public").map(p -> Arrays.stream(p.split(","))
                    .map(s -> s.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toSet())).orElse(Set.of());
        } else {
            // Some NVRs answer OPTIONS with 4xx yet serve DESCRIBE; DESCRIBE gives the verdict.
            log.debug("OPTIONS answered {} {} by {}", answer.status(), WireText.escape(answer.reason()), redactedUri());
        }
        if (move(RtspState.DESCRIBE)) {
            send("DESCRIBE", uri, new RtspHeaders().add("Accept", "application/sdp"), this::onDescribe);
        }
    }

    private void onDescribe(RtspResponse answer) {
        if (answer.isRedirect()) {
            redirect("DESCRIBE", answer);
            return;
        }
        if (!answer.isSuccess()) {
            finish(new RtspStatusException(answer.status(), answer.reason(), redactedUri(), "DESCRIBE"));
            return;
        }
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(answer.bodyText(), config.sdpLimits());
        } catch (SdpParseException e) {
            finish(new RtspProtocolException("bad SDP: " + e.getMessage(), redactedUri(), false, e));
            return;
        }
        URI base = ControlUrl.base(uri, answer.headers().get("Content-Base"), answer.headers().get("Content-Location"));
        base = Credentials.withoutUserInfo(base);
        List<RtspTrack> selected;
        try {
            selected = TrackSelection.select(sdp, base);
            aggregateUri = Credentials.withoutUserInfo(ControlUrl.resolve(base, sdp.control()));
        } catch (IllegalArgumentException e) {
            finish(new RtspProtocolException("bad control URL in SDP: " + e.getMessage(), redactedUri(), false, e));
            return;
        }
        if (selected.stream().noneMatch(RtspTrack::isVideo)) {
            finish(new RtspProtocolException("SDP has no H.264/H.265 video track", redactedUri(), false, null));
            return;
        }
        tracks = List.copyOf(selected);
        interleavedRtcp = new int[tracks.size()];
        if (move(RtspState.SETUP)) {
            setup(0);
        }
    }

    private void setup(int index) {
        RtspTrack track = tracks.get(index);
        if (mediaTransport == Transport.TCP) {
            String transport = "RTP/AVP/TCP;unicast;interleaved=" + (2 * index) + "-" + (2 * index + 1);
            send("SETUP", track.controlUri(), new RtspHeaders().add("Transport", transport),
                    answer -> onSetup(index, answer));
            return;
        }
        Promise<UdpTrackChannels> bound = loop.newPromise();
        UdpTrackChannels.bind(loop, datagramChannels, config.udpPorts(), index, wiring, bound);
        bound.addListener((Future<UdpTrackChannels> f) -> guarded(() -> onUdpBound(index, track, f)));
    }

    private void onUdpBound(int index, RtspTrack track, Future<UdpTrackChannels> f) {
        if (!f.isSuccess()) {
            finish(new RtspConnectionException("UDP bind failed: " + f.cause().getMessage(), redactedUri(), f.cause()));
            return;
        }
        if (state == RtspState.CLOSED) {
            f.getNow().close();
            return;
        }
        UdpTrackChannels pair = f.getNow();
        udp.add(pair);
        String transport = "RTP/AVP;unicast;client_port=" + pair.rtpPort() + "-" + pair.rtcpPort();
        send("SETUP", track.controlUri(), new RtspHeaders().add("Transport", transport),
                answer -> onSetup(index, answer));
    }

    private void onSetup(int index, RtspResponse answer) {
        if (answer.status() == 461 && config.transport() == Transport.AUTO && mediaTransport == Transport.TCP && index == 0) {
            // 461 Unsupported Transport: the camera will not interleave (VLC, older DVRs); ask for UDP, as ffmpeg does.
            log.info("{} refused TCP interleaved (461 {}); setting up over UDP", redactedUri(), WireText.escape(answer.reason()));
            mediaTransport = Transport.UDP;
            if (move(RtspState.SETUP)) {
                setup(index);
            }
            return;
        }
        if (!answer.isSuccess()) {
            finish(new RtspStatusException(answer.status(), answer.reason(), redactedUri(), "SETUP"));
            return;
        }
        Optional<String> session = answer.headers().get("Session");
        if (session.isEmpty() && sessionId == null) {
            finish(new RtspProtocolException("SETUP answer without Session header", redactedUri(), false, null));
            return;
        }
        if (session.isPresent() && sessionId == null) {
            try {
                SessionHeader header = SessionHeader.parse(session.get());
                sessionId = header.id();
                requester.sessionId(sessionId);
                sessionTimeout = clampTimeout(header.timeoutSeconds().isPresent()
                        ? Duration.ofSeconds(header.timeoutSeconds().getAsInt()) : config.defaultSessionTimeout());
            } catch (IllegalArgumentException e) {
                finish(new RtspProtocolException("bad Session header", redactedUri(), false, e));
                return;
            }
        }
        TransportHeader transport = TransportHeader.parse(answer.headers().get("Transport").orElse(""));
        transport.ssrc().ifPresent(ssrc -> announceSsrc(index, ssrc));
        if (mediaTransport == Transport.TCP) {
            int[] channels = transport.interleaved().orElse(new int[] {2 * index, 2 * index + 1});
            if (channels[0] < 0 || channels[0] > 255 || channels[1] < 0 || channels[1] > 255) {
                finish(new RtspProtocolException("interleaved channels out of range: " + Arrays.toString(channels),
                        redactedUri(), false, null));
                return;
            }
            router.route(channels[0], channels[1], index);
            interleavedRtcp[index] = channels[1];
        } else {
            Optional<int[]> serverPorts = transport.serverPort();
            if (serverPorts.isEmpty()) {
                finish(new RtspProtocolException("UDP SETUP answer without server_port", redactedUri(), false, null));
                return;
            }
            int[] ports = serverPorts.get();
            if (ports[0] < 1 || ports[0] > 65535 || ports[1] < 1 || ports[1] > 65535) {
                finish(new RtspProtocolException("server_port out of range: " + Arrays.toString(ports), redactedUri(),
                        false, null));
                return;
            }
            udp.get(index).connectTo(mediaSource(transport), ports[0], ports[1], tracks.get(index).payloadType());
        }
        if (index + 1 < tracks.size()) {
            if (move(RtspState.SETUP)) {
                setup(index + 1);
            }
        } else if (move(RtspState.PLAY)) {
            send("PLAY", aggregateUri, new RtspHeaders().add("Range", "npt=0.000-"), this::onPlay);
        }
    }

    private void announceSsrc(int index, int ssrc) {
        List<RtspTrack> copy = new ArrayList<>(tracks);
        copy.set(index, copy.get(index).withAnnouncedSsrc(ssrc));
        tracks = List.copyOf(copy);
    }

    /**
     * Where the camera's UDP media come from: the {@code source=} of the Transport answer when it is
     * an IP address literal (RFC 2326 §12.39; never a name, whose lookup would block the event loop),
     * else the address of the RTSP connection.
     */
    private InetAddress mediaSource(TransportHeader transport) {
        String source = transport.params().get("source");
        if (source != null && !source.isEmpty()) {
            InetAddress literal = addressLiteral(source.strip());
            if (literal != null) {
                return literal;
            }
            log.debug("Transport source={} is not an address literal; using the connection's peer",
                    WireText.escape(source));
        }
        return ((InetSocketAddress) channel.remoteAddress()).getAddress();
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** An IPv4 or IPv6 address literal, or null; never a name lookup. */
    static InetAddress addressLiteral(String s) {
        java.util.regex.Matcher v4 = IPV4.matcher(s);
        boolean literal = v4.matches() ? java.util.stream.IntStream.rangeClosed(1, 4)
                .allMatch(i -> Integer.parseInt(v4.group(i)) <= 255) : IPV6.matcher(s).matches();
        if (!literal) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal: parsed, not looked up
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private void onPlay(RtspResponse answer) {
        if (!answer.isSuccess()) {
            finish(new RtspStatusException(answer.status(), answer.reason(), redactedUri(), "PLAY"));
            return;
        }
        if (!move(RtspState.PLAYING)) {
            return;
        }
        keepAliveWithOptions = !publicMethods.contains("GET_PARAMETER");
        long periodMs = Math.max(1000, sessionTimeout.toMillis() / 2);
        keepAlive = loop.scheduleAtFixedRate(() -> guarded(this::sendKeepAlive), periodMs, periodMs, TimeUnit.MILLISECONDS);
        log.debug("playing {} with {} track(s) over {}", redactedUri(), tracks.size(), mediaTransport);
        listener.onPlaying(this, tracks);
    }

    private void sendKeepAlive() {
        if (state != RtspState.PLAYING) {
            return;
        }
        String method = keepAliveWithOptions ? "OPTIONS" : "GET_PARAMETER";
        requester.send(method, aggregateUri, new RtspHeaders(), answer -> {
            if (answer.isSuccess()) {
                keepAlivesAnswered++;
            }
            if (answer.status() == 454) {
                finish(new RtspStatusException(answer.status(), answer.reason(), redactedUri(), method));
            } else if (!answer.isSuccess() && !keepAliveWithOptions) {
                keepAliveWithOptions = true; // GET_PARAMETER listed but refused: Uniview firmware
            }
        }, config.requestTimeout(), () -> log.debug("{} keep-alive unanswered by {}", method, redactedUri()));
    }

    private void redirect(String method, RtspResponse answer) {
        Optional<String> location = answer.headers().get("Location");
        if (location.isEmpty()) {
            finish(new RtspStatusException(answer.status(), answer.reason(), redactedUri(), method));
            return;
        }
        if (redirects >= config.maxRedirects()) {
            finish(new RtspProtocolException("more than " + config.maxRedirects() + " redirects", redactedUri(), false, null));
            return;
        }
        URI target;
        try {
            target = uri.resolve(location.get().strip());
        } catch (IllegalArgumentException e) {
            finish(new RtspProtocolException("bad Location header", redactedUri(), false, e));
            return;
        }
        if (!"rtsp".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            finish(new RtspProtocolException("redirect to a non-rtsp URI", redactedUri(), false, null));
            return;
        }
        redirects++;
        log.info("{} redirected {} to {}", method, redactedUri(), WireText.escape(UriRedaction.redact(Credentials.withoutUserInfo(target)).toString()));
        scopeCredentials(target);
        requester.cancelAll();
        Channel old = channel;
        channel = null;
        old.close();
        uri = Credentials.withoutUserInfo(target);
        connect();
    }

    /**
     * The configured credentials belong to the source's host and port: a redirect elsewhere gets none
     * (a camera, or whoever answers in its place, must not be able to send them to a host of its
     * choosing). Credentials the Location itself carries are the redirecting camera's to give.
     */
    private void scopeCredentials(URI target) {
        Optional<Credentials> given = Credentials.fromUri(target);
        if (given.isPresent()) {
            credentials = given;
        } else if (origin(target).equals(sourceOrigin)) {
            credentials = sourceCredentials;
        } else {
            credentials = Optional.empty();
            noCredentials = sourceCredentials.isPresent()
                    ? "the camera redirected to " + origin(target) + ", another host or port than its own, and"
                            + " credentials are never sent there"
                    : "camera requires credentials and the URI has none";
        }
    }

    /** {@code host:port} in lower case, 554 when the URI names no port. */
    private static String origin(URI u) {
        return (u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT)) + ":" + (u.getPort() > 0 ? u.getPort() : 554);
    }

    // ---- requests ----------------------------------------------------------------------------

    /** A handshake request: no answer in time ends the session as retriable. */
    private void send(String method, URI target, RtspHeaders extra, Consumer<RtspResponse> onAnswer) {
        requester.send(method, target, extra, onAnswer, config.requestTimeout(),
                () -> finish(new RtspTimeoutException(method, config.requestTimeout(), redactedUri())));
    }

    private void response(Channel from, RtspResponse answer) {
        if (from == channel && state != RtspState.CLOSED) {
            requester.answer(answer);
        }
    }

    // ---- connection events ------------------------------------------------------------------

    private void failure(Channel from, Throwable cause) {
        if (from != channel) {
            return;
        }
        finish(wrap(cause));
    }

    private void failure(Throwable cause) {
        finish(wrap(cause));
    }

    private void closed(Channel from) {
        if (from != channel) {
            return;
        }
        if (state == RtspState.TEARDOWN) {
            finish(null);
        } else {
            finish(new RtspConnectionException("connection closed by camera in state " + state, redactedUri(), null));
        }
    }

    private void rtp(int track, ByteBuf packet) {
        if (state == RtspState.PLAYING) {
            listener.onRtp(track, packet);
        }
    }

    private void rtcp(int track, ByteBuf packet) {
        if (state == RtspState.PLAYING) {
            listener.onRtcp(track, packet);
        }
    }

    private RtspException wrap(Throwable cause) {
        if (cause instanceof RtspException e) {
            return e;
        }
        if (cause instanceof RtspDecoderException e) {
            boolean retriable = e instanceof RtspGarbageException || !(e instanceof RtspLimitExceededException);
            return new RtspProtocolException("undecodable bytes from camera: " + e.getMessage(), redactedUri(), retriable, e);
        }
        if (cause instanceof RtpProtocolException e) {
            return new RtspProtocolException("bad RTP or RTCP from camera (" + e.getClass().getSimpleName() + "): "
                    + e.getMessage(), redactedUri(), false, e);
        }
        if (cause instanceof java.io.IOException) {
            return new RtspConnectionException("connection failed: " + cause.getMessage(), redactedUri(), cause);
        }
        return new RtspProtocolException("unexpected failure: " + cause, redactedUri(), false, cause);
    }

    // ---- state and teardown -----------------------------------------------------------------

    private boolean move(RtspState target) {
        if (state == RtspState.CLOSED) {
            return false;
        }
        if (!state.canMoveTo(target)) {
            finish(new RtspProtocolException("illegal transition " + state + " → " + target, redactedUri(), false, null));
            return false;
        }
        state = target;
        return true;
    }

    private void finish(Throwable cause) {
        if (state == RtspState.CLOSED) {
            return;
        }
        state = RtspState.CLOSED;
        stopKeepAlive();
        requester.cancelAll();
        if (channel != null) {
            channel.close();
        }
        for (UdpTrackChannels pair : udp) {
            pair.close();
        }
        if (cause == null) {
            log.debug("session closed {}", redactedUri());
        } else {
            log.debug("session ended {}: {}", redactedUri(), WireText.escape(UriRedaction.redact(cause.getMessage())));
        }
        try {
            listener.onClosed(cause);
        } catch (RuntimeException e) {
            log.warn("listener failed in onClosed for {}", redactedUri(), e);
        }
    }

    /**
     * Runs event-loop work that is not inside a channel handler (tasks, timers, future listeners),
     * where an exception would only be logged by Netty and leave the session hanging.
     */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            finish(wrap(e));
        }
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
    }

    private Duration clampTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return config.defaultSessionTimeout();
        }
        return timeout.compareTo(config.maxSessionTimeout()) > 0 ? config.maxSessionTimeout() : timeout;
    }

    /** Keep-alive requests the camera answered with 2xx; read on the event loop. */
    public int keepAlivesAnswered() {
        return keepAlivesAnswered;
    }

    /** Whether the camera answered TEARDOWN with 2xx; read on the event loop after onClosed. */
    public boolean teardownAnswered() {
        return teardownAnswered;
    }

    /** The session timeout the camera announced (clamped), or null before SETUP. */
    Duration sessionTimeout() {
        return sessionTimeout;
    }

    private URI redact(URI u) {
        if (u == null) {
            return null;
        }
        URI shown = credentials.isEmpty() ? u
                : Credentials.withUserInfo(u, percentEncodeUser(credentials.get().username()) + ":***");
        return UriRedaction.redact(shown);
    }

    private static String percentEncodeUser(String user) {
        StringBuilder sb = new StringBuilder();
        for (byte b : user.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    private static String cnonce() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What the pipeline handlers call; kept off the public API. */
    private final class Wiring implements InterleavedFrameRouter.Sink, ConnectionEventHandler.Events, UdpTrackChannels.Sink {
        @Override
        public void response(Channel from, RtspResponse answer) {
            RtspClientSession.this.response(from, answer);
        }

        @Override
        public void failure(Channel from, Throwable cause) {
            RtspClientSession.this.failure(from, cause);
        }

        @Override
        public void failure(Throwable cause) {
            RtspClientSession.this.failure(cause);
        }

        @Override
        public void closed(Channel from) {
            RtspClientSession.this.closed(from);
        }

        @Override
        public void rtp(int track, ByteBuf packet) {
            RtspClientSession.this.rtp(track, packet);
        }

        @Override
        public void rtcp(int track, ByteBuf packet) {
            RtspClientSession.this.rtcp(track, packet);
        }

        @Override
        public void foreign(int track) {
            if (state != RtspState.CLOSED) {
                listener.onForeignDatagram(track);
            }
        }
    }

    @Override
    public String toString() {
        return "RtspClientSession[" + redactedUri() + ", " + state + "]";
    }
}
