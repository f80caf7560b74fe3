package io.xueliang.api.audit;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.ClientAddress;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.audit.AuditEntry;
import io.xueliang.storage.audit.AuditLog;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Records a request in the audit log and only then lets the answer go: if the record cannot be
 * written, the caller gets 503 and no data, so nothing anyone looks at goes unrecorded. Purpose
 * and case reference come from the {@code X-Purpose} and {@code X-Case-Reference} headers, or else from the
 * {@code purpose} and {@code caseReference} query parameters (links and images cannot send headers).
 */
public final class AuditTrail {
    private static final int MAX_FIELD = 256;
    private final AuditLog log;
    private final InstantSource clock;

    public AuditTrail(AuditLog log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Appends the record of this request; the future completes on the request's context.
     *
     * @param action the route template, e.g. {@code GET /api/v1/cameras/{id}}
     * @param parameters the key parameters of the request
     * @param resultCount how many items the answer holds, -1 when not a list
     * @param outcome the HTTP status being answered
     */
    public Future<Void> record(RoutingContext ctx, Principal who, String action, Map<String, String> parameters,
            long resultCount, int outcome) {
        return append(ctx, who.username(), who.roles().stream().map(Role::wireName).sorted().toList(), action, parameters,
                resultCount, outcome);
    }

    /**
     * Appends the record of a request nobody is authenticated for yet (a login): the actor is the user name the client
     * claimed.
     */
    public Future<Void> recordClaimed(RoutingContext ctx, String claimedUser, String action,
            Map<String, String> parameters, int outcome) {
        return append(ctx, claimedUser, List.of(), action, parameters, -1, outcome);
    }

    private Future<Void> append(RoutingContext ctx, String actor, List<String> roles, String action,
            Map<String, String> parameters, long resultCount, int outcome) {
        SortedMap<String, String> params = new TreeMap<>();
        parameters.forEach((k, v) -> {
            if (v != null) {
                params.put(k, cut(v));
            }
        });
        AuditEntry entry = new AuditEntry(clock.instant(), cut(actor), roles, ClientAddress.of(ctx), action, params,
                header(ctx, "X-Purpose", "purpose"), header(ctx, "X-Case-Reference", "caseReference"), resultCount, outcome);
        var context = ctx.vertx().getOrCreateContext();
        return Future.fromCompletionStage(log.append(entry), context).<Void>mapEmpty()
                .recover(e -> Future.failedFuture(ApiProblem.unavailable(Duration.ofSeconds(5),
                        "the audit trail cannot be written; no data is served without it")));
    }

    /** Records a refused request (403) and then fails it: attempts beyond one's role are on the record too. */
    public void refuse(RoutingContext ctx, Principal who, String action, Map<String, String> parameters, String detail) {
        fail(ctx, who, action, parameters, ApiProblem.forbidden(detail));
    }

    /** Records a request answered with {@code problem} (its status, no result) and then fails it with it. */
    public void fail(RoutingContext ctx, Principal who, String action, Map<String, String> parameters,
            ApiProblem problem) {
        record(ctx, who, action, parameters, -1, problem.status()).onComplete(r -> ctx.fail(
                r.succeeded() ? problem : r.cause()));
    }

    private static String header(RoutingContext ctx, String name, String queryParameter) {
        String v = ctx.request().getHeader(name);
        if (v == null || v.isBlank()) {
            v = ctx.request().getParam(queryParameter);
        }
        return v == null || v.isBlank() ? null : cut(v.strip());
    }

    private static String cut(String v) {
        return v.length() <= MAX_FIELD ? v : v.substring(0, MAX_FIELD);
    }
}
