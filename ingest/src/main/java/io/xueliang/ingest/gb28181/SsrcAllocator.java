package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import java.util.BitSet;

/**
 * Hands out the {@code y=} SSRCs of GB/T 28181 INVITEs (2016, Appendix F): ten decimal digits, the first 0 for a live
 * stream and 1 for a recording, the next five the 4th to 8th digits of the SIP domain, the last four a stream number
 * that no stream of this domain still in use has. The number is the RTP SSRC as a decimal integer (at most
 * 1,999,999,999, inside 32 bits).
 *
 * <p>A released number is not handed out again until the other 9,999 have been: a device that keeps sending after
 * its BYE (many do, for a second or two) must not feed the stream that took its SSRC next. Not thread-safe.
 */
public final class SsrcAllocator {
    /** Stream numbers per kind: four decimal digits. */
    public static final int NUMBERS = 10_000;

    private final String domain;
    private final long domainPart;
    private final BitSet[] used = {new BitSet(NUMBERS), new BitSet(NUMBERS)};
    private final int[] next = new int[2];

    /** @param domain the 10-digit SIP domain */
    public SsrcAllocator(String domain) {
        if (domain == null || !domain.matches("[0-9]{10}")) {
            throw new IllegalArgumentException("a domain is 10 digits, got " + domain);
        }
        this.domain = domain;
        this.domainPart = Long.parseLong(domain.substring(3, 8));
    }

    /**
     * A free SSRC, ten digits.
     *
     * @param history true for playback and download (first digit 1), false for live (0)
     * @throws IllegalStateException when all 10,000 of that kind are in use
     */
    public GbSsrc allocate(boolean history) {
        int kind = history ? 1 : 0;
        BitSet taken = used[kind];
        int n = taken.nextClearBit(next[kind]);
        if (n >= NUMBERS) {
            n = taken.nextClearBit(0);
            if (n >= NUMBERS) {
                throw new IllegalStateException("all " + NUMBERS + (history ? " recording" : " live")
                        + " SSRCs are in use");
            }
        }
        taken.set(n);
        next[kind] = (n + 1) % NUMBERS;
        return history ? GbSsrc.history(domain, n) : GbSsrc.live(domain, n);
    }

    /** Gives back an SSRC this allocator handed out; another (a device's own) is ignored. */
    public void release(GbSsrc ssrc) {
        long v = ssrc.value();
        int kind = (int) (v / 1_000_000_000L);
        if ((kind == 0 || kind == 1) && (v / NUMBERS) % 100_000 == domainPart) {
            used[kind].clear((int) (v % NUMBERS));
        }
    }

    /** SSRCs in use, both kinds. */
    public int inUse() {
        return used[0].cardinality() + used[1].cardinality();
    }

}
