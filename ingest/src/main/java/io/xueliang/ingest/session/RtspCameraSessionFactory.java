package io.xueliang.ingest.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.xueliang.ingest.rtsp.RtspClientConfig;
import io.xueliang.ingest.rtsp.RtspClientSession;
import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSession;
import io.xueliang.ingest.supervisor.CameraSessionFactory;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.media.Camera;
import io.xueliang.media.StreamHubs;
import java.time.InstantSource;

/** Opens RTSP sessions on one shared event loop group. */
public final class RtspCameraSessionFactory implements CameraSessionFactory {
    private final EventLoopGroup group;
    private final Class<? extends Channel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;
    private final RtspClientConfig rtspConfig;
    private final StreamHubs hubs;
    private final InstantSource clock;
    private final int maxAccessUnitBytes;

    public RtspCameraSessionFactory(EventLoopGroup group, Class<? extends Channel> socketChannel,
            Class<? extends DatagramChannel> datagramChannel, RtspClientConfig rtspConfig, StreamHubs hubs,
            InstantSource clock, int maxAccessUnitBytes) {
        this.group = group;
        this.socketChannel = socketChannel;
        this.datagramChannel = datagramChannel;
        this.rtspConfig = rtspConfig;
        this.hubs = hubs;
        this.clock = clock;
        this.maxAccessUnitBytes = maxAccessUnitBytes;
    }

    @Override
    public CameraSession open(Camera camera, CameraCounters counters, CameraSessionListener listener) {
        RtspCameraSession session = new RtspCameraSession(camera, counters, listener, hubs.hub(camera.id()), clock,
                maxAccessUnitBytes);
        RtspClientSession rtsp = new RtspClientSession(camera.source(),
                rtspConfig.withTransport(camera.transport()).withAuth(camera.auth()), group, socketChannel, datagramChannel,
                session);
        session.attach(rtsp);
        rtsp.start();
        return session;
    }
}
