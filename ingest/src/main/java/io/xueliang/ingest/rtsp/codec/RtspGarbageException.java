package io.xueliang.ingest.rtsp.codec;

/** More stray bytes than {@link RtspDecoderLimits#maxGarbageBytes()} without a message start. */
public final class RtspGarbageException extends RtspDecoderException {
    private final int skipped;
    private final String preview;

    public RtspGarbageException(int skipped, String preview) {
        super("no RTSP message or interleaved frame in " + skipped + " bytes, starting " + preview);
        this.skipped = skipped;
        this.preview = preview;
    }

    public int skipped() {
        return skipped;
    }

    /** Hex of the first skipped bytes, for the log. */
    public String preview() {
        return preview;
    }
}
