package io.xueliang.ingest.simulator.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.ingest.manscdp.ManscdpLimits;
import io.xueliang.ingest.manscdp.ManscdpParser;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipPacket;
import io.xueliang.ingest.sip.codec.SipDatagramDecoder;
import io.xueliang.ingest.sip.codec.SipDatagramEncoder;
import io.xueliang.ingest.sip.codec.SipDecoderLimits;
import io.xueliang.ingest.sip.codec.SipEncoder;
import io.xueliang.ingest.sip.codec.SipStreamDecoder;
import io.xueliang.ingest.sip.transaction.SipClientTransactions;
import io.xueliang.ingest.sip.transaction.SipServerTransactions;
import io.xueliang.ingest.sip.transaction.SipTimers;
import io.xueliang.media.ExecutorScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Simulated GB/T 28181 devices: NVR-like devices with channels that register with a platform, keep alive, answer
 * its Catalog and DeviceInfo queries and stream the looping clip as MPEG-PS over RTP when a channel is INVITEd; the
 * GB counterpart of {@link io.xueliang.ingest.simulator.RtspCameraSimulator}, for tests, demos and load runs.
 * <pre>
 *  try (GbDeviceSimulator sim = new GbDeviceSimulator(SimulatorSource.defaultClip(),
 *          GbSimulatorOptions.loopback(2, 4, platformPort, serverId, domain, password)).start()) {
 *      sim.deviceIds();   // registering, 100 a second by default
 *  }
 * </pre>
 *
 * <pre>
 *  device i: UDP :sipPort(i) (or a TCP connection) <--SIP--> platform
 *      REGISTER (digest) / renew / Keepalive           one socket per device: the platform tells devices apart by
 *      MESSAGE Catalog | DeviceInfo -> 200 + answers   the address and port their REGISTERs come from, and sends
 *                                                      its queries and INVITEs there
 *      INVITE channel -> 200 (SDP, y= of the offer) -> ACK -> PsStream: UDP to c=:m=, or TCP to it (RFC 4571)
 *      BYE from the platform stops the stream; close() BYEs every call and unregisters
 *  signalling: one thread for every device (the SIP transactions); media: the event loop of the device's socket
 * </pre>
 * A device socket costs a descriptor and a few hundred bytes of state: thousands of devices fit one process (raise the
 * descriptor limit; {@code ./xueliang} does). Registrations start at {@code registersPerSecond}; a refused or
 * unanswered REGISTER is tried again after {@code retryAfter}.
 */
