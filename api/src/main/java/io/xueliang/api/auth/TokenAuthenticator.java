package io.xueliang.api.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.TokenStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Resolves {@code Authorization: Bearer <token>} (a session or API token) to the principal that handlers then find
 * with {@link #principal}, then holds the token to its request rate ({@link TokenRateLimiter}). The token lookup reads
 * the store, so it runs on a worker. An unknown, expired or revoked token gets 401, the same answer as none at all.
 *
 * <p>A URL carries no token: only a media ticket ({@link MediaTickets}), as the {@code access_token} query parameter
 * (RFC 6750 §2.3), on the media operations only (by operation id: a playback, an export download), for the one
 * resource it was issued for. Elsewhere {@code access_token} is refused.
 *
 * <p>LL-HLS requests (a playlist reload and a part about every 0.25 s a camera) are held to a rate of their own,
 * {@link #LIVE_HLS_RATE_FACTOR} times the token's: at the API's rate a 4-tile wall over LL-HLS ran out of requests in
 * seconds. They are served from the camera's window in memory and audited once a view, not once a request.
 */
public final class TokenAuthenticator implements Handler<RoutingContext> {
    private static final String KEY = "xueliang.principal";
    private final TokenStore tokens;
    private final MediaTickets tickets;
    private final TokenRateLimiter rates;
    private final TokenRateLimiter liveRates;
    private final BlockingWork work;

    /** How many times the token's rate its LL-HLS requests may go: at 20 a second, 320, for 40 cameras at 8 each. */
    public static final int LIVE_HLS_RATE_FACTOR = 16;
    private static final Set<String> LIVE_HLS = Set.of("liveHls", "liveHlsMedia");

    /** @param liveRates the limiter of LL-HLS requests (see {@link #LIVE_HLS_RATE_FACTOR}) */
    public TokenAuthenticator(TokenStore tokens, MediaTickets tickets, TokenRateLimiter rates,
            TokenRateLimiter liveRates, BlockingWork work) {
        this.tokens = tokens;
        this.tickets = tickets;
        this.rates = rates;
        this.liveRates = liveRates;
        this.work = work;
    }

    /** One limiter for every request. */
    public TokenAuthenticator(TokenStore tokens, MediaTickets tickets, TokenRateLimiter rates, BlockingWork work) {
        this(tokens, tickets, rates, rates, work);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String ticket = ctx.queryParams().get("access_token");
        if (header == null && ticket != null) {
            byTicket(ctx, ticket);
            return;
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 7 + 256) {
            ctx.fail(ApiProblem.unauthorized("a bearer token is required: log in at POST /api/v1/auth/login"));
            return;
        }
        String token = header.substring(7).trim();
        resolve(ctx, () -> tokens.resolve(token), "the token is unknown, expired or revoked");
    }

    private void byTicket(RoutingContext ctx, String ticket) {
        HttpMethod method = ctx.request().method();
        boolean media = MediaTickets.MediaOperation.ofOperation(ApiOperations.operationOf(ctx)).isPresent()
                && (method == HttpMethod.GET || method == HttpMethod.HEAD);
        if (!media) {
            ctx.fail(ApiProblem.unauthorized("access_token is accepted on media downloads only, and only as a ticket"
                    + " from POST /api/v1/tickets; send the token in the Authorization header"));
            return;
        }
        Optional<Long> tokenId = tickets.verify(ticket, ctx.request().path());
        if (tokenId.isEmpty()) {
            ctx.fail(ApiProblem.unauthorized("the ticket is invalid, expired or for another resource; ask POST"
                    + " /api/v1/tickets for one"));
            return;
        }
        resolve(ctx, () -> tokens.resolveId(tokenId.get()), "the ticket's token is expired or revoked");
    }

    private void resolve(RoutingContext ctx, Callable<Optional<Principal>> lookup, String refusal) {
        work.submit(lookup).onComplete(r -> {
            if (r.failed()) {
                ctx.fail(r.cause());
            } else if (r.result().isEmpty()) {
                ctx.fail(ApiProblem.unauthorized(refusal));
            } else {
                Principal who = r.result().get();
                // A request of no operation (a file of the UI, say) has no id: Set.of refuses to look null up.
                String operation = ApiOperations.operationOf(ctx);
                var wait = (operation != null && LIVE_HLS.contains(operation) ? liveRates : rates)
                        .acquire(who.tokenId());
                if (!wait.isZero()) {
                    ctx.fail(ApiProblem.tooManyRequests(wait, "this token makes requests faster than"
                            + " http.tokenRequestsPerSecond allows; slow down"));
                    return;
                }
                ctx.put(KEY, who);
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
