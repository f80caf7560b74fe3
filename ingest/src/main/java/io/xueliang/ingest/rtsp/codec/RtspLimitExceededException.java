package io.xueliang.ingest.rtsp.codec;

/** A size read from the wire went past its {@link RtspDecoderLimits} bound. */
public final class RtspLimitExceededException extends RtspDecoderException {
    private final String limit;
    private final long allowed;
    private final long actual;

    public RtspLimitExceededException(String limit, long allowed, long actual) {
        super(limit + " exceeded: " + actual + " > " + allowed);
        this.limit = limit;
        this.allowed = allowed;
        this.actual = actual;
    }

    /** The {@link RtspDecoderLimits} component name, e.g. {@code maxBodyBytes}. */
    public String limit() {
        return limit;
    }

    public long allowed() {
        return allowed;
    }

    /** The size seen, or a lower bound of it when the decoder stopped reading early. */
    public long actual() {
        return actual;
    }
}
