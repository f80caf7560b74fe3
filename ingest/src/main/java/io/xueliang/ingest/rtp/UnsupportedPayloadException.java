package io.xueliang.ingest.rtp;

/**
 * A track we cannot depacketise as described: an unknown encoding, or an SDP format parameter
 * asking for a feature we do not implement (H.265 DONL, H.264 interleaved mode, AAC CTS deltas).
 * Raised when the depacketiser is built, before any media flows.
 */
public final class UnsupportedPayloadException extends RtpProtocolException {
    private final String encoding;
    private final String parameter;
    private final String value;

    public UnsupportedPayloadException(String encoding, String parameter, String value) {
        super("unsupported " + encoding + (parameter == null ? "" : " with " + parameter + "=" + value));
        this.encoding = encoding;
        this.parameter = parameter;
        this.value = value;
    }

    public String encoding() {
        return encoding;
    }

    /** The SDP fmtp parameter that made the track unsupported, or null when the encoding itself is. */
    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }
}
