package io.xueliang.ingest.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.xueliang.config.Transport;
import io.xueliang.ingest.ps.PsDemuxer;
import io.xueliang.ingest.ps.PsRtpPacketizer;
import io.xueliang.ingest.ps.PsRtpReceiver;
import io.xueliang.ingest.sdp.gb28181.GbMediaTransport;
import io.xueliang.ingest.sdp.gb28181.GbSdp;
import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSession;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.StreamHub;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A GB/T 28181 channel pulled live: a media port and an SSRC, an INVITE with {@code s=Play} to the device, then PS
 * over RTP on that port (UDP, or TCP where the device connects to us, RFC 4571 framing) through a
 * {@link PsRtpReceiver} into the camera's hub. Everything runs on one event loop, so nothing here needs a lock. A
 * device that stops sending is noticed by the supervisor's no-data watchdog, which stops this session and invites
 * again after its backoff; bad bytes are counted by the demuxer and never end the process.
 *
 * <pre>
 *  start: port + SSRC -> bind media (UDP | TCP listen) -> INVITE (offer) -> 200 + ACK -> onPlaying
 *  media: datagram | 2-byte length + RTP -> PsRtpReceiver -> PsDemuxer -> AccessUnit -> StreamHub
 *  stop:  BYE -> close media -> port + SSRC back -> hub ended -> onClosed once
 * </pre>
 */
final class GbCameraSession implements CameraSession {
    /** Largest RTP packet over TCP: the 2-byte RFC 4571 length. */
    private static final int MAX_TCP_RTP = 65_535;
    /** How long a TCP media connection stays open after our BYE went out. */
    private static final long BYE_LEAD_MILLIS = 500;
    /**
     * Receive buffer asked for the UDP media socket, as for RTSP's RTP sockets: a device sends a keyframe (100-200 KB
     * at 720p, 100-150 packets) in one burst, and the Linux default (208 KiB, charged at several KiB per datagram)
     * holds about 50 of them, so a keyframe's tail was dropped before the event loop read it and the picture waited
     * for a keyframe that made it whole. The kernel caps the request at net.core.rmem_max.
     */
    static final int RECEIVE_BUFFER_BYTES = 2 * 1024 * 1024;
    /** Ports of the range tried before a session gives up: others may hold some (another program, a test). */
    static final int MAX_BIND_TRIES = 16;

    private final Camera camera;
    private final GbChannelAddress address;
    private final CameraCounters counters;
    private final CameraSessionListener listener;
    private final StreamHub hub;
    private final GbMediaResources media;
    private final EventLoop loop;
    private final GbMediaTransport transport;
    private final GbCallKind kind;

    private int port = -1;
    private int bindFailures;
    private GbSsrc ssrc;
    private Channel mediaChannel;
    private Channel tcpConnection;
    private GbCalls.Call call;
    private PsRtpReceiver receiver;
    private long lostReported;
    private boolean closed;

    GbCameraSession(Camera camera, GbChannelAddress address, CameraCounters counters, CameraSessionListener listener,
            StreamHub hub, GbMediaResources media) {
        this(camera, address, counters, listener, hub, media, GbCallKind.LIVE);
    }

    /** A session of another kind than live: the device's recordings into {@code hub}. */
    GbCameraSession(Camera camera, GbChannelAddress address, CameraCounters counters, CameraSessionListener listener,
            StreamHub hub, GbMediaResources media, GbCallKind kind) {
        this.kind = kind;
        this.camera = camera;
        this.address = address;
        this.counters = counters;
        this.listener = listener;
        this.hub = hub;
        this.media = media;
        this.loop = media.group.next();
        this.transport = camera.transport() == Transport.TCP ? GbMediaTransport.TCP_PASSIVE : GbMediaTransport.UDP;
    }

    void start() {
        loop.execute(this::bindMedia);
    }

    @Override
    public void stop() {
        loop.execute(() -> close(null));
    }

