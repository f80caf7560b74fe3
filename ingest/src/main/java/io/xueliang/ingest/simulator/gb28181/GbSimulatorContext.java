package io.xueliang.ingest.simulator.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.xueliang.ingest.manscdp.ManscdpParser;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.transaction.SipClientTransactions;
import io.xueliang.ingest.sip.transaction.SipServerTransactions;
import io.xueliang.media.ExecutorScheduler;
import java.net.InetSocketAddress;

/**
 * What every simulated device shares: the options and clip, the event loops, and the one signalling thread with its
 * SIP transactions (keyed by random branches, so one table serves every device).
 */
record GbSimulatorContext(GbSimulatorOptions options, SimulatorSource source, EventLoopGroup group,
        Class<? extends DatagramChannel> datagramChannel, Class<? extends Channel> socketChannel,
        ExecutorScheduler scheduler, SipClientTransactions clients, SipServerTransactions servers, SipIdentifiers ids,
        ManscdpWriter writer, ManscdpParser parser, GbSimulatorCounters counters, String localAddress,
        InetSocketAddress platform) {

    /** A bootstrap for a UDP socket on the loop that will carry it. */
    Bootstrap datagram(EventLoop loop) {
        return new Bootstrap().group(loop).channel(datagramChannel);
    }

    /** A bootstrap for a TCP connection on the loop that will carry it. */
    Bootstrap socket(EventLoop loop) {
        return new Bootstrap().group(loop).channel(socketChannel);
    }
}
