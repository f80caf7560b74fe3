package io.xueliang.ingest.sip;

import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A SIP request or response (RFC 3261 §7): headers in order and the body as bytes (a MANSCDP body's charset is
 * in its XML declaration, not in SIP). Typed views read the headers on each call; those every message must have
 * (Via, From, To, Call-ID, CSeq: RFC 3261 §8.1.1) throw {@link SipParseException} when absent or unreadable, which
 * the decoders have already checked for what they hand on.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    SipHeaders headers();

    byte[] body();

    /** Every Via element, topmost first, across lines and comma lists. */
    default List<Via> vias() {
        List<Via> out = new ArrayList<>();
        for (String v : headers().list("Via")) {
            out.add(Via.parse(v));
        }
        return out;
    }

    default Via topVia() {
        List<String> all = headers().list("Via");
        if (all.isEmpty()) {
            throw SipParseException.malformed("missing Via", null);
        }
        return Via.parse(all.getFirst());
    }

    default NameAddress from() {
        return NameAddress.parse(required("From"));
    }

    default NameAddress to() {
        return NameAddress.parse(required("To"));
    }

    default String callId() {
        String id = required("Call-ID").strip();
        if (id.isEmpty()) {
            throw SipParseException.malformed("empty Call-ID", null);
        }
        return id;
    }

    default CSeq cseq() {
        return CSeq.parse(required("CSeq"));
    }

    default List<Contact> contacts() {
        return Contact.parseAll(headers().list("Contact"));
    }

    /** The Expires header in seconds; empty when absent or not a number. */
    default OptionalLong expires() {
        return headers().get("Expires").map(Contact::seconds).orElse(OptionalLong.empty());
    }

    default Optional<SipContentType> contentType() {
        return headers().get("Content-Type").map(SipContentType::parse);
    }

    /** The Date header ({@link SipDate}), when present and readable. */
    default Optional<LocalDateTime> date() {
        return headers().get("Date").flatMap(SipDate::parse);
    }

    /** The body decoded with {@code charset} (GB2312/GB18030 for most MANSCDP bodies). */
    default String bodyText(Charset charset) {
        return new String(body(), charset);
    }

    private String required(String name) {
        return headers().get(name).orElseThrow(() -> SipParseException.malformed("missing " + name, null));
    }
}
