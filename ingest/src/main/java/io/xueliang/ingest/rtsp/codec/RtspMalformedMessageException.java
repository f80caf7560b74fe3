package io.xueliang.ingest.rtsp.codec;

import io.xueliang.ingest.wire.WireText;

/** A start line or header that cannot be parsed. */
public final class RtspMalformedMessageException extends RtspDecoderException {
    private final String line;

    public RtspMalformedMessageException(String problem, String line) {
        super(problem + ": '" + WireText.escape(line) + "'");
        this.line = line;
    }

    /** The offending line, cut to 200 characters. */
    public String line() {
        return line;
    }
}
