package io.xueliang.ingest.sdp.gb28181;

/**
 * The {@code y=} SSRC of GB/T 28181-2016: ten decimal digits, the RTP SSRC in decimal.
 *
 * <pre>
 *   y=0 43032 0001        digit 1: 0 live, 1 history (playback, download)
 *     | |     |           digits 2-6: digits 4-8 of the 10-digit SIP domain (4303210000 -> 32100)
 *     | |     +---------- digits 7-10: a sequence the platform chooses per stream
 * </pre>
 * Devices sometimes answer with another SSRC than offered (some firmware chooses
 * their own) or with fewer digits; the answer's value is what the RTP packets carry, so it wins.
 *
 * @param value the SSRC, 0..4294967295
 */
public record GbSsrc(long value) {
    public GbSsrc {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC " + value + " is outside 32 bits");
        }
    }

    /** A live-stream SSRC: {@code 0}, domain digits 4-8, {@code sequence} (0..9999). */
    public static GbSsrc live(String domain, int sequence) {
        return of('0', domain, sequence);
    }

    /** A playback or download SSRC: {@code 1}, domain digits 4-8, {@code sequence} (0..9999). */
    public static GbSsrc history(String domain, int sequence) {
        return of('1', domain, sequence);
    }

    private static GbSsrc of(char kind, String domain, int sequence) {
        if (domain.length() < 8 || !domain.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("domain needs at least 8 digits: " + domain);
        }
        if (sequence < 0 || sequence > 9999) {
            throw new IllegalArgumentException("sequence " + sequence + " is outside 0..9999");
        }
        return new GbSsrc(Long.parseLong(kind + domain.substring(3, 8) + String.format("%04d", sequence)));
    }

    /**
     * Reads a {@code y=} value leniently: 1 to 10 decimal digits (devices drop leading zeros);
     * anything else is refused.
     *
     * @throws IllegalArgumentException when it is not a 32-bit decimal number
     */
    public static GbSsrc parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("y= needs 1 to 10 digits");
        }
        return new GbSsrc(Long.parseLong(t));
    }

    /** True for a playback or download SSRC (first of ten digits 1). */
    public boolean isHistory() {
        return value / 1_000_000_000L == 1;
    }

    /** The SSRC as the 32-bit field of an RTP header. */
    public int rtpSsrc() {
        return (int) value;
    }

    /** Ten digits, zero-padded, as {@code y=} carries it. */
    @Override
    public String toString() {
        return String.format("%010d", value);
    }
}
