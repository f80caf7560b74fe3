package io.xueliang.ingest.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipMessageTest {

    @Test
    void headerNamesMatchInAnyCaseAndCompactForm() {
        SipHeaders h = new SipHeaders().add("v", "SIP/2.0/UDP a;branch=z9hG4bK1").add("VIA", "SIP/2.0/UDP b;branch=z9hG4bK2")
                .add("i", "call").add("content-LENGTH", "0");
        assertThat(h.getAll("Via")).hasSize(2);
        assertThat(h.get("call-id")).contains("call");
        assertThat(h.get("l")).contains("0");
        h.set("Call-ID", "other");
        assertThat(h.name(2)).as("set keeps the place").isEqualTo("Call-ID");
        h.remove("V");
        assertThat(h.contains("via")).isFalse();
    }

    @Test
    void listHeadersSplitAtCommasOutsideQuotesAndBrackets() {
        SipHeaders h = new SipHeaders().add("Contact", "\"Doe, John\" <sip:a@b;x=1,2>;expires=60, <sip:c@d>").add("Contact", "*");
        assertThat(h.list("Contact")).containsExactly("\"Doe, John\" <sip:a@b;x=1,2>;expires=60", "<sip:c@d>", "*");
        List<Contact> contacts = Contact.parseAll(h.list("Contact"));
        assertThat(contacts.get(0).address().displayName()).isEqualTo("Doe, John");
        assertThat(contacts.get(0).expires()).hasValue(60);
        assertThat(contacts.get(2).wildcard()).isTrue();
    }

    @Test
    void sipUriParsesAndPrints() {
        SipUri u = SipUri.parse("sip:34020000001320000001@192.168.1.64:5060;transport=udp;lr");
        assertThat(u.user()).isEqualTo("34020000001320000001");
        assertThat(u.host()).isEqualTo("192.168.1.64");
        assertThat(u.port()).isEqualTo(5060);
        assertThat(u.param("transport")).contains("udp");
        assertThat(u.param("lr")).contains("");
        assertThat(u.toString()).isEqualTo("sip:34020000001320000001@192.168.1.64:5060;transport=udp;lr");
        SipUri v6 = SipUri.parse("sip:[2001:db8::1]:5070");
        assertThat(v6.host()).isEqualTo("[2001:db8::1]");
        assertThat(v6.port()).isEqualTo(5070);
        assertThat(SipUri.parse("sip:34020000002000000001@3402000000").portIfPresent()).isEmpty();
        for (String bad : List.of("http://x", "sip:", "sip:a@b:99999", "sip:a@b:x", "nocolon", "sip:a@[::1")) {
            assertThatThrownBy(() -> SipUri.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void nameAddressFormsAndTags() {
        NameAddress bare = NameAddress.parse("sip:34020000001320000001@3402000000;tag=77");
        assertThat(bare.tag()).contains("77");
        assertThat(bare.uri().params()).isEmpty();
        NameAddress angled = NameAddress.parse("<sip:a@b;transport=tcp>;tag=9");
        assertThat(angled.uri().param("transport")).contains("tcp");
        assertThat(angled.tag()).contains("9");
        assertThat(NameAddress.parse("Camera <sip:a@b>").displayName()).isEqualTo("Camera");
        assertThat(bare.withTag("x").toString()).isEqualTo("<sip:34020000001320000001@3402000000>;tag=x");
        assertThatThrownBy(() -> NameAddress.parse("<sip:a@b")).isInstanceOf(SipParseException.class);
    }

    @Test
    void viaIsStampedWithTheRealSourceAsRfc3581Says() {
        Via asked = Via.parse("SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1");
        Via answered = asked.receivedFrom(new InetSocketAddress("203.0.113.7", 40512));
        assertThat(answered.toString()).isEqualTo("SIP/2.0/UDP 192.168.1.64:5060;rport=40512;branch=z9hG4bK1;received=203.0.113.7");
        Via sameHost = Via.parse("SIP/2.0/UDP 192.168.1.64:5060;branch=z9hG4bK1")
                .receivedFrom(new InetSocketAddress("192.168.1.64", 5060));
        assertThat(sameHost.received()).as("no received when sent-by is the source").isEmpty();
        Via spaced = Via.parse("SIP / 2.0 / tcp   10.0.0.1 ; branch = z9hG4bKx");
        assertThat(spaced.transport()).isEqualTo("TCP");
        assertThat(spaced.port()).isEqualTo(-1);
        assertThat(spaced.branch()).contains("z9hG4bKx");
        for (String bad : List.of("SIP/3.0/UDP a", "SIP/2.0/UDP", "x", "SIP/2.0/UDP a:b")) {
            assertThatThrownBy(() -> Via.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void cseqParsesOnlyNumberAndMethod() {
        assertThat(CSeq.parse(" 20  MESSAGE ")).isEqualTo(new CSeq(20, "MESSAGE"));
        for (String bad : List.of("", "MESSAGE", "1", "-1 MESSAGE", "2147483648 MESSAGE", "1 MESSAGE extra", "1x MESSAGE")) {
            assertThatThrownBy(() -> CSeq.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void answerCopiesTheTransactionHeadersAndAddsAToTagOnce() {
        SipHeaders h = new SipHeaders()
                .add("Via", "SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1")
                .add("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK0")
                .add("From", "<sip:a@b>;tag=f").add("To", "<sip:c@d>").add("Call-ID", "c1").add("CSeq", "3 REGISTER")
                .add("Contact", "<sip:a@1.2.3.4>").add("Expires", "3600");
        SipRequest r = new SipRequest("REGISTER", "sip:c@d", h);
        SipResponse ok = SipResponse.answer(r, new InetSocketAddress("192.168.1.64", 5060), 200, null, "t9")
                .with("Date", SipDate.format(java.time.LocalDateTime.of(2026, 12, 7, 20, 0)));
        assertThat(ok.reason()).isEqualTo("OK");
        assertThat(ok.vias()).hasSize(2);
        assertThat(ok.topVia().rport()).hasValue(5060);
        assertThat(ok.to().tag()).contains("t9");
        assertThat(ok.headers().contains("Contact")).isFalse();
        assertThat(ok.date()).isPresent();
        SipResponse trying = SipResponse.answer(r, new InetSocketAddress("192.168.1.64", 5060), 100, null, "t9");
        assertThat(trying.to().tag()).as("no tag on 100").isEmpty();
        SipRequest tagged = r.withHeaders(h.copy().set("To", "<sip:c@d>;tag=old"));
        assertThat(SipResponse.answer(tagged, new InetSocketAddress("1.1.1.1", 1), 200, null, "new").to().tag()).contains("old");
    }

    @Test
    void builderWritesRfc3261OrderAndIdentifiersAreRandomHex() {
        SipIdentifiers ids = new SipIdentifiers(new Random(5));
        SipRequest r = ids.request(SipRequest.REGISTER, SipUri.parse("sip:44010000002000000001@4401000000"), "UDP",
                        "10.0.0.5", 5060, NameAddress.parse("<sip:34020000002000000001@3402000000>"),
                        NameAddress.parse("<sip:34020000002000000001@3402000000>"), null)
                .cseq(1).contact(NameAddress.parse("<sip:34020000002000000001@10.0.0.5:5060>")).header("Expires", "3600")
                .body(SipContentType.SDP, "v=0\r\n".getBytes(StandardCharsets.US_ASCII)).build();
        List<String> names = java.util.stream.IntStream.range(0, r.headers().size()).mapToObj(r.headers()::name).toList();
        assertThat(names).containsExactly("Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact", "Expires", "Content-Type");
        assertThat(r.topVia().branch()).hasValueSatisfying(b -> assertThat(b).matches("z9hG4bK[0-9a-f]{16}"));
        assertThat(r.topVia().hasRport()).isTrue();
        assertThat(r.from().tag()).hasValueSatisfying(t -> assertThat(t).matches("[0-9a-f]{16}"));
        assertThat(r.callId()).matches("[0-9a-f]{32}");
        assertThat(ids.branch()).isNotEqualTo(ids.branch());
        assertThatThrownBy(() -> SipRequest.builder("MESSAGE", SipUri.parse("sip:a@b")).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void contentTypeMatchesGbSpellings() {
        SipContentType ct = SipContentType.parse("APPLICATION/MANSCDP+XML; charset=GB2312");
        assertThat(ct.is("Application/MANSCDP+xml")).isTrue();
        assertThat(ct.charset()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("GB2312"));
        assertThat(SipContentType.MANSCDP.toString()).isEqualTo("Application/MANSCDP+xml");
        assertThat(SipContentType.parse("text/plain;charset=nope").charset()).isEmpty();
    }
}
