package io.xueliang.ingest.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by all sessions; LongAdder so event loops do not contend. */
final class SimulatorCounters {
    final AtomicInteger sessions = new AtomicInteger();
    final LongAdder packets = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder framesSkipped = new LongAdder();
    final LongAdder rtcpReceived = new LongAdder();

    SimulatorStats snapshot() {
        return new SimulatorStats(sessions.get(), packets.sum(), bytes.sum(), framesSkipped.sum(), rtcpReceived.sum());
    }
}
