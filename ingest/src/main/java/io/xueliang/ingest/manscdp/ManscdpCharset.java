package io.xueliang.ingest.manscdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a MANSCDP body into text, the way devices actually encode it.
 *
 * <p>The rule, in order:
 * <ol>
 *   <li>A UTF-8 byte-order mark means UTF-8.</li>
 *   <li>The {@code encoding} of the XML declaration is read from the ASCII prefix.</li>
 *   <li>GB2312, GBK, GB18030 (any case, with or without hyphen) declared: the bytes are decoded as
 *       GB18030, the superset, because devices put GBK characters (湘潭县易俗河镇卡口's 湘 is in
 *       GB2312, but 堃, 鑫-style names are not) in bodies they call GB2312. Except when the bytes are
 *       strictly valid UTF-8, contain at least one multi-byte sequence, and every non-ASCII
 *       character they decode to is one a Chinese device would write (CJK ideographs and
 *       punctuation, full-width forms, general punctuation, enclosed numbers): then the device
 *       declared GB2312 but sent UTF-8 (seen from some device firmware and from
 *       platforms built on Java defaults). GB18030 text is rarely valid UTF-8, and when it is, it is
 *       almost always as two-byte sequences: 路 (C2 B7) reads as "·", 学校 (D1 A7 D0 A3) as
 *       Cyrillic. Two-byte UTF-8 characters (U+0080..U+07FF) are therefore never plausible, even
 *       "·" and "°" that Chinese text uses: a UTF-8 body with only those and ASCII is read as
 *       GB18030 and garbles them, the lesser harm.</li>
 *   <li>UTF-8 declared: UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (firmware that
 *       copies a UTF-8 template declaration over GBK text).</li>
 *   <li>No declaration (XML's default is UTF-8), or a charset the JDK does not know: UTF-8 when
 *       the bytes are ASCII or plausible UTF-8 as in rule 3, otherwise GB18030 (devices that
 *       declare nothing and write the platform's GBK; GBK's 学校 is valid UTF-8, but Cyrillic).</li>
 *   <li>Any other declared charset the JDK knows is used as declared.</li>
 * </ol>
 * Decoding never fails: GB18030 maps every byte sequence, malformed ones to U+FFFD.
 */
public final class ManscdpCharset {
    /** Where declaration's {@code encoding} is looked for; the declaration must open the body. */
    private static final int DECLARATION_WINDOW = 200;
    private static final Pattern ENCODING = Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");
    /** GB18030, the superset of GB2312 and GBK that the JDK always has. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    private ManscdpCharset() {
    }

    /** Decoded text and the charset that decoded it. */
    public record Decoded(String text, Charset charset) {
    }

    /** Decodes a body by the rule of the class comment. */
    public static Decoded decode(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return new Decoded(new String(body, 3, body.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        String declared = declaredEncoding(body);
        Charset charset;
        if (declared != null && isGb(declared)) {
            charset = plausibleUtf8(body) ? StandardCharsets.UTF_8 : GB18030;
        } else if (declared == null || !isKnown(declared)) {
            charset = isAscii(body) || plausibleUtf8(body) ? StandardCharsets.UTF_8 : GB18030;
        } else if (declared.equals("UTF8") || declared.equals("UTF-8")) {
            charset = strictUtf8(body) != null ? StandardCharsets.UTF_8 : GB18030;
        } else {
            charset = Charset.forName(declared);
        }
        return new Decoded(new String(body, charset), charset);
    }

    /** The upper-cased {@code encoding} of the XML declaration, or null. */
    static String declaredEncoding(byte[] body) {
        int n = Math.min(body.length, DECLARATION_WINDOW);
        String prefix = new String(body, 0, n, StandardCharsets.ISO_8859_1);
        Matcher m = ENCODING.matcher(prefix);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    private static boolean isGb(String name) {
        String n = name.replace("-", "").replace("_", "");
        return n.equals("GB2312") || n.equals("GBK") || n.equals("GB18030") || n.equals("CP936") || n.equals("EUCCN");
    }

    private static boolean isKnown(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean plausibleUtf8(byte[] body) {
        if (isAscii(body)) {
            return false; // pure ASCII: both charsets read it the same
        }
        String text = strictUtf8(body);
        if (text == null) {
            return false;
        }
        CharBuffer chars = CharBuffer.wrap(text);
        for (int i = 0; i < chars.length(); ) {
            int cp = Character.codePointAt(chars, i);
            i += Character.charCount(cp);
            if (cp >= 0x80 && !chineseDeviceCharacter(cp)) {
                return false;
            }
        }
        return true;
    }

    private static boolean chineseDeviceCharacter(int cp) {
        return (cp >= 0x2E80 && cp <= 0x9FFF)       // CJK radicals, punctuation, kana, bopomofo, ideographs
                || (cp >= 0xF900 && cp <= 0xFAFF)   // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)   // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFFEF)   // full-width forms
                || (cp >= 0x2000 && cp <= 0x206F)   // general punctuation: “ ” — …
                || (cp >= 0x2160 && cp <= 0x2188)   // Roman numerals Ⅰ Ⅱ
                || (cp >= 0x2460 && cp <= 0x24FF)   // enclosed ①
                || (cp >= 0x20000 && cp <= 0x3FFFF) // CJK extensions B and later
                || cp == 0xFEFF;
    }
}
