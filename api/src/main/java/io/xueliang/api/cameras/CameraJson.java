package io.xueliang.api.cameras;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.UriRedaction;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.storage.registry.CameraOrigin;
import io.xueliang.storage.registry.RegisteredCamera;
import java.util.Locale;

/** Cameras and their status as the contract's JSON: source URIs only with passwords masked. */
final class CameraJson {
    private CameraJson() {
    }

    static JsonObject camera(RegisteredCamera r) {
        Camera c = r.camera();
        JsonObject o = new JsonObject().put("id", c.id().value()).put("name", c.name())
                .put("region", new JsonArray(c.region()))
                .put("sourceRedacted", UriRedaction.redact(c.source()).toString())
                .put("transport", c.transport().name().toLowerCase(Locale.ROOT))
                .put("record", c.record()).put("live", c.live()).put("plates", c.plates()).put("enabled", c.enabled())
                .put("auth", c.auth().yamlName())
                .put("origin", switch (r.origin()) {
                    case CONFIG -> "file";
                    case API -> "api";
                    case GB28181 -> "gb28181";
                });
        if (c.location() != null) {
            o.put("location", new JsonObject().put("lat", c.location().lat()).put("lon", c.location().lon()));
        }
        if (c.substream() != null) {
            o.put("substreamRedacted", UriRedaction.redact(c.substream()).toString());
        }
        if (c.direction() != null) {
            o.put("direction", c.direction());
        }
        return o;
    }

    static JsonObject status(CameraHealth h) {
        return new JsonObject().put("id", h.camera().value()).put("state", h.state().name().toLowerCase(Locale.ROOT))
                .put("up", h.up()).put("frames", h.frames()).put("bytes", h.bytes()).put("rtpLost", h.rtpPacketsLost())
                .put("reconnects", h.reconnects())
                .put("lastFrameAt", h.lastFrameAt() == null ? null : h.lastFrameAt().toString())
                .put("lastError", h.lastError());
    }
}
