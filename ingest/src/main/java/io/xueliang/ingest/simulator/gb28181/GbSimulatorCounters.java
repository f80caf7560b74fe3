package io.xueliang.ingest.simulator.gb28181;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every device and stream; LongAdder so that event loops do not contend. */
final class GbSimulatorCounters {
    final AtomicInteger registered = new AtomicInteger();
    final LongAdder registrations = new LongAdder();
    final LongAdder registerFailures = new LongAdder();
    final LongAdder keepalivesSent = new LongAdder();
    final LongAdder catalogMessages = new LongAdder();
    final LongAdder deviceInfos = new LongAdder();
    final LongAdder invites = new LongAdder();
    final LongAdder invitesRefused = new LongAdder();
    final AtomicInteger streams = new AtomicInteger();
    final LongAdder byesReceived = new LongAdder();
    final LongAdder byesSent = new LongAdder();
    final LongAdder packetsSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder framesSkipped = new LongAdder();

    GbSimulatorStats snapshot() {
        return new GbSimulatorStats(registered.get(), registrations.sum(), registerFailures.sum(),
                keepalivesSent.sum(), catalogMessages.sum(), deviceInfos.sum(), invites.sum(), invitesRefused.sum(),
                streams.get(), byesReceived.sum(), byesSent.sum(), packetsSent.sum(), bytesSent.sum(),
                framesSkipped.sum());
    }
}
