package io.xueliang.ingest.rtp;

/**
 * An RTP or RTCP packet (or a payload inside one) whose structure is broken: a length that points
 * past the end, a wrong version, a count larger than the room for it.
 */
public final class RtpFormatException extends RtpProtocolException {
    /** What was wrong, so that a caller can count by kind without reading messages. */
    public enum Problem {
        TRUNCATED_HEADER,
        BAD_VERSION,
        CSRC_BEYOND_END,
        EXTENSION_BEYOND_END,
        BAD_PADDING,
        RTCP_LENGTH_BEYOND_END,
        RTCP_COUNT_BEYOND_LENGTH,
        PAYLOAD_TRUNCATED,
        BAD_PAYLOAD,
        BITSTREAM_TRUNCATED,
        VALUE_OUT_OF_RANGE
    }

    private final Problem problem;
    private final int needed;
    private final int available;

    /**
     * @param needed    bytes (or value) the structure claims
     * @param available bytes (or limit) actually there
     */
    public RtpFormatException(Problem problem, int needed, int available, String detail) {
        super(problem + ": " + detail + " (needed " + needed + ", available " + available + ")");
        this.problem = problem;
        this.needed = needed;
        this.available = available;
    }

    public Problem problem() {
        return problem;
    }

    public int needed() {
        return needed;
    }

    public int available() {
        return available;
    }
}
