package io.xueliang.ingest;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.config.IngestConfig;
import io.xueliang.config.Transport;
import io.xueliang.ingest.gb28181.GbAnnounceAddress;
import io.xueliang.ingest.gb28181.GbChannelAddress;
import io.xueliang.ingest.gb28181.GbPlatform;
import io.xueliang.ingest.gb28181.GbPlatformListener;
import io.xueliang.ingest.gb28181.GbSharedCameras;
import io.xueliang.ingest.rtsp.RtspClientConfig;
import io.xueliang.ingest.rtsp.UdpPortRange;
import io.xueliang.ingest.rtsp.codec.RtspDecoderLimits;
import io.xueliang.ingest.sdp.SdpLimits;
import io.xueliang.ingest.session.RtspCameraSessionFactory;
import io.xueliang.ingest.supervisor.CameraSessionFactory;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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
    private final GbPlatform gb;

    public IngestService(IngestConfig config, StreamHubs hubs, InstantSource clock) {
        this(config, null, CameraDefaults.defaults(), hubs, clock, null, null);
    }

    /**
     * Ingest with, when {@code gb28181} is not null, the GB/T 28181 platform: its SIP listeners bound, its channels
     * pulled like RTSP cameras.
     *
     * @param channelDefaults the switches new GB/T 28181 channels start with
     * @param gbListener      told each device's catalog (the channels become cameras there)
     * @param gbShared        the cameras superior platforms may see ({@code gb28181.superiors}); null: none
     * @throws io.netty.channel.ChannelException when the SIP port cannot be bound
     */
    public IngestService(IngestConfig config, Gb28181Config gb28181, CameraDefaults channelDefaults, StreamHubs hubs,
            InstantSource clock, GbPlatformListener gbListener, GbSharedCameras gbShared) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(config.effectiveEventLoopThreads(), io);
        Class<? extends Channel> socket = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        Class<? extends DatagramChannel> datagram = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        RtspClientConfig rtsp = rtspConfig(config);
        this.scheduler = new ExecutorScheduler("xueliang-supervisor");
        RtspCameraSessionFactory rtspSessions = new RtspCameraSessionFactory(group, socket, datagram, rtsp, hubs, clock,
                config.maxAccessUnitBytes());
        if (gb28181 != null) {
            Class<? extends ServerChannel> server = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
            try {
                // A device that registers again: its channels waiting out a backoff are invited at once.
                GbPlatformListener listener = new GbPlatformListener() {
                    @Override
                    public void catalog(String deviceId, List<Camera> channels, boolean complete) {
                        gbListener.catalog(deviceId, channels, complete);
                    }

                    @Override
                    public void registered(String deviceId) {
                        gbListener.registered(deviceId);
                        supervisor.retryNow(c -> GbChannelAddress.of(c.source())
                                .filter(a -> a.deviceId().equals(deviceId)).isPresent());
                    }
                };
                this.gb = new GbPlatform(gb28181, GbAnnounceAddress.of(gb28181), channelDefaults, group, datagram,
                        server, socket, hubs, config.maxAccessUnitBytes(), clock.withZone(ZoneId.systemDefault()), listener,
                        gbShared);
            } catch (InterruptedException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding the GB/T 28181 SIP port", e);
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        } else {
            this.gb = null;
        }
        CameraSessionFactory sessions = (camera, counters, listener) -> gb != null
                && GbChannelAddress.of(camera.source()).isPresent()
                ? gb.sessions().open(camera, counters, listener) : rtspSessions.open(camera, counters, listener);
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

    /** The GB/T 28181 platform, empty when the configuration has no {@code gb28181} section. */
    public Optional<GbPlatform> gb28181() {
        return Optional.ofNullable(gb);
    }

    @Override
    public void close() {
        supervisor.shutdown(Duration.ofSeconds(5));
        if (gb != null) {
            gb.close(); // after the supervisor: the sessions' BYEs went out
        }
        // Let the TEARDOWNs go out before the loops stop.
        group.shutdownGracefully(200, 3000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        scheduler.close();
    }
}
