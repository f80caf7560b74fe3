package io.xueliang.api.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.problem.ProblemFailureHandler;
import java.util.List;
import java.util.Locale;

/**
 * First handler of every request: gives it its request id (header {@code X-Request-Id}), works out its client
 * address ({@link ClientAddress}) and turns
 * away, as problem+json, what would otherwise throw inside Vert.x before any failure handler runs
 * (both found by {@code ApiFuzzTest}):
 * <ul>
 *   <li>a path or query string with a malformed %-escape (Vert.x decodes both while matching
 *       routes): 400;</li>
 *   <li>a form or multipart body (the body handler would try to decode it, and fails on GET): 415,
 *       since the contract has no form bodies.</li>
 * </ul>
 * A platform handler, since Vert.x allows only those ahead of the body handler.
 */
final class RequestGate implements PlatformHandler {
    private final ClientAddress clients;

    RequestGate(ClientAddress clients) {
        this.clients = clients;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader(ProblemFailureHandler.REQUEST_ID_HEADER, ProblemFailureHandler.requestId(ctx));
        // A page of ours never tells the next site which URL it came from: URLs may carry media tickets.
        ctx.response().putHeader("Referrer-Policy", "no-referrer");
        clients.resolve(ctx);
        try {
            ctx.normalizedPath();
        } catch (IllegalArgumentException e) {
            ProblemFailureHandler.write(ctx, ApiProblem.badRequest("path", "malformed %-escape in the path"));
            return;
        }
        try {
            ctx.request().params();
        } catch (IllegalArgumentException e) {
            ProblemFailureHandler.write(ctx, ApiProblem.badRequest("query", "malformed %-escape in the query string"));
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
                ProblemFailureHandler.write(ctx, new ApiProblem(415, "Unsupported Media Type",
                        "this API takes no form bodies; send application/json", List.of(), null));
                return;
            }
        }
        ctx.next();
    }
}
