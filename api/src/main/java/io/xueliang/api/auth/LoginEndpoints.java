package io.xueliang.api.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.ClientAddress;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.IssuedToken;
import io.xueliang.storage.auth.LoginThrottle;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.TokenKind;
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.auth.User;
import io.xueliang.storage.auth.UserStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /auth/login}, {@code GET /auth/session} (who the token speaks for, so that the web UI shows what its
 * user may do; the server still checks every request) and {@code DELETE /auth/session}. Every attempt is reserved with the {@link LoginThrottle}
 * before its password is hashed, so parallel guesses are counted as they start, not as they end. A wrong user name
 * and a wrong password get the same answer. Logins, failed logins and the first refusal of a throttled
 * (user, address) pair are logged and audited with the user name and the client's address.
 */
public final class LoginEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(LoginEndpoints.class);
    private static final String ACTION = "POST /api/v1/auth/login";

    private final UserStore users;
    private final TokenStore tokens;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final Duration sessionLifetime;
    private final JsonObject map;

    /**
     * @param mapTiles       the web UI's map tile URL template ({@code http.mapTiles}), or null
     * @param mapAttribution the line shown under the tiles, or null
     */
    public LoginEndpoints(UserStore users, TokenStore tokens, LoginThrottle throttle, AuditTrail audit,
            BlockingWork work, Duration sessionLifetime, String mapTiles, String mapAttribution) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.work = work;
        this.sessionLifetime = sessionLifetime;
        this.map = mapTiles == null ? null : new JsonObject().put("tiles", mapTiles)
                .put("attribution", mapAttribution);
    }

    public void register(ApiOperations operations) {
        operations.handle("login", this::login).handle("getSession", this::session).handle("logout", this::logout);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject(); // the contract has checked its shape, user name pattern included
        String username = body.getString("username");
        String password = body.getString("password");
        String address = ClientAddress.of(ctx);
        LoginThrottle.Decision decision = throttle.begin(username, address);
        if (decision instanceof LoginThrottle.Wait wait) {
            ApiProblem refusal = ApiProblem.tooManyRequests(wait.retryAfter(), "too many failed logins; try again later");
            if (!wait.first()) {
                ctx.fail(refusal);
                return;
            }
            LOG.warn("login for user {} from {} refused for {} s: too many failed logins ({} limit)", username, address,
                    wait.retryAfter().toSeconds(), wait.limit().name().toLowerCase());
            audit.recordClaimed(ctx, username, ACTION, Map.of("username", username, "limit",
                    wait.limit().name().toLowerCase()), 429).onComplete(r -> ctx.fail(r.succeeded() ? refusal : r.cause()));
            return;
        }
        LoginThrottle.Attempt attempt = ((LoginThrottle.Go) decision).attempt();
        work.respond(ctx, () -> {
            Optional<User> user;
            try {
                user = users.authenticate(username, password);
            } catch (RuntimeException e) {
                throttle.failed(attempt);
                throw e;
            }
            if (user.isEmpty()) {
                throttle.failed(attempt);
                return Optional.<IssuedToken>empty();
            }
            throttle.succeeded(attempt);
            return Optional.of(tokens.issueSession(user.get().username(), sessionLifetime).get(30, TimeUnit.SECONDS));
        }, (c, issued) -> {
            if (issued.isEmpty()) {
                LOG.warn("failed login for user {} from {}", username, address);
            }
            audit.recordClaimed(c, username, ACTION, Map.of("username", username), issued.isPresent() ? 200 : 401)
                    .onSuccess(v -> {
                        if (issued.isEmpty()) {
                            c.fail(ApiProblem.unauthorized("wrong user name or password"));
                        } else {
                            c.json(new JsonObject().put("token", issued.get().token())
                                    .put("expiresAt", issued.get().expiresAt().toString()));
                        }
                    }).onFailure(c::fail);
        });
    }

    private void session(RoutingContext ctx) {
        Principal p = TokenAuthenticator.principal(ctx);
        JsonArray regions = new JsonArray();
        p.regions().forEach(r -> regions.add(new JsonArray(r)));
        JsonObject session = new JsonObject().put("username", p.username())
                .put("roles", new JsonArray(p.roles().stream().map(Role::wireName).sorted().toList()))
                .put("regions", regions).put("kind", p.kind() == TokenKind.SESSION ? "session" : "api");
        if (map != null) {
            session.put("map", map.copy());
        }
        ctx.json(session);
    }

    private void logout(RoutingContext ctx) {
        Principal p = TokenAuthenticator.principal(ctx);
        work.respond(ctx, () -> tokens.revoke(p.tokenId()).get(30, TimeUnit.SECONDS),
                (c, revoked) -> c.response().setStatusCode(204).end());
    }
}
