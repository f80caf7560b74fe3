package io.xueliang.ingest.simulator;

/**
 * A snapshot of the simulator's counters.
 *
 * @param sessions sessions set up and not yet torn down
 * @param packetsSent RTP packets sent, all sessions
 * @param bytesSent RTP payload and header bytes sent, all sessions
 * @param framesSkipped frames not sent because a client did not read fast enough (skipped to the next keyframe)
 * @param rtcpReceived RTCP packets received from clients (receiver reports)
 */
public record SimulatorStats(int sessions, long packetsSent, long bytesSent, long framesSkipped, long rtcpReceived) {
}
