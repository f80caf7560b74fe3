package io.xueliang.api.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.TokenStore;

/**
 * Resolves {@code Authorization: Bearer <token>} (a session or API token) to the principal that
 * handlers then find with {@link #principal}. The token lookup reads the store, so it runs on a
 * worker. An unknown, expired or revoked token gets 401, the same answer as none at all.
 */
public final class TokenAuthenticator implements Handler<RoutingContext> {
    private static final String KEY = "xueliang.principal";
    private final TokenStore tokens;
    private final BlockingWork work;

    public TokenAuthenticator(TokenStore tokens, BlockingWork work) {
        this.tokens = tokens;
        this.work = work;
    }

    /**
     * Routes whose GET may carry the token as the {@code access_token} query parameter (RFC 6750 §2.3) because their
     * clients cannot send headers: a {@code <video src>} for playback, a download link. Nowhere else, since URLs end
     * up in histories and proxy logs; the server never logs query strings.
     */
    private static boolean mediaRoute(RoutingContext ctx) {
        String path = ctx.request().path();
        return ctx.request().method() == HttpMethod.GET && path != null
                && (path.endsWith("/playback.mp4") || path.endsWith("/download"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null && mediaRoute(ctx) && ctx.queryParams().get("access_token") != null) {
            header = "Bearer " + ctx.queryParams().get("access_token");
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 7 + 256) {
            ctx.fail(ApiProblem.unauthorized("a bearer token is required: log in at POST /api/v1/auth/login"));
            return;
        }
        String token = header.substring(7).trim();
        work.submit(() -> tokens.resolve(token)).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
            } else if (r.result().isEmpty()) {
                ctx.fail(ApiProblem.unauthorized("the token is unknown, expired or revoked"));
            } else {
                ctx.put(KEY, r.result().get());
                ctx.next();
            }
        });
    }

    /** The principal of an authenticated request. */
    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(KEY);
        if (p == null) {
            throw new IllegalStateException("route reached without authentication");
        }
        return p;
    }
}
