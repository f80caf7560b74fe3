package io.xueliang.ingest.sdp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves {@code a=control} values to the URLs of SETUP and PLAY (RFC 2326 §C.1.1).
 * <p>The base is Content-Base, else Content-Location, else the DESCRIBE request URL. A relative
 * control is appended to the base with exactly one '/' in between, not resolved by RFC 3986 rules:
 * by RFC 3986 {@code rtsp://h/live} + {@code trackID=1} would lose {@code live}, but cameras expect
 * {@code rtsp://h/live/trackID=1}. Plain appending also gives what Dahua expects when its
 * Content-Base ends in a query and a slash ({@code ...?channel=1&subtype=0/} +
 * {@code trackID=0}), which is what VLC/live555 and ffmpeg send.
 */
public final class ControlUrl {
    private ControlUrl() {
    }

    /** The base URL for relative controls. */
    public static URI base(URI requestUri, Optional<String> contentBase, Optional<String> contentLocation) {
        for (Optional<String> candidate : java.util.List.of(contentBase, contentLocation)) {
            if (candidate.isPresent() && isAbsolute(candidate.get().strip())) {
                try {
                    return new URI(candidate.get().strip());
                } catch (URISyntaxException e) {
                    // an unparseable header from the camera: fall through to the next candidate
                }
            }
        }
        return requestUri;
    }

    /**
     * Resolves one control attribute: empty or {@code *} means the base itself; an absolute
     * {@code rtsp://} URL is used as given; anything else is appended to the base.
     */
    public static URI resolve(URI base, Optional<String> control) {
        String c = control.map(String::strip).orElse("");
        if (c.isEmpty() || c.equals("*")) {
            return base;
        }
        if (isAbsolute(c)) {
            return URI.create(c);
        }
        String b = base.toString();
        if (c.startsWith("/")) {
            // absolute path: keep scheme and authority of the base
            return URI.create(base.getScheme() + "://" + base.getRawAuthority() + c);
        }
        return URI.create(b.endsWith("/") ? b + c : b + "/" + c);
    }

    private static boolean isAbsolute(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("rtsp://") || lower.startsWith("rtsps://") || lower.startsWith("rtspu://");
    }
}
