package io.xueliang.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One camera as the administrator registers it. Keys left out of the file take their value from
 * {@link CameraDefaults}, so every component here is resolved.
 *
 * <p>{@link #toString()} and every {@link ConfigException} hide the secrets of {@code source} and
 * {@code substream} ({@code rtsp://admin:***@host/...}, {@code ?pwd=***}, see {@link UriRedaction}): camera
 * passwords never reach logs (DESIGN.md §10).
 *
 * @param id 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit; a 20-digit
 *        GB/T 28181 code is the norm; unique among cameras (same rule as {@code media.CameraId})
 * @param name display name; defaults to the id
 * @param region region path from the top, e.g. county, township, village; may be empty
 * @param location where the camera stands, or null when unknown
 * @param source main stream, {@code rtsp://} or {@code rtsps://} with a host
 * @param substream low-resolution stream for video walls, or null
 * @param transport RTP transport
 * @param record record the camera
 * @param live offer live view
 * @param plates read licence plates
 * @param enabled connect to the camera at all
 * @param direction free text for the direction of traffic seen, e.g. {@code eastbound}, or null
 * @param auth which RTSP authentication the credentials may answer ({@link CameraAuth}); Basic only
 *        where this allows it, since plain RTSP would carry the password in clear
 */
public record CameraConfig(
        String id,
        String name,
        List<String> region,
        Location location,
        URI source,
        URI substream,
        Transport transport,
        boolean record,
        boolean live,
        boolean plates,
        boolean enabled,
        String direction,
        CameraAuth auth) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CameraConfig {
        Require.nonNull("id", id);
        if (!ID.matcher(id).matches()) {
            throw new ConfigException("id",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got '" + id + "'");
        }
        name = name == null ? id : Require.notBlank("name", name);
        region = region == null ? List.of() : checkedRegion(region);
        checkRtsp("source", Require.nonNull("source", source));
        if (substream != null) {
            checkRtsp("substream", substream);
        }
        Require.nonNull("transport", transport);
        if (direction != null) {
            Require.notBlank("direction", direction);
        }
        Require.nonNull("auth", auth);
    }

    /** A camera with {@code auth: digest}. */
    public CameraConfig(String id, String name, List<String> region, Location location, URI source, URI substream,
            Transport transport, boolean record, boolean live, boolean plates, boolean enabled, String direction) {
        this(id, name, region, location, source, substream, transport, record, live, plates, enabled, direction,
                CameraAuth.DIGEST);
    }

    /** The source with any password replaced by {@code ***}, for logs and answers. */
    public URI redactedSource() {
        return UriRedaction.redact(source);
    }

    /** The substream with any password replaced by {@code ***}, or null when there is no substream. */
    public URI redactedSubstream() {
        return UriRedaction.redact(substream);
    }

    @Override
    public String toString() {
        return "CameraConfig[id=" + id + ", name=" + name + ", region=" + region + ", location=" + location
                + ", source=" + redactedSource() + ", substream=" + redactedSubstream() + ", transport=" + transport
                + ", record=" + record + ", live=" + live + ", plates=" + plates + ", enabled=" + enabled
                + ", direction=" + direction + ", auth=" + auth.yamlName() + "]";
    }

    private static List<String> checkedRegion(List<String> region) {
        List<String> copy = new ArrayList<>(region.size());
        for (int i = 0; i < region.size(); i++) {
            copy.add(Require.notBlank("region[" + i + "]", region.get(i)));
        }
        return List.copyOf(copy);
    }

    /** Never quotes the URI: it may hold a password. */
    private static void checkRtsp(String key, URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new ConfigException(key, "must be an rtsp:// or rtsps:// URI, got no scheme");
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("rtsp") && !lower.equals("rtsps")) {
            throw new ConfigException(key, "must be an rtsp:// or rtsps:// URI, got scheme '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(key,
                    "must have a host (percent-encode '@', ':' and '/' in a user name or password)");
        }
    }
}
