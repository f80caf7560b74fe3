package io.xueliang.ingest.rtsp.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A camera's user name and password, taken from the userinfo of an {@code rtsp://} URI and
 * percent-decoded ({@code %40} → {@code @}, {@code %3A} → {@code :}; '+' stays '+').
 * {@link #toString()} never shows the password; a URI reaches a log or an exception message only
 * through {@link io.xueliang.config.UriRedaction}.
 */
public record Credentials(String username, String password) {

    public static Optional<Credentials> fromUri(URI uri) {
        String raw = uri.getRawUserInfo();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        int colon = raw.indexOf(':');
        String user = colon < 0 ? raw : raw.substring(0, colon);
        String pass = colon < 0 ? "" : raw.substring(colon + 1);
        return Optional.of(new Credentials(percentDecode(user), percentDecode(pass)));
    }

    /** The URI as written on a request line: no userinfo. */
    public static URI withoutUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri : replaceUserInfo(uri, null);
    }

    /** {@code uri} with {@code rawUserInfo} (already percent-encoded) as its user info. */
    public static URI withUserInfo(URI uri, String rawUserInfo) {
        return replaceUserInfo(uri, rawUserInfo);
    }

    private static URI replaceUserInfo(URI uri, String rawUserInfo) {
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://");
        if (rawUserInfo != null) {
            sb.append(rawUserInfo).append('@');
        }
        sb.append(uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1));
        if (uri.getRawPath() != null) {
            sb.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            sb.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            sb.append('#').append(uri.getRawFragment());
        }
        try {
            return new URI(sb.toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot rebuild URI for " + uri.getHost(), e);
        }
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (in[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ":***]";
    }
}
