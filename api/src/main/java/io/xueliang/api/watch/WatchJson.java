package io.xueliang.api.watch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.reads.watch.Watchlist;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/** Watch lists and alerts as the API shows them, and what the watch routes share. */
final class WatchJson {
    private WatchJson() {
    }

    static JsonObject list(Watchlist l, Instant now) {
        return new JsonObject().put("id", l.id()).put("name", l.name()).put("reason", l.reason())
                .put("caseReference", l.caseReference()).put("owner", l.owner().name())
                .put("regions", new JsonArray(l.owner().regions().stream().map(JsonArray::new).toList()))
                .put("expiresAt", l.expiresAt().toString()).put("active", l.activeAt(now))
                .put("createdAt", l.createdAt().toString()).put("changedAt", l.changedAt().toString())
                .put("changedBy", l.changedBy())
                .put("plates", new JsonArray(l.entries().stream().map(PlatePattern::normalised).toList()));
    }

    /** An alert for operators: the list's case reference stays with investigators. */
    static JsonObject alert(PlateAlert a) {
        return new JsonObject().put("id", a.id()).put("readId", a.readId().toString()).put("plate", a.plate())
                .put("camera", a.camera().value()).put("region", new JsonArray(a.cameraRegion()))
                .put("time", a.time().toString())
                .put("watchlist", new JsonObject().put("id", a.watchlistId()).put("name", a.watchlistName()))
                .put("reason", a.reason()).put("matched", a.matched()).put("raisedAt", a.raisedAt().toString())
                .put("acknowledged", a.acknowledged()).put("acknowledgedBy", a.acknowledgedBy())
                .put("acknowledgedAt", a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString())
                .put("note", a.note());
    }

    /** The cameras {@code who} may see now: every one when unrestricted, else those within their regions. */
    static CameraSet visibleCameras(Principal who, CameraRegistry cameras) {
        if (who.unrestricted()) {
            return CameraSet.all();
        }
        return CameraSet.only(cameras.all().stream().filter(r -> RegionScope.covers(who, r.camera().region()))
                .map(r -> r.camera().id()).collect(Collectors.toSet()));
    }

    /** An instant from a request, or null when absent; 400 naming {@code field} when malformed. */
    static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest(field, "not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }
}
