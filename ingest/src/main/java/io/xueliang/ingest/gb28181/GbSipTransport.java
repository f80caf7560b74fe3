package io.xueliang.ingest.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipPacket;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.codec.InvalidSipPacket;
import io.xueliang.ingest.sip.codec.SipDatagramDecoder;
import io.xueliang.ingest.sip.codec.SipDatagramEncoder;
import io.xueliang.ingest.sip.codec.SipDecoderLimits;
import io.xueliang.ingest.sip.codec.SipEncoder;
import io.xueliang.ingest.sip.codec.SipStreamDecoder;
import io.xueliang.ingest.sip.transaction.SipFlow;
import io.xueliang.media.Scheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SIP listeners of the platform: one UDP socket and one TCP listener on {@code gb28181.sipPort}. Every message
 * goes to the platform's one signalling thread (the {@link Scheduler}) with the flow to answer it on, so the
 * transactions and the device table are touched by that thread alone.
 *
 * <p>TCP connections are capped ({@link #MAX_TCP_CONNECTIONS}) and closed after {@code idleTimeout} without a byte
 * (a device keeps its connection busy with keepalives); a framing error answers 400 where the request could be read
 * and closes the connection. A bad datagram is counted and dropped, or answered 400 when its Via, Call-ID and CSeq
 * could be read. Nothing a peer sends stops a listener.
 */
final class GbSipTransport implements AutoCloseable {
    /** TCP signalling connections at once: a device or sub-platform holds one. */
    static final int MAX_TCP_CONNECTIONS = 20_000;

    /** Where the platform takes messages: on the scheduler's thread. */
    interface Inbound {
        void request(SipRequest request, InetSocketAddress source, SipFlow flow);

        void response(SipResponse response, InetSocketAddress source);
    }

    private final Scheduler scheduler;
    private final Inbound inbound;
    private final SipDecoderLimits limits;
    private final Channel udp;
    private final Channel tcp;
    private final Map<InetSocketAddress, Channel> connections = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refusedConnections = new AtomicLong();

    GbSipTransport(EventLoopGroup group, Class<? extends DatagramChannel> datagramChannel,
            Class<? extends ServerChannel> serverChannel, String host, int port, SipDecoderLimits limits,
            Duration idleTimeout, Scheduler scheduler, Inbound inbound) throws InterruptedException {
        this.scheduler = scheduler;
        this.inbound = inbound;
        this.limits = limits;
        this.udp = new Bootstrap().group(group).channel(datagramChannel)
                .option(ChannelOption.SO_RCVBUF, 4 << 20)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SipDatagramDecoder(limits), new SipDatagramEncoder(),
                                new DatagramHandler());
                    }
                }).bind(host, port).sync().channel();
        int boundPort = ((InetSocketAddress) udp.localAddress()).getPort();
        try {
            this.tcp = new ServerBootstrap().group(group).channel(serverChannel)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (open.incrementAndGet() > MAX_TCP_CONNECTIONS) {
                                open.decrementAndGet();
                                refusedConnections.incrementAndGet();
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(f -> {
                                open.decrementAndGet();
                                connections.remove((InetSocketAddress) ch.remoteAddress(), ch);
                            });
                            connections.put((InetSocketAddress) ch.remoteAddress(), ch);
                            ch.pipeline().addLast(
                                    new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
                                    new SipStreamDecoder(limits), new SipEncoder(), new StreamHandler());
                        }
                    }).bind(host, boundPort).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            udp.close();
            throw e;
        }
    }

    /** The port both listeners are bound to (the configured one, or the one picked for port 0). */
    int port() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    /** The flow to a peer: its TCP connection when it has one open to us, else UDP. */
    SipFlow flowTo(InetSocketAddress peer, boolean tcpPreferred) {
        Channel connection = tcpPreferred ? connections.get(peer) : null;
        return connection != null && connection.isActive() ? SipFlow.stream(connection) : SipFlow.datagram(udp, peer);
    }

    /**
     * A TCP connection of ours to {@code peer} (a superior platform), with the listeners' framing and handler, so
     * that {@link #flowTo} finds it and the peer's requests and answers on it arrive like any other. Completes when
     * connected, at once when one is open already.
     */
    CompletableFuture<Void> connect(InetSocketAddress peer, Bootstrap socket) {
        Channel open = connections.get(peer);
        if (open != null && open.isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        socket.clone().option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SipStreamDecoder(limits), new SipEncoder(), new StreamHandler());
                    }
                }).connect(peer).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        done.completeExceptionally(f.cause());
                        return;
                    }
                    Channel ch = f.channel();
                    connections.put(peer, ch);
                    ch.closeFuture().addListener(c -> connections.remove(peer, ch));
                    done.complete(null);
                });
        return done;
    }

    long malformed() {
        return malformed.get();
    }

    long refusedConnections() {
        return refusedConnections.get();
    }

    int tcpConnections() {
        return open.get();
    }

    private void dispatch(SipMessage message, InetSocketAddress source, SipFlow flow) {
        scheduler.execute(() -> {
            if (message instanceof SipRequest request) {
                inbound.request(request, source, flow);
            } else {
                inbound.response((SipResponse) message, source);
            }
        });
    }

    /** The 400 to a request that failed to decode, when its Via, Call-ID and CSeq could be read. */
    private static Optional<SipResponse> badRequest(SipParseException e, InetSocketAddress source) {
        if (!e.answerable()) {
            return Optional.empty();
        }
        return Optional.of(SipResponse.answer(e.request().orElseThrow(), source, 400, null, null)
                .with("Warning", "399 xueliang \"" + e.getMessage().replaceAll("[^\\x20-\\x7e]|\"", "?") + "\""));
    }

    private final class DatagramHandler extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof SipPacket packet) {
                dispatch(packet.message(), packet.peer(), SipFlow.datagram(udp, packet.peer()));
            } else if (msg instanceof InvalidSipPacket invalid) {
                malformed.incrementAndGet();
                badRequest(invalid.cause(), invalid.sender())
                        .ifPresent(answer -> ctx.writeAndFlush(new SipPacket(answer, invalid.sender())));
            }
        }
    }

    private final class StreamHandler extends SimpleChannelInboundHandler<SipMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SipMessage msg) {
            dispatch(msg, (InetSocketAddress) ctx.channel().remoteAddress(), SipFlow.stream(ctx.channel()));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            malformed.incrementAndGet();
            if (cause instanceof SipParseException e) {
                badRequest(e, (InetSocketAddress) ctx.channel().remoteAddress()).ifPresent(ctx::writeAndFlush);
            }
            ctx.close();
        }
    }

    @Override
    public void close() {
        tcp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        connections.values().forEach(Channel::close);
        udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
