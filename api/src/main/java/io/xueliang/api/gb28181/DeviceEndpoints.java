package io.xueliang.api.gb28181;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.media.Gb28181Stats;
import io.xueliang.media.GbDevicePasswords;
import io.xueliang.storage.auth.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /gb28181/devices}: the devices registered with the GB/T 28181 platform, with their address, transport,
 * registration and liveness, for the administrator who points devices at the server; {@code GET
 * /gb28181/superiors}: the superior platforms it registers with, whether they accepted it, and what they may see. Admins without a region limit
 * only ({@link Permission#DEVICES}); audited. Without a {@code gb28181} section the list is empty and says so.
 */
public final class DeviceEndpoints {
    private static final String ACTION = "GET /api/v1/gb28181/devices";
    private static final String SUPERIORS = "GET /api/v1/gb28181/superiors";

    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final String STATUS = "GET /api/v1/gb28181/devices/{deviceId}/status";
    private static final String SET_PASSWORD = "PUT /api/v1/gb28181/devices/{deviceId}/password";
    private static final String CLEAR_PASSWORD = "DELETE /api/v1/gb28181/devices/{deviceId}/password";

    private final Optional<Gb28181Stats> platform;
    private final GbDevicePasswords passwords;
    private final AuditTrail audit;

    public DeviceEndpoints(Optional<Gb28181Stats> platform, GbDevicePasswords passwords, AuditTrail audit) {
        this.platform = platform;
        this.passwords = passwords;
        this.audit = audit;
    }

    public void register(ApiOperations operations) {
        operations.handle("listGbDevices", this::list);
        operations.handle("listGbSuperiors", this::superiors);
        operations.handle("getGbDeviceStatus", this::status);
        operations.handle("setGbDevicePassword", this::setPassword);
        operations.handle("deleteGbDevicePassword", this::clearPassword);
    }

    /**
     * {@code GET /gb28181/devices/{deviceId}/status}: the device asked for its state (DeviceStatus): online, working,
     * encoding, recording, its clock and alarm inputs. 404 for a device not registered or offline, 503 when it does
     * not answer.
     */
    private void status(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String device = ctx.pathParam("deviceId");
        Map<String, String> params = Map.of("deviceId", device);
        if (!admitted(ctx, who, STATUS, params)) {
            return;
        }
        requirePlatform(platform.isPresent());
        if (platform.get().registeredDevices().stream().noneMatch(d -> d.id().equals(device) && d.online())) {
            audit.fail(ctx, who, STATUS, params, ApiProblem.notFound("device " + device
                    + " is not registered or offline"));
            return;
        }
        Future.fromCompletionStage(platform.get().deviceStatus(device), ctx.vertx().getOrCreateContext())
                .onComplete(r -> {
                    if (r.failed()) {
                        audit.fail(ctx, who, STATUS, params, ApiProblem.unavailable(RETRY, "the device did not"
                                + " answer DeviceStatus"));
                        return;
                    }
                    Gb28181Stats.DeviceState s = r.result();
                    JsonArray alarms = new JsonArray();
                    s.alarms().forEach(a -> alarms.add(new JsonObject().put("id", a.id()).put("duty", a.duty())));
                    JsonObject body = new JsonObject().put("id", device).put("online", s.online())
                            .put("result", s.result()).put("status", s.status()).put("encode", s.encode())
                            .put("record", s.record()).put("alarms", alarms);
                    if (s.deviceTime() != null) {
                        body.put("deviceTime", s.deviceTime().toString());
                    }
                    audit.record(ctx, who, STATUS, params, -1, 200).onSuccess(v -> ctx.json(body))
                            .onFailure(ctx::fail);
                });
    }

    /**
     * {@code PUT /gb28181/devices/{deviceId}/password}: the device registers with a password of its own from its next
     * REGISTER; 201 when it had none, 204 when it replaced one. The password is never echoed, logged or audited.
     */
    private void setPassword(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String device = ctx.pathParam("deviceId");
        Map<String, String> params = Map.of("deviceId", device);
        String password = ctx.body().asJsonObject().getString("password");
        if (!admitted(ctx, who, SET_PASSWORD, params)) {
            return;
        }
        requirePlatform(passwords.enabled());
        Future.fromCompletionStage(passwords.set(device, password), ctx.vertx().getOrCreateContext())
                .onComplete(r -> {
                    if (r.failed()) {
                        audit.fail(ctx, who, SET_PASSWORD, params, ApiProblem.unavailable(RETRY,
                                "the password could not be stored: " + r.cause().getMessage()));
                        return;
                    }
                    int status = r.result() ? 201 : 204;
                    audit.record(ctx, who, SET_PASSWORD, params, -1, status)
                            .onSuccess(v -> ctx.response().setStatusCode(status).end()).onFailure(ctx::fail);
                });
    }

    /** {@code DELETE /gb28181/devices/{deviceId}/password}: the device registers with the shared password again. */
    private void clearPassword(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String device = ctx.pathParam("deviceId");
        Map<String, String> params = Map.of("deviceId", device);
        if (!admitted(ctx, who, CLEAR_PASSWORD, params)) {
            return;
        }
        requirePlatform(passwords.enabled());
        Future.fromCompletionStage(passwords.clear(device), ctx.vertx().getOrCreateContext()).onComplete(r -> {
            if (r.failed()) {
                audit.fail(ctx, who, CLEAR_PASSWORD, params, ApiProblem.unavailable(RETRY,
                        "the password could not be removed: " + r.cause().getMessage()));
            } else if (!r.result()) {
                audit.fail(ctx, who, CLEAR_PASSWORD, params, ApiProblem.notFound("device " + device
                        + " has no password of its own"));
            } else {
                audit.record(ctx, who, CLEAR_PASSWORD, params, -1, 204)
                        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
            }
        });
    }

    /** {@code GET /gb28181/superiors}: the platforms this one registers with, their state and what they may see. */
    private void superiors(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!admitted(ctx, who, SUPERIORS, Map.of())) {
            return;
        }
        JsonArray items = new JsonArray();
        platform.ifPresent(p -> p.superiors().forEach(s -> items.add(new JsonObject().put("id", s.id())
                .put("address", s.address()).put("transport", s.transport()).put("registered", s.registered())
                .put("failures", s.failures()).put("calls", s.calls()).put("share", new JsonArray(s.share())))));
        answerList(ctx, who, SUPERIORS, items);
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!admitted(ctx, who, ACTION, Map.of())) {
            return;
        }
        JsonArray items = new JsonArray();
        platform.ifPresent(p -> p.registeredDevices().forEach(d -> items.add(new JsonObject().put("id", d.id())
                .put("address", d.address()).put("transport", d.transport())
                .put("registeredAt", d.registeredAt().toString()).put("expiresAt", d.expiresAt().toString())
                .put("lastSeen", d.lastSeen().toString()).put("online", d.online())
                .put("ownPassword", d.ownPassword()))));
        answerList(ctx, who, ACTION, items);
    }

    /**
     * Whether {@code who} may manage devices: admins without a region limit ({@link Permission#DEVICES}); anyone else
     * is refused 403 and audited.
     */
    private boolean admitted(RoutingContext ctx, Principal who, String action, Map<String, String> params) {
        if (Permission.DEVICES.grantedTo(who)) {
            return true;
        }
        audit.refuse(ctx, who, action, params, "GB/T 28181 devices and platforms are for admins without a region limit");
        return false;
    }

    private static void requirePlatform(boolean present) {
        if (!present) {
            throw ApiProblem.conflict("the server runs no GB/T 28181 platform (no gb28181 section)");
        }
    }

    /** A list answer, audited with its size: {@code {"enabled", "items"}}. */
    private void answerList(RoutingContext ctx, Principal who, String action, JsonArray items) {
        audit.record(ctx, who, action, Map.of(), items.size(), 200).onSuccess(v -> ctx.json(new JsonObject()
                .put("enabled", platform.isPresent()).put("items", items))).onFailure(ctx::fail);
    }
}
