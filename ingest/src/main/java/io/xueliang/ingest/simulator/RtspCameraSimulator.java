package io.xueliang.ingest.simulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code rtsp://host:port/cam1 .. camN}: every camera plays the same shared clip in a loop, in
 * real time, over TCP interleaved (default) or UDP, with its own SSRC, sequence and timestamp origin.
 * <pre>
 *  try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
 *          SimulatorOptions.loopback(100)).start()) {
 *      String url = "rtsp://127.0.0.1:" + sim.port() + "/cam1";
 *  }
 * </pre>
 * One event loop group (epoll when available, else NIO) carries RTSP, RTP and pacing; a client that
 * does not read loses whole frames up to the next keyframe instead of filling memory.
 */
public final class RtspCameraSimulator implements AutoCloseable {
    /** Outbound bytes queued per TCP client before frames are skipped; about one keyframe of 720p video. */
    static final int HIGH_WATER_MARK = 512 * 1024;
    static final int LOW_WATER_MARK = 128 * 1024;
    /**
     * Kernel send buffer per TCP client, fixed rather than auto-tuned so that 1,000 clients hold a bounded
     * amount of kernel memory and a stalled client is noticed (channel unwritable) within seconds;
     * 256 KiB still carries 20 Mbps at 100 ms round trip.
     */
    static final int SEND_BUFFER = 256 * 1024;
    private static final int MAX_REQUEST_HEAD = 8 * 1024;
    private static final int MAX_REQUEST_BODY = 4 * 1024;

    private final SimulatorContext context;
    private final SimulatorOptions options;
    /** Every RTSP connection accepted and not yet closed. */
    private final ChannelGroup connections = new DefaultChannelGroup("simulator-connections", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup group;
    private Channel server;
    private UdpSockets udp;

    public RtspCameraSimulator(SimulatorSource source, SimulatorOptions options) {
        this.options = options;
        this.context = new SimulatorContext(source, options);
    }

    /**
     * Binds the RTSP port and the UDP RTP/RTCP port pair.
     *
     * @return this simulator, serving
     * @throws IllegalStateException when already started, or when no UDP port pair can be bound
     * @throws InterruptedException when interrupted while binding; a failed TCP bind surfaces as Netty's exception
     */
    public synchronized RtspCameraSimulator start() throws InterruptedException {
        if (group != null) {
            throw new IllegalStateException("simulator already started");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(options.eventLoopThreads(), io);
        try {
            udp = bindUdp(epoll);
            context.udp(udp);
            Class<? extends ServerChannel> serverClass = epoll ? EpollServerSocketChannel.class
                    : NioServerSocketChannel.class;
            ServerBootstrap b = new ServerBootstrap().group(group).channel(serverClass)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast("rtsp-decoder", new RtspRequestDecoder(MAX_REQUEST_HEAD,
                                    MAX_REQUEST_BODY));
                            ch.pipeline().addLast("rtsp-server", new RtspConnectionHandler(context));
                        }
                    });
            server = b.bind(options.bindHost(), options.port()).sync().channel();
        } catch (Exception e) { // sync() rethrows a failed bind's checked IOException undeclared: close on it too
            close();
            throw e;
        }
        return this;
    }

    /** One RTP/RTCP pair for all UDP sessions: RTP on an even port, RTCP on the next, as RFC 3550 suggests. */
    private UdpSockets bindUdp(boolean epoll) throws InterruptedException {
        Class<? extends DatagramChannel> datagramClass = epoll ? EpollDatagramChannel.class
                : NioDatagramChannel.class;
        for (int attempt = 0; attempt < 20; attempt++) {
            Bootstrap rtp = new Bootstrap().group(group).channel(datagramClass)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                            // clients send only NAT punch-through packets here; nothing to do
                        }
                    });
            Channel rtpChannel = rtp.bind(options.bindHost(), 0).sync().channel();
            int port = ((InetSocketAddress) rtpChannel.localAddress()).getPort();
            if (port % 2 != 0 || port == 65_535) {
                rtpChannel.close().sync();
                continue;
            }
            Bootstrap rtcp = new Bootstrap().group(group).channel(datagramClass)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                            context.rtcpFrom(msg.sender());
                        }
                    });
            try {
                Channel rtcpChannel = rtcp.bind(options.bindHost(), port + 1).sync().channel();
                return new UdpSockets(rtpChannel, rtcpChannel);
            } catch (RuntimeException e) {
                rtpChannel.close().sync();
            }
        }
        throw new IllegalStateException("no free UDP port pair on " + options.bindHost() + " after 20 attempts");
    }

    /** The bound RTSP port. */
    public int port() {
        Channel s = server;
        if (s == null) {
            throw new IllegalStateException("simulator not started");
        }
        return ((InetSocketAddress) s.localAddress()).getPort();
    }

    public int cameras() {
        return options.cameras();
    }

    /** {@code rtsp://host:port/camN} for camera {@code n} (1-based). */
    public String url(int n) {
        String host = options.bindHost().equals("0.0.0.0") ? "127.0.0.1" : options.bindHost();
        return "rtsp://" + host + ":" + port() + "/cam" + n;
    }

    /**
     * The network between the cameras and their clients goes away: from now on nothing reaches the
     * clients (no frame, no answer, no FIN) and nothing they send is answered, though connections are
     * still accepted. Playing clients see silence, new ones see their requests time out: what a switch
     * or uplink failure looks like from the server.
     */
    public void cutNetwork() {
        context.networkDown(true);
    }

    /**
     * The network comes back. Every connection from before, or made during, the outage is reset, as
     * the first packet after an outage meets a peer that gave up long ago; new connections play.
     */
    public void restoreNetwork() {
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        context.networkDown(false);
    }

    public SimulatorStats stats() {
        return context.counters().snapshot();
    }

    /** Stops serving; sessions end with their connections. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        context.cancelTickers();
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        if (udp != null) {
            udp.close();
            udp = null;
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }
}
