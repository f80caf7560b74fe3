package io.xueliang.ingest.rtp;

/**
 * What a depacketiser did, for metrics and tests.
 *
 * @param emitted              access units handed to the sink
 * @param droppedBroken        units dropped because a packet inside them was lost or a fragment broke
 * @param droppedAwaitingKey   units dropped while waiting for a keyframe (start, after a loss)
 * @param droppedOversize      units dropped for exceeding the size limit
 * @param ignoredPackets       packets of a payload structure we do not handle (STAP-B, MTAP, FU-B, PACI)
 */
public record DepacketizerCounters(long emitted, long droppedBroken, long droppedAwaitingKey,
        long droppedOversize, long ignoredPackets) {
}
