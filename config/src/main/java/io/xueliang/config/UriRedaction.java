package io.xueliang.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a URI that may hold a secret is shown in a log line, an exception message, a camera's
 * {@code lastError}, an API answer or the registry's clear-text column (DESIGN.md §10: camera passwords
 * never appear there). It lives in {@code config} because configuration records need it and every other
 * module may depend on {@code config}.
 *
 * <p>What is masked, each value replaced by {@code ***}:
 * <pre>
 *  rtsp://admin:Hik12345@10.0.0.5/live            the password of the user info (the user name stays)
 *  rtsp://10.0.0.5/videoMain?usr=admin&amp;pwd=1234   parameters named password, passwd, pwd, pass,
 *  rtsp://10.0.0.5/user=admin&amp;password=1&amp;channel=1  token, access_token, key, apikey, api_key, auth,
 *                                                  secret (any case, percent-encoded or not), in the
 *                                                  query and in the path (Xiongmai DVRs put them there)
 * </pre>
 * A value runs to the next {@code &}, {@code ;} or {@code #}, so a password holding {@code /} or
 * {@code ?} is masked whole. Masking an already masked URI changes nothing.
 */
public final class UriRedaction {
    /** Parameter names, lower case, whose values are secrets (cheap DVRs and cloud gateways use each). */
    public static final Set<String> SECRET_PARAMETERS = Set.of("password", "passwd", "pwd", "pass", "token",
            "access_token", "key", "apikey", "api_key", "auth", "secret");
    private static final String MASK = "***";
    /** A name=value pair after a separator; the value ends at the next separator. */
    private static final Pattern PARAMETER = Pattern.compile("(?<=[/?&;])([^/?&;=#\\s]+)=([^&;#\\s]*)");
    /**
     * An absolute URI inside free text; it ends at white space, a quote or an angle bracket, and
     * punctuation that closes a sentence or a parenthesis is not taken as part of it.
     */
    private static final Pattern URI_IN_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]*[^\\s\"'<>).,;:]");

    private UriRedaction() {
    }

    /** {@code uri} with its secrets masked; the same instance when it holds none; null for null. */
    public static URI redact(URI uri) {
        if (uri == null) {
            return null;
        }
        String text = uri.toString();
        String masked = redactUri(text);
        return masked.equals(text) ? uri : URI.create(masked);
    }

    /**
     * {@code text} with every absolute URI in it ({@code scheme://...}) redacted as {@link #redact(URI)}
     * does; for messages that may quote a URI (an exception's message, a header a camera sent).
     */
    public static String redact(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher m = URI_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(redactUri(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String redactUri(String uri) {
        int scheme = uri.indexOf("://");
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int authorityEnd = scheme < 0 ? 0 : indexOfAny(uri, "/?#", authorityStart);
        StringBuilder out = new StringBuilder(uri.length());
        out.append(uri, 0, authorityStart);
        String authority = uri.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            int colon = authority.indexOf(':');
            if (colon >= 0 && colon < at) {
                out.append(authority, 0, colon + 1).append(MASK).append(authority, at, authority.length());
            } else {
                out.append(authority); // a user name alone is no secret
            }
        } else {
            out.append(authority);
        }
        out.append(redactParameters(uri.substring(authorityEnd)));
        return out.toString();
    }

    private static String redactParameters(String rest) {
        if (rest.indexOf('=') < 0) {
            return rest;
        }
        Matcher m = PARAMETER.matcher(rest);
        StringBuilder out = new StringBuilder(rest.length());
        while (m.find()) {
            boolean secret = !m.group(2).isEmpty() && SECRET_PARAMETERS.contains(decodedName(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(secret ? m.group(1) + "=" + MASK : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decodedName(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw.toLowerCase(Locale.ROOT);
        }
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
