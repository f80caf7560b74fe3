package io.xueliang.ingest;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.config.IngestConfig;
import io.xueliang.config.Transport;
import io.xueliang.ingest.rtsp.RtspClientConfig;
import io.xueliang.ingest.rtsp.UdpPortRange;
import io.xueliang.ingest.rtsp.codec.RtspDecoderLimits;
import io.xueliang.ingest.sdp.SdpLimits;
import io.xueliang.ingest.session.RtspCameraSessionFactory;
import io.xueliang.ingest.supervisor.CameraSupervisor;
import io.xueliang.ingest.supervisor.SupervisorPolicy;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import io.xueliang.media.ExecutorScheduler;
import io.xueliang.media.IngestControl;
import io.xueliang.media.StreamHubs;
import java.time.Duration;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ingest as the rest of the process sees it: cameras go in with {@link #put}, their access units
 * come out of their {@link StreamHubs} hub, their health out of {@link #health()}. Owns one Netty
 * event loop group (epoll where available) shared by all cameras, and the supervisor.
 */
public final class IngestService implements IngestControl, AutoCloseable {
    private final EventLoopGroup group;
    private final ExecutorScheduler scheduler;
    private final CameraSupervisor supervisor;

    public IngestService(IngestConfig config, StreamHubs hubs, InstantSource clock) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(config.effectiveEventLoopThreads(), io);
        Class<? extends Channel> socket = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        Class<? extends DatagramChannel> datagram = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        RtspClientConfig rtsp = rtspConfig(config);
        this.scheduler = new ExecutorScheduler("xueliang-supervisor");
        RtspCameraSessionFactory sessions = new RtspCameraSessionFactory(group, socket, datagram, rtsp, hubs, clock,
                config.maxAccessUnitBytes());
        SupervisorPolicy policy = new SupervisorPolicy(config.backoffMin(), config.backoffMax(),
                config.connectAttemptsPerSecond(), config.noDataTimeout(), Duration.ofSeconds(30));
        this.supervisor = new CameraSupervisor(sessions, policy, scheduler, clock, new SplittableRandom());
    }

    static RtspClientConfig rtspConfig(IngestConfig c) {
        RtspDecoderLimits limits = new RtspDecoderLimits(c.maxRtspHeaderBytes(), RtspDecoderLimits.DEFAULTS.maxHeaders(),
                c.maxRtspBodyBytes(), RtspDecoderLimits.DEFAULTS.maxInterleavedBytes(),
                RtspDecoderLimits.DEFAULTS.maxGarbageBytes());
        RtspClientConfig d = RtspClientConfig.defaults();
        return new RtspClientConfig(Transport.TCP, c.connectTimeout(), c.requestTimeout(), d.teardownTimeout(),
                c.maxRedirects(), c.sessionTimeoutDefault(), d.maxSessionTimeout(), limits, SdpLimits.DEFAULTS,
                new UdpPortRange(c.udpPortMin(), c.udpPortMax()), d.userAgent(), d.auth());
    }

    @Override
    public void put(Camera camera) {
        supervisor.put(camera);
    }

    @Override
    public void remove(CameraId id) {
        supervisor.remove(id);
    }

    /** True until {@link #close()}: the event loops run and the supervisor takes cameras. */
    public boolean running() {
        return !group.isShuttingDown();
    }

    public CameraHealthSource health() {
        return supervisor;
    }

    public CameraSupervisor supervisor() {
        return supervisor;
    }

    @Override
    public void close() {
        supervisor.shutdown(Duration.ofSeconds(5));
        // Let the TEARDOWNs go out before the loops stop.
        group.shutdownGracefully(200, 3000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        scheduler.close();
    }
}
