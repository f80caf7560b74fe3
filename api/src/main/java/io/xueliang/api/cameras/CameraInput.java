package io.xueliang.api.cameras;

import io.xueliang.api.problem.ApiProblem;
import io.xueliang.config.CameraAuth;
import io.xueliang.config.CameraConfig;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.ConfigException;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import java.net.URI;
import java.util.List;

/**
 * A camera as a client writes it (JSON body or CSV row), turned into a {@link Camera} by the configuration file's own
 * rules, so the API and the file accept the same cameras with the same messages. Null fields take
 * {@code cameraDefaults}.
 */
record CameraInput(String id, String name, List<String> region, Location location, String source, String substream,
        Transport transport, Boolean record, Boolean live, Boolean plates, Boolean enabled, String direction,
        CameraAuth auth) {

    /**
     * @throws ApiProblem 400 naming the field (a configuration key such as {@code source}) when a rule refuses it;
     *         a URI's text is never echoed, since it may hold a password
     */
    Camera toCamera(CameraDefaults defaults) {
        for (String part : region) {
            if (part.contains("/")) {
                throw ApiProblem.badRequest("region", "a region name cannot contain '/'");
            }
        }
        try {
            return Camera.from(new CameraConfig(id, name, region, location, uri("source", source),
                    substream == null ? null : uri("substream", substream),
                    transport == null ? defaults.transport() : transport,
                    record == null ? defaults.record() : record, live == null ? defaults.live() : live,
                    plates == null ? defaults.plates() : plates, enabled == null ? defaults.enabled() : enabled,
                    direction, auth == null ? defaults.auth() : auth));
        } catch (ConfigException e) {
            throw ApiProblem.badRequest(e.path(), e.reason());
        }
    }

    private static URI uri(String field, String value) {
        if (value == null) {
            throw ApiProblem.badRequest(field, "is required");
        }
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, "not a valid URI");
        }
    }
}
