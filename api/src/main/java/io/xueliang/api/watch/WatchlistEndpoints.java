package io.xueliang.api.watch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.WholeNumbers;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.reads.watch.Watchlist;
import io.xueliang.reads.watch.WatchlistDraft;
import io.xueliang.reads.watch.WatchlistException;
import io.xueliang.reads.watch.WatchlistLimitException;
import io.xueliang.reads.watch.Watchlists;
import io.xueliang.storage.auth.Principal;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watch lists: {@code POST/GET /watchlists}, {@code GET/PUT/DELETE /watchlists/{id}}, for investigators and admins
 * ({@link Permission#WATCH}). A list watches the cameras of its owner's regions and is seen by those whose regions
 * hold all of its owner's ({@link RegionScope#coversAll}); anyone else gets 404. It is changed and deleted by its owner
 * (the account, by id) or an admin. Every change needs a case reference (the body's {@code caseReference} or the
 * {@code X-Case-Reference} header) and every request is audited with its parameters.
 */
public final class WatchlistEndpoints {
    private final Watchlists lists;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public WatchlistEndpoints(Watchlists lists, AuditTrail audit, BlockingWork work, InstantSource clock) {
        this.lists = lists;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("createWatchlist", this::create).handle("listWatchlists", this::list)
                .handle("getWatchlist", this::get).handle("replaceWatchlist", this::replace)
                .handle("deleteWatchlist", this::delete);
    }

    private static boolean visible(Principal who, Watchlist l) {
        return RegionScope.coversAll(who, l.owner().regions());
    }

    private static boolean changeable(Principal who, Watchlist l) {
        return visible(who, l) && (l.owner().id().equals(who.userId()) || Permission.ADMINISTER.grantedTo(who));
    }

    /** The case reference of a change: the body's, else the header's; 400 naming {@code caseReference} if neither. */
    private static String caseReference(RoutingContext ctx, JsonObject body) {
        String fromBody = body == null ? null : body.getString("caseReference");
        String fromHeader = ctx.request().getHeader("X-Case-Reference");
        String ref = fromBody != null ? fromBody : fromHeader == null || fromHeader.isBlank() ? null : fromHeader.strip();
        if (ref == null) {
            throw ApiProblem.badRequest("caseReference", "a watch list changes only for a case: give caseReference"
                    + " in the body or the X-Case-Reference header");
        }
        return ref;
    }

    private static WatchlistDraft draft(JsonObject b, String caseReference) {
        JsonArray plates = b.getJsonArray("plates");
        List<String> typed = plates.stream().map(String::valueOf).toList();
        return new WatchlistDraft(b.getString("name"), b.getString("reason"), caseReference,
                WatchJson.instant("expiresAt", b.getString("expiresAt")), typed);
    }

    private static Map<String, String> params(WatchlistDraft d) {
        Map<String, String> p = new HashMap<>();
        p.put("name", d.name());
        p.put("reason", d.reason());
        p.put("caseReference", d.caseReference());
        p.put("expiresAt", d.expiresAt() == null ? null : d.expiresAt().toString());
        // The trail keeps 256 characters of a value: the first plates, their count, and a hash of them all.
        p.put("plates", String.join(",", d.plates()));
        p.put("plateCount", Integer.toString(d.plates().size()));
        p.put("platesSha256", sha256(String.join("\n", d.plates())));
        return p;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The failures a change may meet that the client can mend, as problems; anything else as it is. */
    private static Throwable problem(Throwable e) {
        if (e instanceof WatchlistException w) {
            return ApiProblem.badRequest(w.field(), w.getMessage());
        }
        if (e instanceof WatchlistLimitException l) {
            return ApiProblem.conflict(l.getMessage());
        }
        return e;
    }

    private static int status(Throwable e) {
        Throwable p = problem(e);
        return p instanceof ApiProblem a ? a.status() : 500;
    }

    private void create(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        JsonObject b = ctx.body().asJsonObject();
        String action = "POST /api/v1/watchlists";
        WatchlistDraft d = draft(b, caseReference(ctx, b));
        Map<String, String> params = params(d);
        if (!Permission.WATCH.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "watch lists are for investigators and admins");
            return;
        }
        Watchlist.Owner owner = new Watchlist.Owner(who.username(), who.userId(), who.regions());
        work.submit(() -> lists.create(d, owner)).onComplete(r -> {
            if (r.succeeded()) {
                params.put("watchlistId", Long.toString(r.result().id()));
            }
            audit.record(ctx, who, action, params, r.succeeded() ? r.result().entries().size() : 0,
                    r.succeeded() ? 201 : status(r.cause())).onSuccess(v -> {
                        if (r.failed()) {
                            ctx.fail(problem(r.cause()));
                        } else {
                            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                                    .putHeader("Location", "/api/v1/watchlists/" + r.result().id())
                                    .end(WatchJson.list(r.result(), clock.instant()).encode());
                        }
                    }).onFailure(ctx::fail);
        });
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "GET /api/v1/watchlists";
        if (!Permission.WATCH.grantedTo(who)) {
            audit.refuse(ctx, who, action, Map.of(), "watch lists are for investigators and admins");
            return;
        }
        work.respond(ctx, () -> lists.all().stream().filter(l -> visible(who, l)).toList(), (c, seen) -> {
            JsonArray items = new JsonArray();
            seen.forEach(l -> items.add(WatchJson.list(l, clock.instant())));
            audit.record(c, who, action, Map.of(), items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items).putNull("next"))).onFailure(c::fail);
        });
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "GET /api/v1/watchlists/{watchlistId}";
        String id = ctx.pathParam("watchlistId");
        if (!Permission.WATCH.grantedTo(who)) {
            audit.refuse(ctx, who, action, Map.of("watchlistId", id), "watch lists are for investigators and admins");
            return;
        }
        long listId = WholeNumbers.path(ctx, "watchlistId", 1, WholeNumbers.MAX_ID);
        work.respond(ctx, () -> lists.get(listId).filter(l -> visible(who, l)), (c, list) -> audit.record(c, who,
                action, Map.of("watchlistId", id), list.isPresent() ? 1 : 0, list.isPresent() ? 200 : 404)
                .onSuccess(v -> {
                    if (list.isEmpty()) {
                        c.fail(ApiProblem.notFound("no watch list " + id));
                    } else {
                        c.json(WatchJson.list(list.get(), clock.instant()));
                    }
                }).onFailure(c::fail));
    }

    /** What a change came to: the list as changed, none to change (404), or the store's refusal. */
    private record Changed(Optional<Watchlist> list, Throwable refused) {
    }

    private void replace(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        JsonObject b = ctx.body().asJsonObject();
        String action = "PUT /api/v1/watchlists/{watchlistId}";
        String id = ctx.pathParam("watchlistId");
        WatchlistDraft d = draft(b, caseReference(ctx, b));
        Map<String, String> params = params(d);
        params.put("watchlistId", id);
        if (!Permission.WATCH.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "watch lists are for investigators and admins");
            return;
        }
        long listId = WholeNumbers.path(ctx, "watchlistId", 1, WholeNumbers.MAX_ID);
        work.respond(ctx, () -> {
            if (lists.get(listId).filter(l -> changeable(who, l)).isEmpty()) {
                return new Changed(Optional.empty(), null);
            }
            try {
                return new Changed(lists.replace(listId, d, who.username()), null);
            } catch (WatchlistException | WatchlistLimitException e) {
                return new Changed(Optional.empty(), e);
            }
        }, (c, changed) -> {
            int status = changed.refused() != null ? status(changed.refused()) : changed.list().isPresent() ? 200 : 404;
            audit.record(c, who, action, params, changed.list().map(l -> l.entries().size()).orElse(0), status)
                    .onSuccess(v -> {
                        if (changed.refused() != null) {
                            c.fail(problem(changed.refused()));
                        } else if (changed.list().isEmpty()) {
                            c.fail(ApiProblem.notFound("no watch list " + id + " that you may change"));
                        } else {
                            c.json(WatchJson.list(changed.list().get(), clock.instant()));
                        }
                    }).onFailure(c::fail);
        });
    }

    private void delete(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "DELETE /api/v1/watchlists/{watchlistId}";
        String id = ctx.pathParam("watchlistId");
        Map<String, String> params = new HashMap<>(Map.of("watchlistId", id));
        if (!Permission.WATCH.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "watch lists are for investigators and admins");
            return;
        }
        params.put("caseReference", caseReference(ctx, null));
        long listId = WholeNumbers.path(ctx, "watchlistId", 1, WholeNumbers.MAX_ID);
        work.respond(ctx, () -> {
            Optional<Watchlist> list = lists.get(listId).filter(l -> changeable(who, l));
            return list.isPresent() && lists.delete(listId) ? list : Optional.<Watchlist>empty();
        }, (c, deleted) -> {
            deleted.ifPresent(l -> params.put("name", l.name()));
            audit.record(c, who, action, params, deleted.isPresent() ? 1 : 0, deleted.isPresent() ? 204 : 404)
                    .onSuccess(v -> {
                        if (deleted.isEmpty()) {
                            c.fail(ApiProblem.notFound("no watch list " + id + " that you may delete"));
                        } else {
                            c.response().setStatusCode(204).end();
                        }
                    }).onFailure(c::fail);
        });
    }
}
