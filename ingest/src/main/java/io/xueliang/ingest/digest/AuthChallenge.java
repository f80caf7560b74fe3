package io.xueliang.ingest.digest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge, or one {@code Authorization} answer (same syntax): a scheme and its
 * parameters. RTSP and SIP share it (RFC 2617 §1.2, RFC 3261 §25.1 {@code challenge} and {@code credentials}).
 * <pre>
 *  Digest realm="IP Camera(C2261)", nonce="3f2a…", stale="FALSE", qop="auth", algorithm=MD5
 *  ^scheme ^param=quoted-string      ^param      ^quoted boolean (Hikvision)  ^token or quoted
 * </pre>
 * Parameter names are lower-cased; values are unquoted with backslash escapes removed.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

    public AuthChallenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    public boolean isBasic() {
        return scheme.equalsIgnoreCase("Basic");
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean stale() {
        return param("stale").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }

    /** Parses every challenge of one header value; a value may hold several, comma-separated. */
    public static List<AuthChallenge> parse(String header) {
        List<AuthChallenge> challenges = new ArrayList<>();
        Lexer lx = new Lexer(header);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            lx.skipSeparators();
            if (lx.atEnd()) {
                break;
            }
            String token = lx.token();
            if (token.isEmpty()) {
                lx.pos++; // stray character: skip
                continue;
            }
            lx.skipSpaces();
            if (!lx.atEnd() && lx.peek() == '=') {
                lx.pos++;
                lx.skipSpaces();
                String value = !lx.atEnd() && lx.peek() == '"' ? lx.quoted() : lx.token();
                if (scheme != null) {
                    params.put(token.toLowerCase(Locale.ROOT), value);
                }
            } else {
                if (scheme != null) {
                    challenges.add(new AuthChallenge(scheme, params));
                }
                scheme = token;
                params = new LinkedHashMap<>();
            }
        }
        if (scheme != null) {
            challenges.add(new AuthChallenge(scheme, params));
        }
        return challenges;
    }

    private static final class Lexer {
        final String s;
        int pos;

        Lexer(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipSpaces() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        void skipSeparators() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (!atEnd() && " \t,=\"".indexOf(peek()) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++; // opening quote
            while (!atEnd() && peek() != '"') {
                if (peek() == '\\' && pos + 1 < s.length()) {
                    pos++;
                }
                sb.append(peek());
                pos++;
            }
            pos++; // closing quote, or past the end of an unterminated value
            return sb.toString();
        }
    }
}
