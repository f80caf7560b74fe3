package io.xueliang.ingest.simulator;

import io.xueliang.ingest.digest.DigestMd5;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Checks RTSP credentials the way IP cameras do: Digest (RFC 2617, MD5, qop=auth or none) and Basic.
 * A 401 offers both; the nonce is fixed per server instance, as many cameras keep it.
 */
final class RtspAuthenticator {
    static final String REALM = "xueliang-simulator";
    private final String username;
    private final String password;
    private final String nonce;

    RtspAuthenticator(String username, String password) {
        this.username = username;
        this.password = password;
        byte[] n = new byte[16];
        new SecureRandom().nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
    }

    /** WWW-Authenticate header values for a 401, Digest first. */
    String[] challenges() {
        return new String[] {
            "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", algorithm=MD5, qop=\"auth\"",
            "Basic realm=\"" + REALM + "\"",
        };
    }

    boolean authorized(String method, String authorization) {
        if (authorization == null) {
            return false;
        }
        String lower = authorization.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                return constantTimeEquals(decoded, username + ":" + password);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (lower.startsWith("digest ")) {
            Map<String, String> p = parseParams(authorization.substring(7));
            String uri = p.get("uri");
            String response = p.get("response");
            if (!username.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || uri == null
                    || response == null) {
                return false;
            }
            String qop = p.get("qop");
            String expected = DigestMd5.response(username, REALM, password, method, uri, nonce, qop,
                    p.getOrDefault("nc", ""), p.getOrDefault("cnonce", ""));
            return DigestMd5.sameDigest(expected, response);
        }
        return false;
    }

    /** Parses {@code key=value, key="quoted, value"} lists. */
    static Map<String, String> parseParams(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    close = n;
                }
                value = s.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = s.indexOf(',', i);
                if (comma < 0) {
                    comma = n;
                }
                value = s.substring(i, comma).trim();
                i = comma;
            }
            out.put(key, value);
        }
        return out;
    }

    static String md5(String s) {
        return DigestMd5.hex(s);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