    private void bindMedia() {
        try {
            port = media.port();
            if (ssrc == null) {
                ssrc = media.ssrc(kind.history());
            }
        } catch (IllegalStateException e) {
            close(e);
            return;
        }
        PsDemuxer demuxer = new PsDemuxer(camera.id(), media.maxAccessUnitBytes, media.clock, this::publish);
        receiver = new PsRtpReceiver(demuxer, PsRtpPacketizer.PAYLOAD_TYPE, ssrc.rtpSsrc() & 0xFFFF_FFFFL, media.clock);
        ChannelFuture bound = transport == GbMediaTransport.UDP ? bindUdp() : listenTcp();
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                if (++bindFailures < MAX_BIND_TRIES && !closed) {
                    // taken by another process: the next port of the range (released ones go to the back)
                    media.releasePort(port);
                    port = -1;
                    bindMedia();
                    return;
                }
                close(new IllegalStateException("media port " + port + " cannot be bound: " + f.cause().getMessage(),
                        f.cause()));
                return;
            }
            mediaChannel = bound.channel();
            if (closed) {
                mediaChannel.close();
                return;
            }
            invite();
        });
    }

    private ChannelFuture bindUdp() {
        return new Bootstrap().group(loop).channel(media.datagramChannel)
                .option(io.netty.channel.ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES).handler(
                new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        if (call == null || !call.mediaFrom(packet.sender().getAddress())) {
                            counters.foreignDatagram(); // before the answer, or not from the device: never video
                            return;
                        }
                        onRtp(packet.content());
                    }
                }).bind(new InetSocketAddress(media.bindHost, port));
    }

    /** TCP passive: the device connects to our port; one connection is taken, later ones are refused. */
    private ChannelFuture listenTcp() {
        return new ServerBootstrap().group(loop).channel(media.serverChannel).childHandler(
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Devices connect as soon as they answered, often before the answer reaches this loop:
                        // a connection then is taken on trust and checked when the answer is in (invite()).
                        InetSocketAddress from = (InetSocketAddress) ch.remoteAddress();
                        if (tcpConnection != null || closed || call != null && !call.mediaFrom(from.getAddress())) {
                            counters.foreignDatagram(); // a second connection, or not the device's: refused
                            ch.close();
                            return;
                        }
                        tcpConnection = ch;
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_TCP_RTP, 0, 2, 0, 2),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf rtp) {
                                        if (call != null) {
                                            onRtp(rtp);
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        if (ctx.channel() == tcpConnection) {
                                            close(new IllegalStateException("the device closed the media connection"));
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        counters.protocolError();
                                        close(cause);
                                    }
                                });
                    }
                }).childOption(io.netty.channel.ChannelOption.TCP_NODELAY, true)
                .bind(new InetSocketAddress(media.bindHost, port));
    }

    private void invite() {
        GbSdp offer = kind.offer(address.channelId(), media.announceAddress, port, transport, ssrc);
        Runnable hangup = () -> loop.execute(() -> {
            call = null; // the device's BYE ended it: no BYE back
            close(new IllegalStateException("the device ended the call (BYE)"));
        });
        media.calls.invite(address, offer, hangup).whenComplete((established, error) -> loop.execute(() -> {
            if (error != null) {
                close(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                return;
            }
            if (closed) {
                media.calls.bye(established);
                return;
            }
            call = established;
            if (tcpConnection != null
                    && !call.mediaFrom(((InetSocketAddress) tcpConnection.remoteAddress()).getAddress())) {
                counters.foreignDatagram();
                Channel stranger = tcpConnection;
                tcpConnection = null;
                stranger.close();
            }
            listener.onPlaying();
        }));
    }

    /** The device's call, or null before its answer and after the end; on the session's loop. */
    GbCalls.Call call() {
        return call;
    }

    EventLoop loop() {
        return loop;
    }

    private void onRtp(ByteBuf rtp) {
        counters.dataReceived(rtp.readableBytes());
        if (closed) {
            return;
        }
        receiver.onRtp(rtp);
        long lost = receiver.lostPackets();
        if (lost != lostReported) {
            counters.rtpLost(lost - lostReported);
            lostReported = lost;
        }
    }

    private void publish(AccessUnit unit) {
        // Counted before it is published: a reader that got the frame finds it counted, never one behind.
        if (unit.isVideo()) {
            counters.unitAssembled();
            counters.frame();
        }
        hub.publish(unit);
    }

    private void close(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (call != null) {
            media.calls.bye(call);
        }
        if (tcpConnection != null) {
            // The BYE first: a device that ends a call when its media connection drops would otherwise send a BYE
            // of its own that crosses ours (481 both ways).
            Channel connection = tcpConnection;
            loop.schedule(() -> connection.close(), call != null ? BYE_LEAD_MILLIS : 0, TimeUnit.MILLISECONDS);
        }
        if (mediaChannel != null) {
            mediaChannel.close();
        }
        if (port >= 0) {
            media.releasePort(port);
        }
        if (ssrc != null) {
            media.releaseSsrc(ssrc);
        }
        hub.ended();
        listener.onClosed(cause);
    }
}
