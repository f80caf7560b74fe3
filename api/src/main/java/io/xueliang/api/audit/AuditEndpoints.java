package io.xueliang.api.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.PageCursor;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.audit.AuditEntry;
import io.xueliang.storage.audit.AuditLog;
import io.xueliang.storage.audit.AuditQuery;
import io.xueliang.storage.audit.AuditRecord;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /audit} for auditors: newest first, filtered, paged by sequence number. Reading the
 * trail is itself audited.
 */
public final class AuditEndpoints {
    private final AuditLog log;
    private final AuditTrail trail;
    private final BlockingWork work;

    public AuditEndpoints(AuditLog log, AuditTrail trail, BlockingWork work) {
        this.log = log;
        this.trail = trail;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("listAudit", this::list);
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!Permission.AUDIT.grantedTo(who)) {
            trail.refuse(ctx, who, "GET /api/v1/audit", Map.of(), who.has(Role.AUDITOR)
                    ? "the audit trail is for auditors without a region limit: it holds every region's records"
                    : "the audit trail is for the auditor role");
            return;
        }
        int limit = PageCursor.limit(ctx);
        Long before = null;
        String cursor = ctx.request().getParam("cursor");
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("cursor", "not a cursor this server gave out");
            }
        }
        AuditQuery q = new AuditQuery(instant(ctx, "from"), instant(ctx, "to"), ctx.request().getParam("actor"),
                ctx.request().getParam("action"), ctx.request().getParam("caseReference"), limit, before);
        work.respond(ctx, () -> log.query(q), (c, records) -> {
            JsonArray items = new JsonArray();
            records.forEach(r -> items.add(json(r)));
            String next = records.size() == limit ? Long.toString(records.get(records.size() - 1).seq()) : null;
            trail.record(c, who, "GET /api/v1/audit", Map.of("actor", String.valueOf(q.actor()),
                            "action", String.valueOf(q.actionPrefix()), "caseReference", String.valueOf(q.caseReference())),
                    items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items).put("next", next)))
                    .onFailure(c::fail);
        });
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name, "not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }

    private static JsonObject json(AuditRecord r) {
        AuditEntry e = r.entry();
        JsonObject params = new JsonObject();
        e.parameters().forEach(params::put);
        return new JsonObject().put("seq", r.seq()).put("at", e.at().toString()).put("actor", e.actor())
                .put("roles", new JsonArray(List.copyOf(e.roles()))).put("remote", e.sourceAddress())
                .put("action", e.action()).put("parameters", params).put("purpose", e.purpose())
                .put("caseReference", e.caseReference()).put("resultCount", e.resultCount()).put("status", e.outcome())
                .put("prevHash", r.prevHash()).put("hash", r.hash());
    }
}
