package io.xueliang.api.reads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.Location;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.PlateSighting;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.reads.trajectory.Sighting;
import io.xueliang.reads.trajectory.Trajectory;
import java.time.Instant;
import java.util.Locale;

/** Reads, sightings and trajectories as the API answers them (api/openapi.yaml: PlateRead, Trajectory). */
final class ReadJson {
    private ReadJson() {
    }

    static JsonObject read(StoredRead stored) {
        PlateRead r = stored.read();
        String path = "/api/v1/reads/" + r.id();
        return new JsonObject().put("id", r.id().toString()).put("camera", r.camera().value())
                .put("time", r.time().toString()).put("plate", r.normalised()).put("plateText", r.text())
                .put("color", r.colour()).put("plateType", r.format()).put("confidence", r.confidence())
                .put("charConfidences", new JsonArray(r.charConfidences()))
                .put("direction", wire(r.direction()))
                .put("box", new JsonObject().put("x", r.box().x()).put("y", r.box().y())
                        .put("width", r.box().width()).put("height", r.box().height()))
                .put("trackId", r.trackId()).put("observations", r.observations()).put("source", stored.source())
                .put("images", new JsonObject().put("plate", r.cropImage() == null ? null : path + "/plate.jpg")
                        .put("overview", r.overviewImage() == null ? null : path + "/overview.jpg"));
    }

    static String wire(PlateRead.Direction d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    static JsonObject trajectory(Trajectory t, Instant from, Instant to) {
        JsonArray sightings = new JsonArray();
        t.sightings().forEach(s -> sightings.add(sighting(s)));
        return new JsonObject().put("plate", t.plate()).put("from", from.toString()).put("to", to.toString())
                .put("sightings", sightings).put("truncated", t.truncated()).put("clonedJumps", t.clonedJumps());
    }

    static JsonObject sighting(Sighting s) {
        PlateSighting r = s.read();
        Location at = s.place() == null ? null : s.place().location();
        return new JsonObject().put("read", r.id().toString()).put("time", r.time().toString())
                .put("camera", r.camera().value()).put("cameraName", s.place() == null ? null : s.place().name())
                .put("region", s.place() == null ? null : new JsonArray(s.place().region()))
                .put("location", at == null ? null : new JsonObject().put("lat", at.lat()).put("lon", at.lon()))
                .put("direction", wire(r.direction())).put("plateText", r.plateText())
                .put("metres", tenths(s.metres())).put("speedKmh", tenths(s.kmh())).put("cloned", s.cloned());
    }

    /**
     * RFC 7946: a LineString through the located sightings in time order (when there are two or more), then one Point
     * feature per sighting (geometry null where its camera has no location) with the sighting's fields.
     */
    static JsonObject geoJson(Trajectory t, Instant from, Instant to) {
        JsonArray features = new JsonArray();
        JsonArray line = new JsonArray();
        for (Sighting s : t.sightings()) {
            Location at = s.place() == null ? null : s.place().location();
            if (at != null) {
                line.add(new JsonArray().add(at.lon()).add(at.lat()));
            }
        }
        if (line.size() >= 2) {
            features.add(new JsonObject().put("type", "Feature")
                    .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", line))
                    .put("properties", new JsonObject().put("plate", t.plate()).put("from", from.toString())
                            .put("to", to.toString()).put("sightings", t.sightings().size())
                            .put("clonedJumps", t.clonedJumps()).put("truncated", t.truncated())));
        }
        for (Sighting s : t.sightings()) {
            Location at = s.place() == null ? null : s.place().location();
            JsonObject properties = sighting(s);
            properties.remove("location");
            features.add(new JsonObject().put("type", "Feature")
                    .put("geometry", at == null ? null : new JsonObject().put("type", "Point")
                            .put("coordinates", new JsonArray().add(at.lon()).add(at.lat())))
                    .put("properties", properties));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }

    private static Double tenths(Double v) {
        return v == null ? null : Math.round(v * 10) / 10.0;
    }
}
