package io.xueliang.ingest.gb28181;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import java.time.Clock;

/**
 * What GB/T 28181 media sessions share: the event loops and channel classes, the address they bind and the one they
 * announce, the media ports and SSRCs (handed out under this object's lock), the signalling, and the limits.
 */
final class GbMediaResources {
    final EventLoopGroup group;
    final Class<? extends DatagramChannel> datagramChannel;
    final Class<? extends ServerChannel> serverChannel;
    final String bindHost;
    final String announceAddress;
    final GbCalls calls;
    final Clock clock;
    final int maxAccessUnitBytes;
    private final MediaPorts ports;
    private final SsrcAllocator ssrcs;

    GbMediaResources(EventLoopGroup group, Class<? extends DatagramChannel> datagramChannel,
            Class<? extends ServerChannel> serverChannel, String bindHost, String announceAddress, MediaPorts ports,
            SsrcAllocator ssrcs, GbCalls calls, Clock clock, int maxAccessUnitBytes) {
        this.group = group;
        this.datagramChannel = datagramChannel;
        this.serverChannel = serverChannel;
        this.bindHost = bindHost;
        this.announceAddress = announceAddress;
        this.ports = ports;
        this.ssrcs = ssrcs;
        this.calls = calls;
        this.clock = clock;
        this.maxAccessUnitBytes = maxAccessUnitBytes;
    }

    synchronized int port() {
        return ports.allocate();
    }

    synchronized void releasePort(int port) {
        ports.release(port);
    }

    synchronized GbSsrc ssrc(boolean history) {
        return ssrcs.allocate(history);
    }

    synchronized void releaseSsrc(GbSsrc ssrc) {
        ssrcs.release(ssrc);
    }
}
