package io.xueliang.api.users;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.ClientAddress;
import io.xueliang.api.http.PageCursor;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.DuplicateUserException;
import io.xueliang.storage.auth.LoginThrottle;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code /users} for admins, within their regions (a user may read their own account and change their own password).
 * An admin limited to regions sees and manages only users whose every region lies within theirs (others do not exist
 * for them: 404) and grants only such regions: never an unrestricted user, never an auditor (auditors review the
 * whole trail and have no regions). Passwords are never answered; removing a user revokes their tokens; the last
 * unrestricted admin cannot be removed, demoted or limited to regions.
 */
public final class UserEndpoints {
    private final UserStore users;
    private final TokenStore tokens;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final InstantSource clock;

    public UserEndpoints(UserStore users, TokenStore tokens, LoginThrottle throttle, AuditTrail audit, BlockingWork work,
            InstantSource clock) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.work = work;
        this.clock = clock;
    }

    public void register(ApiOperations operations) {
        operations.handle("listUsers", this::list).handle("createUser", this::create).handle("getUser", this::get)
                .handle("replaceUser", this::replace).handle("deleteUser", this::delete)
                .handle("changePassword", this::changePassword);
    }

    /** Answers 403 (audited) unless the caller is an admin; returns whether to go on. */
    private boolean requireAdmin(RoutingContext ctx, Principal who, String action, Map<String, String> params) {
        if (Permission.ADMINISTER.grantedTo(who)) {
            return true;
        }
        audit.refuse(ctx, who, action, params, "user administration needs the admin role");
        return false;
    }

    /** The user when {@code who} may manage them: every region of theirs lies within {@code who}'s. */
    private Optional<User> manageable(Principal who, String username) {
        return users.get(username).filter(u -> RegionScope.coversAll(who, u.regions()));
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
            page.items().stream().filter(u -> RegionScope.coversAll(who, u.regions())).forEach(u -> items.add(json(u)));
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
        Set<Role> roles = roles(b.getJsonArray("roles"));
        List<List<String>> regions = regions(b.getJsonArray("regions"));
        requireGrantable(who, roles, regions);
        User user = User.of(username, roles, regions, clock.instant());
        work.respond(ctx, () -> withPassword("password", () -> users.create(user, b.getString("password"))), (c, created) ->
                audit.record(c, who, "POST /api/v1/users", Map.of("username", username), 1, 201)
                        .onSuccess(v -> c.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                                .end(json(created).encode()))
                        .onFailure(c::fail));
    }

    /**
     * Refuses roles and regions {@code who} may not grant: regions outside theirs (403), and an auditor limited to
     * regions (400).
     */
    private static void requireGrantable(Principal who, Set<Role> roles, List<List<String>> regions) {
        if (roles.contains(Role.AUDITOR) && !regions.isEmpty()) {
            throw ApiProblem.badRequest("regions", "an auditor reviews the whole audit trail and has no regions");
        }
        if (!RegionScope.coversAll(who, regions)) {
            throw ApiProblem.forbidden(regions.isEmpty()
                    ? "you may create users only within your regions " + who.regions() + "; name them in regions"
                    : "regions " + regions + " lie outside your regions " + who.regions());
        }
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String username = ctx.pathParam("username");
        boolean self = username.equals(who.username());
        if (!self && !requireAdmin(ctx, who, "GET /api/v1/users/{username}", Map.of("username", username))) {
            return;
        }
        work.respond(ctx, () -> self ? users.get(username) : manageable(who, username), (c, found) ->
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
        requireGrantable(who, roles, regions);
        String password = b.getString("password");
        work.respond(ctx, () -> {
            User old = manageable(who, username).orElseThrow(() -> ApiProblem.notFound("no user " + username));
            boolean stillWholeAdmin = roles.contains(Role.ADMIN) && regions.isEmpty();
            if (wholeAdmin(old) && !stillWholeAdmin && wholeAdminCount() <= 1) {
                throw ApiProblem.conflict("the last admin without a region limit cannot lose the admin role or be limited"
                        + " to regions");
            }
            User updated = unwrap(users.update(username, new UserChange(roles, regions, null)));
            if (password != null) {
                withPassword("password", () -> users.setPassword(username, password));
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
            User old = manageable(who, username).orElseThrow(() -> ApiProblem.notFound("no user " + username));
            if (wholeAdmin(old) && wholeAdminCount() <= 1) {
                throw ApiProblem.conflict("the last admin without a region limit cannot be removed");
            }
            unwrap(tokens.revokeAllFor(username));
            return unwrap(users.delete(username));
        }, (c, deleted) -> audit.record(c, who, "DELETE /api/v1/users/{username}", Map.of("username", username), 1, 204)
                .onSuccess(v -> c.response().setStatusCode(204).end()).onFailure(c::fail));
    }

    /**
     * {@code PUT /users/{username}/password}: a user changes their own password, giving the current one. The check of
     * the current password is a login attempt, throttled like one, so a stolen session cannot be used to guess it. The
     * user's other sessions end; API tokens stay (their holders are integrations, not the person).
     */
    private void changePassword(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String username = ctx.pathParam("username");
        String action = "PUT /api/v1/users/{username}/password";
        if (!username.equals(who.username())) {
            audit.refuse(ctx, who, action, Map.of("username", username),
                    "a user changes only their own password; an admin sets others' with PUT /api/v1/users/{username}");
            return;
        }
        JsonObject b = ctx.body().asJsonObject();
        LoginThrottle.Decision decision = throttle.begin(username, ClientAddress.of(ctx));
        if (decision instanceof LoginThrottle.Wait wait) {
            throw ApiProblem.tooManyRequests(wait.retryAfter(), "too many wrong passwords; try again later");
        }
        LoginThrottle.Attempt attempt = ((LoginThrottle.Go) decision).attempt();
        work.respond(ctx, () -> {
            boolean right;
            try {
                right = users.authenticate(username, b.getString("currentPassword")).isPresent();
            } catch (RuntimeException e) {
                throttle.failed(attempt);
                throw e;
            }
            if (!right) {
                throttle.failed(attempt);
                return false;
            }
            throttle.succeeded(attempt);
            withPassword("newPassword", () -> users.setPassword(username, b.getString("newPassword")));
            unwrap(tokens.revokeSessionsExcept(username, who.tokenId()));
            return true;
        }, (c, changed) -> audit.record(c, who, action, Map.of("username", username), -1, changed ? 204 : 403)
                .onSuccess(v -> {
                    if (changed) {
                        c.response().setStatusCode(204).end();
                    } else {
                        c.fail(ApiProblem.forbidden("the current password is wrong"));
                    }
                }).onFailure(c::fail));
    }

    private static boolean wholeAdmin(User u) {
        return u.has(Role.ADMIN) && u.regions().isEmpty() && !u.disabled();
    }

    private int wholeAdminCount() {
        int admins = 0;
        String after = null;
        do {
            UserPage page = users.list(after, 1000);
            admins += (int) page.items().stream().filter(UserEndpoints::wholeAdmin).count();
            after = page.next().orElse(null);
        } while (after != null);
        return admins;
    }

    /** {@link #unwrap} for a store call that checks a new password: the policy's refusal is a 400 naming {@code field}. */
    private static <T> T withPassword(String field, Callable<CompletableFuture<T>> call) throws Exception {
        try {
            return unwrap(call.call());
        } catch (PasswordPolicyException p) {
            throw ApiProblem.badRequest(field, p.getMessage());
        }
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

    /** The region paths asked; none given means everywhere, but an empty list is refused: it would say no region. */
    private static List<List<String>> regions(JsonArray a) {
        List<List<String>> out = new ArrayList<>();
        if (a != null && a.isEmpty()) {
            throw ApiProblem.badRequest("regions", "an empty list would mean no region at all; leave regions out for"
                    + " everywhere, or name at least one region path");
        }
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
