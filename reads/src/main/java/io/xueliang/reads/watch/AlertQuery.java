package io.xueliang.reads.watch;

import io.xueliang.reads.store.CameraSet;
import java.time.Instant;

/**
 * A page of stored alerts, newest raised first.
 *
 * @param from         reads at or after this instant, or null
 * @param to           reads before this instant, or null
 * @param cameras      the cameras the asker may see
 * @param acknowledged only acknowledged ({@code true}) or only open ({@code false}) alerts, or null for both
 * @param limit        most alerts on the page; 1-{@link #MAX_LIMIT}
 * @param before       the previous page's last alert id (the page holds older ones), or 0 for the first page
 */
public record AlertQuery(Instant from, Instant to, CameraSet cameras, Boolean acknowledged, int limit, long before) {
    public static final int MAX_LIMIT = 1000;

    public AlertQuery {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
    }
}
