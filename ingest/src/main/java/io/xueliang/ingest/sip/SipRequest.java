package io.xueliang.ingest.sip;

import java.util.Objects;

/**
 * A SIP request (RFC 3261 §7.1): {@code METHOD SP Request-URI SP SIP/2.0}, headers, body. {@code uri} is the
 * Request-URI as written; {@link #requestUri()} parses it.
 * <p>Methods GB/T 28181 uses: REGISTER, MESSAGE (MANSCDP), INVITE/ACK/BYE (media), INFO (MANSRTSP playback
 * control), SUBSCRIBE/NOTIFY (catalog and alarm subscriptions), CANCEL.
 */
public record SipRequest(String method, String uri, SipHeaders headers, byte[] body) implements SipMessage {
    public static final String REGISTER = "REGISTER";
    public static final String MESSAGE = "MESSAGE";
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String INFO = "INFO";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String OPTIONS = "OPTIONS";

    public SipRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public SipRequest(String method, String uri, SipHeaders headers) {
        this(method, uri, headers, new byte[0]);
    }

    public SipUri requestUri() {
        return SipUri.parse(uri);
    }

    /** This request with other headers, same body. */
    public SipRequest withHeaders(SipHeaders newHeaders) {
        return new SipRequest(method, uri, newHeaders, body);
    }

    /** A builder for a request we send; {@link SipIdentifiers#request} fills branch, tag and Call-ID. */
    public static Builder builder(String method, SipUri requestUri) {
        return new Builder(method, requestUri.toString());
    }

    @Override
    public String toString() {
        return "SipRequest[" + method + " " + uri + ", " + headers.size() + " headers, " + body.length + " body bytes]";
    }

    /**
     * Builds a request in the order RFC 3261 §8.1.1 lists its headers: Via, Max-Forwards, From, To, Call-ID,
     * CSeq, Contact, then any others, then Content-Type for a body. Content-Length is the encoder's.
     */
    public static final class Builder {
        private final String method;
        private final String uri;
        private Via via;
        private NameAddress from;
        private NameAddress to;
        private String callId;
        private long cseq = 1;
        private NameAddress contact;
        private int maxForwards = 70;
        private final SipHeaders extra = new SipHeaders();
        private SipContentType contentType;
        private byte[] body = new byte[0];

        private Builder(String method, String uri) {
            this.method = Objects.requireNonNull(method, "method");
            this.uri = uri;
        }

        public Builder via(Via value) {
            this.via = value;
            return this;
        }

        /** From, which must carry a tag (RFC 3261 §8.1.1.3). */
        public Builder from(NameAddress value) {
            if (value.tag().isEmpty()) {
                throw new IllegalArgumentException("From needs a tag");
            }
            this.from = value;
            return this;
        }

        public Builder to(NameAddress value) {
            this.to = value;
            return this;
        }

        public Builder callId(String value) {
            this.callId = value;
            return this;
        }

        public Builder cseq(long value) {
            this.cseq = value;
            return this;
        }

        public Builder contact(NameAddress value) {
            this.contact = value;
            return this;
        }

        public Builder maxForwards(int value) {
            this.maxForwards = value;
            return this;
        }

        /** Any other header (Expires, Subject, Date, User-Agent…), in call order. */
        public Builder header(String name, String value) {
            extra.add(name, value);
            return this;
        }

        public Builder body(SipContentType type, byte[] bytes) {
            this.contentType = Objects.requireNonNull(type, "type");
            this.body = bytes.clone();
            return this;
        }

        public SipRequest build() {
            if (via == null || from == null || to == null || callId == null) {
                throw new IllegalStateException("a request needs Via, From, To and Call-ID");
            }
            SipHeaders h = new SipHeaders();
            h.add("Via", via.toString());
            h.add("Max-Forwards", String.valueOf(maxForwards));
            h.add("From", from.toString());
            h.add("To", to.toString());
            h.add("Call-ID", callId);
            h.add("CSeq", new CSeq(cseq, method).toString());
            if (contact != null) {
                h.add("Contact", contact.toString());
            }
            for (int i = 0; i < extra.size(); i++) {
                h.add(extra.name(i), extra.value(i));
            }
            if (contentType != null) {
                h.add("Content-Type", contentType.toString());
            }
            return new SipRequest(method, uri, h, body);
        }
    }
}
