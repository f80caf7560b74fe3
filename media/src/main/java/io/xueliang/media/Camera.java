package io.xueliang.media;

import io.xueliang.config.CameraAuth;
import io.xueliang.config.CameraConfig;
import io.xueliang.config.UriRedaction;
import io.xueliang.config.Location;
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
 * @param auth which RTSP authentication the source's credentials may answer
 */
public record Camera(
        CameraId id,
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

    public Camera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(transport, "transport");
        name = name == null ? id.value() : name;
        region = region == null ? List.of() : List.copyOf(region);
        Objects.requireNonNull(auth, "auth");
    }

    /** A camera with {@code auth: digest}. */
    public Camera(CameraId id, String name, List<String> region, Location location, URI source, URI substream,
            Transport transport, boolean record, boolean live, boolean plates, boolean enabled, String direction) {
        this(id, name, region, location, source, substream, transport, record, live, plates, enabled, direction,
                CameraAuth.DIGEST);
    }

    /** The source URI with its secrets masked ({@link UriRedaction}). */
    public URI redactedSource() {
        return UriRedaction.redact(source);
    }

    /** The camera a configuration entry describes. */
    public static Camera from(CameraConfig c) {
        return new Camera(CameraId.of(c.id()), c.name(), c.region(), c.location(), c.source(), c.substream(),
                c.transport(), c.record(), c.live(), c.plates(), c.enabled(), c.direction(), c.auth());
    }

    @Override
    public String toString() {
        return "Camera[" + id + " " + name + " " + redactedSource() + " " + transport + "]";
    }
}
