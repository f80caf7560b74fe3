package io.xueliang.ingest.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.xueliang.ingest.manscdp.ManscdpParser;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.transaction.SipClientTransactions;
import io.xueliang.ingest.sip.transaction.SipServerTransactions;
import io.xueliang.media.Scheduler;
import io.xueliang.media.StreamHubs;
import java.time.Clock;

/**
 * What every link to a superior platform shares with the platform: our identity and address, the SIP transport and
 * transactions, the MANSCDP reader and writer, the signalling thread, the cameras it may share and their codes,
 * and the sockets and hubs of the video it sends.
 *
 * @param datagram a bootstrap of the media loops' UDP channel; {@code socket} the same for TCP
 */
record GbCascadeContext(String serverId, String domain, String announceAddress, int sipPort, String bindHost,
        GbSipTransport transport, SipClientTransactions clients, SipServerTransactions servers, SipIdentifiers ids,
        ManscdpParser parser, ManscdpWriter writer, Scheduler scheduler, Clock clock, GbSharedCameras shared,
        GbCascadeCodes codes, GbCascadeCatalog catalog, StreamHubs hubs, EventLoopGroup group, Bootstrap datagram,
        Bootstrap socket) {
}
