package io.xueliang.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the Content-Type of a body in a media type the contract validator cannot parse
 * ({@code text/csv}); the operation's handler parses and checks the body itself.
 */
final class ContentTypeCheck implements Handler<RoutingContext> {
    private final Set<String> mediaTypes;

    ContentTypeCheck(Set<String> mediaTypes) {
        this.mediaTypes = Set.copyOf(mediaTypes);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Content-Type");
        String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            ctx.fail(new ApiProblem(415, "Unsupported Media Type", "the body must be one of " + mediaTypes.stream().sorted().toList(),
                    List.of(), null));
            return;
        }
        if (ctx.body().buffer() == null || ctx.body().length() == 0) {
            ctx.fail(ApiProblem.badRequest("body", "must not be empty"));
            return;
        }
        ctx.next();
    }
}
