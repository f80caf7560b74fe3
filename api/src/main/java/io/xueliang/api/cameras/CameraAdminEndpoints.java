package io.xueliang.api.cameras;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.IngestControl;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraOrigin;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /cameras}, {@code PUT /cameras/{id}}, {@code DELETE /cameras/{id}}, for admins, within their regions: an
 * admin limited to regions places cameras only there and cannot change or remove a camera outside them (404, as for a
 * camera that does not exist) or move one out of them.
 * A registration is written to the registry first and then handed to ingest, which starts, changes
 * or stops that camera at once without touching the others. Cameras of the configuration file
 * belong to the file: the API answers 409 for them.
 */
public final class CameraAdminEndpoints {
    private final CameraRegistry registry;
    private final IngestControl ingest;
    private final CameraDefaults defaults;
    private final AuditTrail audit;
    private final BlockingWork work;

    public CameraAdminEndpoints(CameraRegistry registry, IngestControl ingest, CameraDefaults defaults, AuditTrail audit,
            BlockingWork work) {
        this.registry = registry;
        this.ingest = ingest;
        this.defaults = defaults;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("createCamera", this::create).handle("replaceCamera", this::replace)
                .handle("deleteCamera", this::delete);
    }

    private record Outcome(int status, RegisteredCamera camera) { }

    /** The admin making the request, or null after refusing (and auditing) anyone else. */
    private Principal admin(RoutingContext ctx, String action) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!Permission.ADMINISTER.grantedTo(who)) {
            String id = ctx.pathParam("id");
            audit.refuse(ctx, who, action, id == null ? Map.of() : Map.of("id", id), "registering cameras needs the admin role");
            return null;
        }
        return who;
    }

    private void create(RoutingContext ctx) {
        Principal who = admin(ctx, "POST /api/v1/cameras");
        if (who == null) {
            return;
        }
        Camera camera = parse(ctx.body().asJsonObject());
        requireInScope(who, camera);
        work.respond(ctx, () -> {
            if (registry.get(camera.id()).isPresent()) {
                throw ApiProblem.conflict("camera " + camera.id() + " exists; PUT /api/v1/cameras/" + camera.id() + " replaces it");
            }
            return new Outcome(201, registry.put(camera, CameraOrigin.API).get(30, TimeUnit.SECONDS));
        }, (c, out) -> answer(c, who, "POST /api/v1/cameras", out));
    }

    private void replace(RoutingContext ctx) {
        Principal who = admin(ctx, "PUT /api/v1/cameras/{id}");
        if (who == null) {
            return;
        }
        String id = ctx.pathParam("id");
        Camera camera = parse(ctx.body().asJsonObject());
        if (!camera.id().value().equals(id)) {
            throw ApiProblem.badRequest("id", "the body's id (" + camera.id() + ") differs from the path's (" + id + ")");
        }
        requireInScope(who, camera);
        work.respond(ctx, () -> {
            Optional<RegisteredCamera> old = registry.get(camera.id());
            if (old.isPresent() && !RegionScope.covers(who, old.get().camera().region())) {
                throw ApiProblem.notFound("no camera " + id);
            }
            if (old.isPresent() && old.get().origin() == CameraOrigin.CONFIG) {
                throw ApiProblem.conflict("camera " + id + " comes from the configuration file; change it there");
            }
            return new Outcome(old.isPresent() ? 200 : 201, registry.put(camera, CameraOrigin.API).get(30, TimeUnit.SECONDS));
        }, (c, out) -> answer(c, who, "PUT /api/v1/cameras/{id}", out));
    }

    private void answer(RoutingContext c, Principal who, String action, Outcome out) {
        Camera cam = out.camera().camera();
        ingest.put(cam);
        audit.record(c, who, action, Map.of("id", cam.id().value()), 1, out.status())
                .onSuccess(v -> c.response().setStatusCode(out.status()).putHeader("Content-Type", "application/json")
                        .end(CameraJson.camera(out.camera()).encode()))
                .onFailure(c::fail);
    }

    private void delete(RoutingContext ctx) {
        Principal who = admin(ctx, "DELETE /api/v1/cameras/{id}");
        if (who == null) {
            return;
        }
        String id = ctx.pathParam("id");
        work.respond(ctx, () -> {
            Optional<RegisteredCamera> old = registry.get(CameraId.of(id))
                    .filter(r -> RegionScope.covers(who, r.camera().region()));
            if (old.isEmpty()) {
                throw ApiProblem.notFound("no camera " + id);
            }
            if (old.get().origin() == CameraOrigin.CONFIG) {
                throw ApiProblem.conflict("camera " + id + " comes from the configuration file; remove it there");
            }
            return registry.delete(CameraId.of(id)).get(30, TimeUnit.SECONDS);
        }, (c, deleted) -> {
            ingest.remove(CameraId.of(id));
            audit.record(c, who, "DELETE /api/v1/cameras/{id}", Map.of("id", id), 1, 204)
                    .onSuccess(v -> c.response().setStatusCode(204).end())
                    .onFailure(c::fail);
        });
    }

    /** 403 unless the camera's region lies within the admin's regions. */
    private static void requireInScope(Principal who, Camera camera) {
        if (!RegionScope.covers(who, camera.region())) {
            throw ApiProblem.forbidden("region " + camera.region() + " lies outside your regions " + who.regions());
        }
    }

    /** The contract checked the shape; the configuration rules check the rest, with the same messages. */
    private Camera parse(JsonObject b) {
        JsonObject loc = b.getJsonObject("location");
        JsonArray region = b.getJsonArray("region");
        String transport = b.getString("transport");
        return new CameraInput(b.getString("id"), b.getString("name"),
                region == null ? List.of() : region.stream().map(String::valueOf).toList(),
                loc == null ? null : new Location(loc.getDouble("lat"), loc.getDouble("lon")),
                b.getString("source"), b.getString("substream"),
                transport == null ? null : Transport.valueOf(transport.toUpperCase(Locale.ROOT)),
                b.getBoolean("record"), b.getBoolean("live"), b.getBoolean("plates"), b.getBoolean("enabled"),
                b.getString("direction")).toCamera(defaults);
    }
}
