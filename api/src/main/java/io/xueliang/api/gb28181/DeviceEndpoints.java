package io.xueliang.api.gb28181;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.media.Gb28181Stats;
import io.xueliang.storage.auth.Principal;
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

    private final Optional<Gb28181Stats> platform;
    private final AuditTrail audit;

    public DeviceEndpoints(Optional<Gb28181Stats> platform, AuditTrail audit) {
        this.platform = platform;
        this.audit = audit;
    }

    public void register(ApiOperations operations) {
        operations.handle("listGbDevices", this::list);
        operations.handle("listGbSuperiors", this::superiors);
    }

    /** {@code GET /gb28181/superiors}: the platforms this one registers with, their state and what they may see. */
    private void superiors(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!Permission.DEVICES.grantedTo(who)) {
            audit.refuse(ctx, who, SUPERIORS, Map.of(), "the GB/T 28181 superiors are for admins without a region limit");
            return;
        }
        JsonArray items = new JsonArray();
        platform.ifPresent(p -> p.superiors().forEach(s -> items.add(new JsonObject().put("id", s.id())
                .put("address", s.address()).put("transport", s.transport()).put("registered", s.registered())
                .put("failures", s.failures()).put("calls", s.calls()).put("share", new JsonArray(s.share())))));
        audit.record(ctx, who, SUPERIORS, Map.of(), items.size(), 200).onSuccess(v -> ctx.json(new JsonObject()
                .put("enabled", platform.isPresent()).put("items", items))).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!Permission.DEVICES.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, Map.of(), "the GB/T 28181 devices are for admins without a region limit");
            return;
        }
        JsonArray items = new JsonArray();
        platform.ifPresent(p -> p.registeredDevices().forEach(d -> items.add(new JsonObject().put("id", d.id())
                .put("address", d.address()).put("transport", d.transport())
                .put("registeredAt", d.registeredAt().toString()).put("expiresAt", d.expiresAt().toString())
                .put("lastSeen", d.lastSeen().toString()).put("online", d.online()))));
        audit.record(ctx, who, ACTION, Map.of(), items.size(), 200).onSuccess(v -> ctx.json(new JsonObject()
                .put("enabled", platform.isPresent()).put("items", items))).onFailure(ctx::fail);
    }
}