public final class GbDeviceSimulator implements AutoCloseable {
    /** How long {@link #close()} waits for the platform to answer the BYEs and unregistrations. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final SimulatorSource source;
    private final GbSimulatorOptions options;
    private final GbSimulatorCounters counters = new GbSimulatorCounters();
    private final List<SimulatedDevice> devices = new ArrayList<>();
    private final List<Channel> sockets = new ArrayList<>();
    private EventLoopGroup group;
    private ExecutorScheduler scheduler;
    private volatile boolean closing;

    public GbDeviceSimulator(SimulatorSource source, GbSimulatorOptions options) {
        this.source = source;
        this.options = options;
    }

    /**
     * Binds every device's SIP socket and starts registering them.
     *
     * @return this simulator, running
     * @throws IllegalStateException when already started
     * @throws InterruptedException  when interrupted while binding; a failed bind surfaces as Netty's exception
     */
    public synchronized GbDeviceSimulator start() throws InterruptedException {
        if (group != null) {
            throw new IllegalStateException("simulator already started");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(options.eventLoopThreads(), io);
        scheduler = new ExecutorScheduler("xueliang-gb-simulator");
        try {
            InetSocketAddress platform = new InetSocketAddress(options.platformHost(), options.platformPort());
            if (platform.isUnresolved()) {
                throw new IllegalArgumentException("platform host " + options.platformHost() + " cannot be resolved");
            }
            GbSimulatorContext context = new GbSimulatorContext(options, source, group,
                    epoll ? EpollDatagramChannel.class : NioDatagramChannel.class,
                    epoll ? EpollSocketChannel.class : NioSocketChannel.class, scheduler,
                    new SipClientTransactions(scheduler, SipTimers.DEFAULTS),
                    new SipServerTransactions(scheduler, SipTimers.DEFAULTS), SipIdentifiers.secure(),
                    new ManscdpWriter(ZoneId.systemDefault()), new ManscdpParser(ManscdpLimits.DEFAULTS,
                            ZoneId.systemDefault()), counters, localAddress(platform), platform);
            SipDatagramDecoder decoder = new SipDatagramDecoder(SipDecoderLimits.DEFAULTS);
            SipDatagramEncoder encoder = new SipDatagramEncoder();
            for (int i = 0; i < options.devices(); i++) {
                SimulatedDevice[] slot = new SimulatedDevice[1];
                int port = options.firstSipPort() == 0 ? 0 : options.firstSipPort() + i;
                Channel socket = options.sipOverTcp()
                        ? connect(context, platform, port, slot)
                        : new Bootstrap().group(group).channel(context.datagramChannel())
                                .handler(new ChannelInitializer<Channel>() {
                                    @Override
                                    protected void initChannel(Channel ch) {
                                        ch.pipeline().addLast(decoder, encoder, new Inbound(slot));
                                    }
                                }).bind(options.bindHost(), port).sync().channel();
                sockets.add(socket);
                SimulatedDevice device = new SimulatedDevice(context, i, socket, options.sipOverTcp());
                slot[0] = device;
                devices.add(device);
            }
            for (int i = 0; i < devices.size(); i++) {
                SimulatedDevice device = devices.get(i);
                scheduler.schedule(Duration.ofMillis(i * 1000L / options.registersPerSecond()), device::register);
            }
        } catch (Exception e) { // sync() rethrows a failed bind's checked exception undeclared: close on it too
            close();
            throw e;
        }
        return this;
    }

    /** A device's TCP connection to the platform, SIP framed by Content-Length (RFC 3261 §18.3). */
    private Channel connect(GbSimulatorContext context, InetSocketAddress platform, int localPort,
            SimulatedDevice[] slot) throws InterruptedException {
        Channel connection = new Bootstrap().group(group).channel(context.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SipStreamDecoder(SipDecoderLimits.DEFAULTS), new SipEncoder(),
                                new Inbound(slot));
                    }
                }).localAddress(options.bindHost(), localPort).connect(platform).sync().channel();
        connection.closeFuture().addListener(f -> {
            SimulatedDevice device = slot[0];
            if (device != null && !closing) {
                try {
                    scheduler.execute(device::connectionLost);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    // the simulator stopped meanwhile
                }
            }
        });
        return connection;
    }

    /** Hands what a device's socket or connection reads to the signalling thread. */
    private final class Inbound extends SimpleChannelInboundHandler<Object> {
        private final SimulatedDevice[] slot;

        Inbound(SimulatedDevice[] slot) {
            this.slot = slot;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            SimulatedDevice device = slot[0];
            if (device == null) {
                return;
            }
            if (msg instanceof SipPacket packet) {
                scheduler.execute(() -> device.received(packet.message(), packet.peer()));
            } else if (msg instanceof SipMessage message) {
                InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
                scheduler.execute(() -> device.received(message, peer));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() instanceof io.netty.channel.socket.SocketChannel) {
                ctx.close(); // a framing error leaves a TCP stream unreadable
            }
        }
    }

    /**
     * The address the platform sees us at: the option, else the bind address when it names one, else the local
     * address the system routes to the platform from (a connected UDP socket sends nothing).
     */
    private String localAddress(InetSocketAddress platform) {
        if (options.localAddress() != null) {
            return options.localAddress();
        }
        if (!options.bindHost().equals("0.0.0.0")) {
            return options.bindHost();
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(platform);
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? "127.0.0.1" : local.getHostAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("no route to the platform " + platform, e);
        }
    }

    /** The devices' ids, device 0 first. */
    public List<String> deviceIds() {
        return devices.stream().map(d -> d.id).toList();
    }

    /** The channel ids of device {@code i} (0-based). */
    public List<String> channelIds(int i) {
        return devices.get(i).channelIds();
    }

    /** The SIP port device {@code i} (0-based) sends from and listens on. */
    public int sipPort(int i) {
        return ((InetSocketAddress) sockets.get(i).localAddress()).getPort();
    }

    /** A snapshot of the counters, all devices together. */
    public GbSimulatorStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops: every device sends BYE for its calls and unregisters ({@code Expires: 0}), waiting up to 3 s for the
     * platform's answers, then the sockets close. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        closing = true;
        CompletableFuture<CompletableFuture<Void>> stopping = new CompletableFuture<>();
        scheduler.execute(() -> stopping.complete(CompletableFuture.allOf(devices.stream()
                .map(SimulatedDevice::close).toArray(CompletableFuture[]::new))));
        try {
            stopping.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a platform that does not answer does not hold the stop up
        }
        sockets.forEach(Channel::close);
        sockets.clear();
        scheduler.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }
}
