package io.xueliang.ingest.rtp;

/**
 * What a depacketiser did, for metrics and tests.
 *
 * @param emitted              access units handed to the sink
 * @param droppedBroken        units dropped because a packet inside them was lost or a fragment broke
 * @param droppedAwaitingKey   units dropped while waiting for a keyframe (start, after a loss)
 * @param droppedOversize      units dropped for exceeding the size limit
 * @param ignoredPackets       packets of a payload structure we do not handle (STAP-B, MTAP, FU-B, PACI)
 * @param ignoredParameterSets VPS, SPS or PPS that do not parse, dropped from their units (a broken or
 *                             hostile camera; taking them would start a new recording segment each)
 */
public record DepacketizerCounters(long emitted, long droppedBroken, long droppedAwaitingKey,
        long droppedOversize, long ignoredPackets, long ignoredParameterSets) {
    /** Nothing yet. */
    public static final DepacketizerCounters NONE = new DepacketizerCounters(0, 0, 0, 0, 0, 0);
}
