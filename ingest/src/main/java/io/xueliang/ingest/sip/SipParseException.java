package io.xueliang.ingest.sip;

import io.netty.handler.codec.DecoderException;
import io.xueliang.ingest.wire.WireText;
import java.util.Optional;

/**
 * Bytes or a header value that cannot be read as SIP, or that break a {@code SipDecoderLimits} bound. It carries
 * data, not just text: which {@link #limit()} was crossed and by how much, and, for a request whose head could be
 * read, that head so the peer can be {@link #answerable() answered} {@code 400 Bad Request} (RFC 3261 §21.4.1).
 * <p>On TCP a framing error ends the connection; on UDP the datagram is counted and dropped. Text from the wire in
 * the message is escaped ({@link WireText}).
 */
public final class SipParseException extends DecoderException {
    private final String limit;
    private final long allowed;
    private final long actual;
    private final transient SipRequest request;

    private SipParseException(String message, String limit, long allowed, long actual, SipRequest request) {
        super(message);
        this.limit = limit;
        this.allowed = allowed;
        this.actual = actual;
        this.request = request;
    }

    /** Malformed input; {@code excerpt} is the offending text (cut and escaped here). */
    public static SipParseException malformed(String what, String excerpt) {
        return new SipParseException(what + (excerpt == null ? "" : ": " + cut(excerpt)), null, 0, 0, null);
    }

    /** A size went past its bound; {@code actual} may be a lower bound when the decoder stopped reading early. */
    public static SipParseException limit(String limit, long allowed, long actual) {
        return new SipParseException(limit + " exceeded: " + actual + " > " + allowed, limit, allowed, actual, null);
    }

    /** This failure, with the request head it happened in (so the peer may get a 400). */
    public SipParseException inRequest(SipRequest head) {
        return new SipParseException(getMessage(), limit, allowed, actual, head);
    }

    /** The {@code SipDecoderLimits} component crossed (e.g. {@code maxBodyBytes}), or empty for malformed input. */
    public Optional<String> limit() {
        return Optional.ofNullable(limit);
    }

    public long allowed() {
        return allowed;
    }

    public long actual() {
        return actual;
    }

    /** The request's start line and headers (no body), when they were read before the failure. */
    public Optional<SipRequest> request() {
        return Optional.ofNullable(request);
    }

    /**
     * True when a {@code 400} can be sent: the failing message is a request whose top Via, Call-ID and CSeq
     * could be read, so the answer finds its way back and matches the peer's transaction.
     */
    public boolean answerable() {
        if (request == null) {
            return false;
        }
        try {
            request.topVia();
            request.cseq();
            request.callId();
            return true;
        } catch (SipParseException e) {
            return false;
        }
    }

    static String cut(String s) {
        return WireText.escape(s.length() > 120 ? s.substring(0, 120) + "…" : s);
    }
}
