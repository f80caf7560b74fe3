package io.xueliang.reads.watch;

import java.time.Instant;
import java.util.List;

/**
 * A watch list as a user asks for it, before {@link Watchlists} has checked it.
 *
 * @param plates plates and patterns as typed ({@code 湘A·12345}, {@code 湘F1*})
 */
public record WatchlistDraft(String name, String reason, String caseReference, Instant expiresAt,
        List<String> plates) {
    public WatchlistDraft {
        plates = List.copyOf(plates);
    }
}
