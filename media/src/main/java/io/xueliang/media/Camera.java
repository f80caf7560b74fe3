package io.xueliang.media;

import io.xueliang.config.Transport;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A registered camera: who it is, where it stands and how to reach it.
 *
 * @param region path from the largest area down, e.g. [county, township, village]
 * @param location where it stands, null when unknown
 * @param source main stream URI; may carry credentials in its user info, so never log it
 *     directly: use {@link #redactedSource()}
 * @param substream lower-resolution stream for video walls, null when none
 * @param direction free text such as "eastbound", null when not a directional checkpoint
 */
public record Camera(
        CameraId id,
        String name,
        List<String> region,
        GeoPoint location,
        URI source,
        URI substream,
        Transport transport,
        boolean record,
        boolean live,
        boolean plates,
        boolean enabled,
        String direction) {

    public Camera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(transport, "transport");
        name = name == null ? id.value() : name;
        region = region == null ? List.of() : List.copyOf(region);
    }

    /** The source URI with any password replaced by {@code ***}. */
    public URI redactedSource() {
        return redact(source);
    }

    /** {@code uri} with the password of its user info replaced by {@code ***}. */
    public static URI redact(URI uri) {
        if (uri == null || uri.getRawUserInfo() == null) {
            return uri;
        }
        String user = uri.getRawUserInfo();
        int colon = user.indexOf(':');
        String shown = (colon < 0 ? user : user.substring(0, colon)) + ":***";
        String s = uri.toString();
        int at = s.indexOf(uri.getRawUserInfo() + "@");
        return URI.create(s.substring(0, at) + shown + s.substring(at + uri.getRawUserInfo().length()));
    }

    @Override
    public String toString() {
        return "Camera[" + id + " " + name + " " + redactedSource() + " " + transport + "]";
    }
}
