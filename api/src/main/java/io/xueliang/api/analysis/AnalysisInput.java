package io.xueliang.api.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.recordings.TimeRange;
import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An analysis request's body, read field by field into what the analyses take; a field that is missing or wrong is a
 * 400 naming it (the contract has checked the types already).
 */
final class AnalysisInput {
    /** Night hours' zone when none is given: the deployments this is built for keep China Standard Time. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final JsonObject body;

    AnalysisInput(JsonObject body) {
        this.body = body == null ? new JsonObject() : body;
    }

    Instant instant(String field) {
        return TimeRange.instant(field, body.getString(field));
    }

    String plate(String field) {
        String text = body.getString(field);
        if (text == null) {
            throw ApiProblem.badRequest(field, "is required");
        }
        try {
            PlatePattern p = PlatePattern.exact(text);
            if (!p.exact()) {
                throw ApiProblem.badRequest(field, "one plate, without wildcards");
            }
            return p.normalised();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, e.getMessage());
        }
    }

    int integer(String field, int absent) {
        Integer v = body.getInteger(field);
        return v == null ? absent : v;
    }

    double number(String field, double absent) {
        Double v = body.getDouble(field);
        return v == null ? absent : v;
    }

    LocalTime time(String field, LocalTime absent) {
        String text = body.getString(field);
        try {
            return text == null ? absent : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "a local time such as 22:00, got '" + text + "'");
        }
    }

    ZoneId zone(String field) {
        String text = body.getString(field);
        try {
            return text == null ? DEFAULT_ZONE : ZoneId.of(text);
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest(field, "a time zone such as Asia/Shanghai, got '" + text + "'");
        }
    }

    /**
     * The area a request names in {@code cameras} (ids) and {@code region} (a path): what both name, within what the
     * user may see. Neither: everything the user may see.
     *
     * @param regionOf a camera's region path, for the cameras the user may see
     */
    static CameraSet area(JsonObject o, CameraSet visible, Function<CameraId, List<String>> regionOf,
            Set<CameraId> known) {
        CameraSet area = visible;
        JsonArray cameras = o.getJsonArray("cameras");
        if (cameras != null) {
            area = area.and(CameraSet.only(cameras.stream().map(Object::toString).map(CameraId::of)
                    .collect(Collectors.toSet())));
        }
        JsonArray region = o.getJsonArray("region");
        if (region != null) {
            List<String> path = region.stream().map(Object::toString).toList();
            area = area.and(CameraSet.only(known.stream().filter(c -> within(regionOf.apply(c), path))
                    .collect(Collectors.toSet())));
        }
        return area;
    }

    private static boolean within(List<String> cameraRegion, List<String> path) {
        return cameraRegion.size() >= path.size() && cameraRegion.subList(0, path.size()).equals(path);
    }

    JsonObject body() {
        return body;
    }

    Duration seconds(String field, int absent) {
        return Duration.ofSeconds(integer(field, absent));
    }
}
