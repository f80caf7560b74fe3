package io.xueliang.ingest.manscdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The charset rule of {@link ManscdpCharset}, one row per case devices produce. */
class ManscdpCharsetTest {
    private static final String NAME = "湘潭县易俗河镇卡口";
    private static final Charset GBK = Charset.forName("GBK");

    static Stream<Arguments> cases() {
        return Stream.of(
                // declaration, how the bytes are encoded, the name, the charset that must decode
                Arguments.of("GB2312", ManscdpCharset.GB18030, NAME, ManscdpCharset.GB18030),
                Arguments.of("gb2312", GBK, NAME, ManscdpCharset.GB18030),
                Arguments.of("GB2312", GBK, "堃鑫广场", ManscdpCharset.GB18030),     // GBK-only 堃 in a "GB2312" body
                Arguments.of("GB18030", ManscdpCharset.GB18030, "𠀀路口", ManscdpCharset.GB18030), // four-byte GB18030
                Arguments.of("GBK", GBK, NAME, ManscdpCharset.GB18030),
                Arguments.of("GB2312", StandardCharsets.UTF_8, NAME, StandardCharsets.UTF_8),   // declared GB2312, sent UTF-8
                Arguments.of("GB2312", StandardCharsets.UTF_8, "卡口“一号”（东）", StandardCharsets.UTF_8),
                Arguments.of("UTF-8", StandardCharsets.UTF_8, NAME, StandardCharsets.UTF_8),
                Arguments.of("UTF-8", GBK, NAME, ManscdpCharset.GB18030),                   // declared UTF-8, sent GBK
                Arguments.of(null, StandardCharsets.UTF_8, NAME, StandardCharsets.UTF_8),   // no declaration, UTF-8
                Arguments.of(null, GBK, NAME, ManscdpCharset.GB18030),                      // no declaration, GBK
                Arguments.of(null, GBK, "学校", ManscdpCharset.GB18030),                     // ... that is valid UTF-8 by chance
                Arguments.of("GB2312", ManscdpCharset.GB18030, "Camera 1", ManscdpCharset.GB18030), // ASCII only
                Arguments.of("ISO-8859-1", StandardCharsets.ISO_8859_1, "Caméra", StandardCharsets.ISO_8859_1),
                Arguments.of("X-NO-SUCH", StandardCharsets.UTF_8, NAME, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "declared {0}, sent {1}: {2}")
    @MethodSource("cases")
    void decodesNamesRight(String declared, Charset sent, String name, Charset expected) {
        String decl = declared == null ? "" : "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>\r\n";
        byte[] body = (decl + "<Notify><Name>" + name + "</Name></Notify>").getBytes(sent);
        ManscdpCharset.Decoded d = ManscdpCharset.decode(body);
        assertThat(d.charset()).isEqualTo(expected);
        assertThat(d.text()).contains("<Name>" + name + "</Name>");
    }

    @ParameterizedTest(name = "GB18030 text that is valid UTF-8 by chance stays GB18030: {0}")
    @MethodSource("gbTextThatIsValidUtf8")
    void gbTextThatHappensToBeValidUtf8IsNotMistakenForUtf8(String name) {
        byte[] gb = name.getBytes(ManscdpCharset.GB18030);
        assertThat(new String(gb, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)).as("valid UTF-8").isEqualTo(gb);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"GB2312\"?><Notify><Name>" + name + "</Name></Notify>")
                .getBytes(ManscdpCharset.GB18030);
        assertThat(ManscdpCharset.decode(body).text()).contains(name);
    }

    /** Chinese names whose GB18030 bytes are also valid UTF-8 (路 C2 B7 is "·"; 学校 and 医院 are Cyrillic). */
    static Stream<String> gbTextThatIsValidUtf8() {
        return Stream.of("路", "1路", "学校", "医院", "省站");
    }

    @Test
    void byteOrderMarkMeansUtf8() {
        byte[] text = ("<?xml version=\"1.0\" encoding=\"GB2312\"?><Notify><Name>" + NAME + "</Name></Notify>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);
        assertThat(ManscdpCharset.decode(body).text()).contains(NAME);
    }
}
