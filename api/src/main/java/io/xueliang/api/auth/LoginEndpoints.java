package io.xueliang.api.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.ClientAddress;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.IssuedToken;
import io.xueliang.storage.auth.LoginThrottle;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.auth.User;
import io.xueliang.storage.auth.UserStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /auth/login} and {@code DELETE /auth/session}. Failed logins are throttled per user
 * name and per client address separately, so hammering one account neither locks out the others
 * nor lets one address try many accounts. A wrong user name and a wrong password get the same
 * answer.
 */
public final class LoginEndpoints {
    private final UserStore users;
    private final TokenStore tokens;
    private final LoginThrottle throttle;
    private final BlockingWork work;
    private final Duration sessionLifetime;

    public LoginEndpoints(UserStore users, TokenStore tokens, LoginThrottle throttle, BlockingWork work,
            Duration sessionLifetime) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.work = work;
        this.sessionLifetime = sessionLifetime;
    }

    public void register(ApiOperations operations) {
        operations.handle("login", this::login).handle("logout", this::logout);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject(); // the contract has checked its shape
        String username = body.getString("username");
        String password = body.getString("password");
        String address = ClientAddress.of(ctx);
        Duration wait = throttle.waitBefore(username, address);
        if (!wait.isZero()) {
            ctx.fail(ApiProblem.tooManyRequests(wait, "too many failed logins; try again later"));
            return;
        }
        work.respond(ctx, () -> {
            Optional<User> user = users.authenticate(username, password);
            if (user.isEmpty()) {
                throttle.failed(username, address);
                return Optional.<IssuedToken>empty();
            }
            throttle.succeeded(username, address);
            return Optional.of(tokens.issueSession(user.get().username(), sessionLifetime).get(30, TimeUnit.SECONDS));
        }, (c, issued) -> {
            if (issued.isEmpty()) {
                c.fail(ApiProblem.unauthorized("wrong user name or password"));
                return;
            }
            c.json(new JsonObject().put("token", issued.get().token()).put("expiresAt", issued.get().expiresAt().toString()));
        });
    }

    private void logout(RoutingContext ctx) {
        Principal p = TokenAuthenticator.principal(ctx);
        work.respond(ctx, () -> tokens.revoke(p.tokenId()).get(30, TimeUnit.SECONDS),
                (c, revoked) -> c.response().setStatusCode(204).end());
    }
}
