package io.xueliang.ingest.sip;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/** A SIP response (RFC 3261 §7.2): {@code SIP/2.0 SP status SP reason}, headers, body. */
public record SipResponse(int status, String reason, SipHeaders headers, byte[] body) implements SipMessage {

    public SipResponse {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public SipResponse(int status, String reason, SipHeaders headers) {
        this(status, reason, headers, new byte[0]);
    }

    public boolean provisional() {
        return status < 200;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    /**
     * The response a server sends to {@code request} (RFC 3261 §8.2.6.2): every Via, the topmost stamped with
     * {@code received} and {@code rport} from the packet's real source (RFC 3581), From, To, Call-ID and CSeq.
     * Other headers (Contact, Expires, Date, WWW-Authenticate…) are the caller's to add.
     *
     * @param source the address the request came from (the UDP sender, the TCP peer)
     * @param reason null for the standard phrase
     * @param toTag  the tag to add to To when it has none and the status is above 100 (RFC 3261 §8.2.6.2), or null
     * @throws SipParseException when the request lacks a readable Via
     */
    public static SipResponse answer(SipRequest request, InetSocketAddress source, int status, String reason, String toTag) {
        SipHeaders in = request.headers();
        SipHeaders h = new SipHeaders();
        List<String> vias = in.list("Via");
        if (vias.isEmpty()) {
            throw SipParseException.malformed("missing Via", null);
        }
        h.add("Via", Via.parse(vias.getFirst()).receivedFrom(source).toString());
        for (int i = 1; i < vias.size(); i++) {
            h.add("Via", vias.get(i));
        }
        in.get("From").ifPresent(v -> h.add("From", v));
        in.get("To").ifPresent(v -> {
            if (toTag != null && status > 100) {
                NameAddress to = NameAddress.parse(v);
                h.add("To", to.tag().isPresent() ? v : to.withTag(toTag).toString());
            } else {
                h.add("To", v);
            }
        });
        in.get("Call-ID").ifPresent(v -> h.add("Call-ID", v));
        in.get("CSeq").ifPresent(v -> h.add("CSeq", v));
        return new SipResponse(status, reason != null ? reason : SipStatus.reason(status), h);
    }

    /** This response with one more header. */
    public SipResponse with(String name, String value) {
        SipHeaders h = headers.copy().add(name, value);
        return new SipResponse(status, reason, h, body);
    }

    /** This response with a body of that type. */
    public SipResponse withBody(SipContentType type, byte[] bytes) {
        SipHeaders h = headers.copy().set("Content-Type", type.toString());
        return new SipResponse(status, reason, h, bytes.clone());
    }

    @Override
    public String toString() {
        return "SipResponse[" + status + " " + reason + ", " + headers.size() + " headers, " + body.length + " body bytes]";
    }
}
