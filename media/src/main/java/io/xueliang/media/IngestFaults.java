package io.xueliang.media;

/**
 * What ingest refused or threw away from one camera since it was registered, for metrics: the
 * evidence of a hostile network or a broken camera that does not (yet) end its session.
 *
 * @param foreignDatagrams UDP datagrams from an address or port the camera did not announce in its
 *     SETUP answer (an injection attempt, a NAT that rewrites ports), dropped
 * @param foreignSsrcPackets RTP packets of another SSRC than the one the track settled on, dropped
 * @param unitsBroken access units dropped because a packet inside them was lost or a fragment broke
 * @param unitsAwaitingKeyframe access units dropped while a keyframe was awaited (start, after a loss)
 * @param unitsOversize access units dropped for exceeding {@code ingest.maxAccessUnitBytes}
 * @param packetsUnsupported RTP packets of a payload structure not handled (STAP-B, MTAP, FU-B, PACI)
 * @param parameterSetsIgnored VPS, SPS or PPS that do not parse, dropped (each would otherwise have
 *     started a new recording segment)
 * @param protocolErrors sessions ended because the camera sent bytes that break the protocol
 *     (malformed RTSP, SDP, RTP or RTCP; a limit broken)
 */
public record IngestFaults(long foreignDatagrams, long foreignSsrcPackets, long unitsBroken,
        long unitsAwaitingKeyframe, long unitsOversize, long packetsUnsupported, long parameterSetsIgnored,
        long protocolErrors) {
    /** Nothing refused. */
    public static final IngestFaults NONE = new IngestFaults(0, 0, 0, 0, 0, 0, 0, 0);
}
