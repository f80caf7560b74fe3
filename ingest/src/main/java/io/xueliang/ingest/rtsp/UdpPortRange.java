package io.xueliang.ingest.rtsp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local UDP ports RTP/RTCP may use, handed out as even/odd pairs (RFC 3550 §11) round-robin
 * so that thousands of sessions do not all probe from the bottom. One instance is shared by all
 * sessions of a process; thread-safe.
 */
public final class UdpPortRange {
    private final int first;
    private final int last;
    private final AtomicInteger cursor;

    /** @param first even, @param last >= first + 1 */
    public UdpPortRange(int first, int last) {
        if (first <= 0 || first % 2 != 0 || last > 65535 || last < first + 1) {
            throw new IllegalArgumentException("UDP port range must be an even start and end >= start+1 within 1-65535: "
                    + first + "-" + last);
        }
        this.first = first;
        this.last = last;
        this.cursor = new AtomicInteger();
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    /** Number of even/odd pairs in the range. */
    public int pairs() {
        return (last - first + 1) / 2;
    }

    /** The RTP (even) port of the next pair to try. */
    public int nextRtpPort() {
        return first + 2 * Math.floorMod(cursor.getAndIncrement(), pairs());
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
