package io.xueliang.api.users;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.PageCursor;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.DuplicateUserException;
import io.xueliang.storage.auth.PasswordPolicyException;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.auth.User;
import io.xueliang.storage.auth.UserChange;
import io.xueliang.storage.auth.UserPage;
import io.xueliang.storage.auth.UserStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code /users} for admins (a user may read their own account). Passwords are never answered;
 * removing a user revokes their tokens; the last admin cannot be removed or demoted.
 */
public final class UserEndpoints {
    private final UserStore users;
    private final TokenStore tokens;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public UserEndpoints(UserStore users, TokenStore tokens, AuditTrail audit, BlockingWork work, InstantSource clock) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("listUsers", this::list).handle("createUser", this::create).handle("getUser", this::get)
                .handle("replaceUser", this::replace).handle("deleteUser", this::delete);
    }

    private boolean isAdmin(Principal who) {
        return who.roles().contains(Role.ADMIN);
    }

    /** Answers 403 (audited) unless the caller is an admin; returns whether to go on. */
    private boolean requireAdmin(RoutingContext ctx, Principal who, String action, Map<String, String> params) {
        if (isAdmin(who)) {
            return true;
        }
        audit.refuse(ctx, who, action, params, "user administration needs the admin role");
        return false;
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!requireAdmin(ctx, who, "GET /api/v1/users", Map.of())) {
            return;
        }
        int limit = PageCursor.limit(ctx);
        String after = PageCursor.after(ctx);
        work.respond(ctx, () -> users.list(after, limit), (c, page) -> {
            JsonArray items = new JsonArray();
            page.items().forEach(u -> items.add(json(u)));
            String next = PageCursor.of(page.next().orElse(null));
            audit.record(c, who, "GET /api/v1/users", Map.of(), items.size(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items).put("next", next))).onFailure(c::fail);
        });
    }

    private void create(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        JsonObject b = ctx.body().asJsonObject();
        String username = b.getString("username");
        if (!requireAdmin(ctx, who, "POST /api/v1/users", Map.of("username", username))) {
            return;
        }
        User user = User.of(username, roles(b.getJsonArray("roles")), regions(b.getJsonArray("regions")), clock.instant());
        work.respond(ctx, () -> unwrap(users.create(user, b.getString("password"))), (c, created) ->
                audit.record(c, who, "POST /api/v1/users", Map.of("username", username), 1, 201)
                        .onSuccess(v -> c.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                                .end(json(created).encode()))
                        .onFailure(c::fail));
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String username = ctx.pathParam("username");
        if (!username.equals(who.username()) && !requireAdmin(ctx, who, "GET /api/v1/users/{username}",
                Map.of("username", username))) {
            return;
        }
        work.respond(ctx, () -> users.get(username), (c, found) ->
                audit.record(c, who, "GET /api/v1/users/{username}", Map.of("username", username), found.isPresent() ? 1 : 0,
                                found.isPresent() ? 200 : 404)
                        .onSuccess(v -> {
                            if (found.isEmpty()) {
                                c.fail(ApiProblem.notFound("no user " + username));
                            } else {
                                c.json(json(found.get()));
                            }
                        }).onFailure(c::fail));
    }

    private void replace(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String username = ctx.pathParam("username");
        if (!requireAdmin(ctx, who, "PUT /api/v1/users/{username}", Map.of("username", username))) {
            return;
        }
        JsonObject b = ctx.body().asJsonObject();
        if (!username.equals(b.getString("username"))) {
            throw ApiProblem.badRequest("username", "the body's username differs from the path's");
        }
        Set<Role> roles = roles(b.getJsonArray("roles"));
        List<List<String>> regions = regions(b.getJsonArray("regions"));
        String password = b.getString("password");
        work.respond(ctx, () -> {
            User old = users.get(username).orElseThrow(() -> ApiProblem.notFound("no user " + username));
            if (old.has(Role.ADMIN) && !roles.contains(Role.ADMIN) && adminCount() <= 1) {
                throw ApiProblem.conflict("the last admin cannot lose the admin role");
            }
            User updated = unwrap(users.update(username, new UserChange(roles, regions, null)));
            if (password != null) {
                unwrap(users.setPassword(username, password));
                unwrap(tokens.revokeAllFor(username)); // a new password ends the old sessions
            }
            return updated;
        }, (c, updated) -> audit.record(c, who, "PUT /api/v1/users/{username}", Map.of("username", username), 1, 200)
                .onSuccess(v -> c.json(json(updated))).onFailure(c::fail));
    }

    private void delete(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String username = ctx.pathParam("username");
        if (!requireAdmin(ctx, who, "DELETE /api/v1/users/{username}", Map.of("username", username))) {
            return;
        }
        work.respond(ctx, () -> {
            User old = users.get(username).orElseThrow(() -> ApiProblem.notFound("no user " + username));
            if (old.has(Role.ADMIN) && adminCount() <= 1) {
                throw ApiProblem.conflict("the last admin cannot be removed");
            }
            unwrap(tokens.revokeAllFor(username));
            return unwrap(users.delete(username));
        }, (c, deleted) -> audit.record(c, who, "DELETE /api/v1/users/{username}", Map.of("username", username), 1, 204)
                .onSuccess(v -> c.response().setStatusCode(204).end()).onFailure(c::fail));
    }

    private int adminCount() {
        int admins = 0;
        String after = null;
        do {
            UserPage page = users.list(after, 1000);
            admins += (int) page.items().stream().filter(u -> u.has(Role.ADMIN) && !u.disabled()).count();
            after = page.next().orElse(null);
        } while (after != null);
        return admins;
    }

    /** Waits for a store write on this worker and turns the store's refusals into answers. */
    private static <T> T unwrap(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DuplicateUserException d) {
                throw ApiProblem.conflict(d.getMessage());
            }
            if (cause instanceof PasswordPolicyException p) {
                throw ApiProblem.badRequest("password", p.getMessage());
            }
            throw e;
        }
    }

    private static Set<Role> roles(JsonArray a) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        a.forEach(r -> roles.add(Role.fromWireName(String.valueOf(r))));
        return roles;
    }

    private static List<List<String>> regions(JsonArray a) {
        List<List<String>> out = new ArrayList<>();
        if (a != null) {
            for (Object path : a) {
                out.add(((JsonArray) path).stream().map(String::valueOf).toList());
            }
        }
        return out;
    }

    static JsonObject json(User u) {
        JsonArray regions = new JsonArray();
        u.regions().forEach(r -> regions.add(new JsonArray(r)));
        return new JsonObject().put("username", u.username())
                .put("roles", new JsonArray(u.roles().stream().map(Role::wireName).sorted().toList()))
                .put("regions", regions);
    }
}
