package io.xueliang.ingest.gb28181;

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

    private final String domainPart;
    private final BitSet[] used = {new BitSet(NUMBERS), new BitSet(NUMBERS)};
    private final int[] next = new int[2];

    /** @param domain the 10-digit SIP domain */
    public SsrcAllocator(String domain) {
        if (domain == null || !domain.matches("[0-9]{10}")) {
            throw new IllegalArgumentException("a domain is 10 digits, got " + domain);
        }
        this.domainPart = domain.substring(3, 8);
    }

    /**
     * A free SSRC, ten digits.
     *
     * @param history true for playback and download (first digit 1), false for live (0)
     * @throws IllegalStateException when all 10,000 of that kind are in use
     */
    public String allocate(boolean history) {
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
        return kind + domainPart + String.format("%04d", n);
    }

    /** Gives back an SSRC this allocator handed out; others (a device's own, a malformed one) are ignored. */
    public void release(String ssrc) {
        if (ssrc == null || ssrc.length() != 10 || !ssrc.startsWith(domainPart, 1)) {
            return;
        }
        int kind = ssrc.charAt(0) - '0';
        if (kind != 0 && kind != 1) {
            return;
        }
        try {
            used[kind].clear(Integer.parseInt(ssrc.substring(6)));
        } catch (NumberFormatException e) {
            // not one of ours
        }
    }

    /** SSRCs in use, both kinds. */
    public int inUse() {
        return used[0].cardinality() + used[1].cardinality();
    }

    /** The RTP header's SSRC for a {@code y=} value, or -1 when it is not a decimal number of at most 10 digits. */
    public static long rtpSsrc(String y) {
        if (y == null || y.isEmpty() || y.length() > 10 || !y.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long v = Long.parseLong(y);
        return v <= 0xFFFF_FFFFL ? v : -1;
    }
}
