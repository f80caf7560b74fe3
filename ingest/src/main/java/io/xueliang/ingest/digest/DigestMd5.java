package io.xueliang.ingest.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MD5 digest computation of RFC 2617 §3.2.2, shared by the RTSP client, the SIP client and the SIP
 * server. MD5 is the only algorithm cameras and GB/T 28181 devices use.
 * <pre>
 *  HA1      = MD5(username ":" realm ":" password)
 *  HA2      = MD5(method ":" digest-uri)
 *  response = MD5(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)   with qop=auth
 *  response = MD5(HA1 ":" nonce ":" HA2)                             without qop (RFC 2069; most GB devices)
 * </pre>
 */
public final class DigestMd5 {
    private DigestMd5() {
    }

    /** Lower-case hex MD5 of the UTF-8 bytes of {@code s}. */
    public static String hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is mandatory in every JDK", e);
        }
    }

    /**
     * The {@code response} value.
     *
     * @param qop {@code "auth"}, or null for the RFC 2069 form (then {@code nc} and {@code cnonce} are ignored)
     */
    public static String response(String username, String realm, String password, String method, String uri,
                                  String nonce, String qop, String nc, String cnonce) {
        String ha1 = hex(username + ":" + realm + ":" + password);
        String ha2 = hex(method + ":" + uri);
        return qop == null ? hex(ha1 + ":" + nonce + ":" + ha2)
                : hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Equality of two digests in time that does not depend on where they differ; hex case is ignored. */
    public static boolean sameDigest(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code s} escaped for a quoted-string. */
    public static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
