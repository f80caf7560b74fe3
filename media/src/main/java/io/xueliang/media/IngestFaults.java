package io.xueliang.media;

/**
 * What ingest refused from one camera since it was registered, for metrics: the evidence of a
 * hostile network or a broken camera that does not end its session.
 *
 * @param foreignDatagrams UDP datagrams from an address or port the camera did not announce in its
 *     SETUP answer (an injection attempt, a NAT that rewrites ports), dropped
 * @param foreignSsrcPackets RTP packets of another SSRC than the one the track settled on, dropped
 */
public record IngestFaults(long foreignDatagrams, long foreignSsrcPackets) {
    /** Nothing refused. */
    public static final IngestFaults NONE = new IngestFaults(0, 0);
}
