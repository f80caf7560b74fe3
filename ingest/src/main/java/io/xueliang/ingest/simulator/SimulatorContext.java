package io.xueliang.ingest.simulator;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every connection of one simulator shares: the clip, options, counters, tickers and UDP sockets. */
final class SimulatorContext {
    private final SimulatorSource source;
    private final SimulatorOptions options;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final RtspAuthenticator authenticator;
    private final long sdpSessionId = System.currentTimeMillis();
    private final Map<EventLoop, SessionTicker> tickers = new ConcurrentHashMap<>();
    /** UDP sessions by the client's RTCP address, so receiver reports keep them alive. */
    private final Map<InetSocketAddress, CameraSession> udpSessions = new ConcurrentHashMap<>();
    private volatile UdpSockets udp;
    private volatile boolean networkDown;

    SimulatorContext(SimulatorSource source, SimulatorOptions options) {
        this.source = source;
        this.options = options;
        this.authenticator = options.authenticationRequired()
                ? new RtspAuthenticator(options.username(), options.password()) : null;
    }

    SimulatorSource source() {
        return source;
    }

    SimulatorOptions options() {
        return options;
    }

    SimulatorCounters counters() {
        return counters;
    }

    RtspAuthenticator authenticator() {
        return authenticator;
    }

    long sdpSessionId() {
        return sdpSessionId;
    }

    UdpSockets udp() {
        return udp;
    }

    void udp(UdpSockets sockets) {
        this.udp = sockets;
    }

    SessionTicker ticker(EventLoop loop) {
        return tickers.computeIfAbsent(loop, l -> new SessionTicker(l, udp, this::networkDown));
    }

    /** While true, nothing reaches the clients and nothing from them is answered: a network outage. */
    boolean networkDown() {
        return networkDown;
    }

    void networkDown(boolean down) {
        this.networkDown = down;
    }

    void remember(CameraSession session) {
        if (!session.transport().interleaved()) {
            udpSessions.put(session.transport().clientRtcp(), session);
        }
    }

    void forget(CameraSession session) {
        if (!session.transport().interleaved()) {
            udpSessions.remove(session.transport().clientRtcp(), session);
        }
    }

    /** A receiver report arrived on the server's RTCP port. */
    void rtcpFrom(InetSocketAddress sender) {
        counters.rtcpReceived.increment();
        CameraSession s = udpSessions.get(sender);
        if (s != null) {
            s.touch();
        }
    }

    void cancelTickers() {
        tickers.values().forEach(SessionTicker::cancel);
    }
}
