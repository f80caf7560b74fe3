package io.xueliang.api.http;

import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging parameters of list routes: {@code limit} (validated by the contract, default 100)
 * and {@code cursor}, the opaque base64url form of the last key of the previous page.
 */
public final class PageCursor {
    private static final int DEFAULT_LIMIT = 100;

    private PageCursor() {
    }

    /** The largest limit the contract allows. */
    private static final int MAX_LIMIT = 1000;

    public static int limit(RoutingContext ctx) {
        return WholeNumbers.query(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** The key after which the page starts, or null for the first page; 400 for a cursor we did not give out. */
    public static String after(RoutingContext ctx) {
        String cursor = ctx.request().getParam("cursor");
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("cursor", "not a cursor this server gave out");
        }
    }

    /** The cursor that continues after {@code key}; null when {@code key} is null (no next page). */
    public static String of(String key) {
        return key == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
