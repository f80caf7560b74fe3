package io.xueliang.reads.watch;

import io.xueliang.reads.store.PlatePattern;
import java.time.Instant;
import java.util.List;

/**
 * A watch list as stored.
 *
 * @param id            the store's number for it
 * @param name          what its owner calls it
 * @param reason        why these vehicles are watched, shown with every alert (e.g. "stolen", "wanted in case 7")
 * @param caseReference the case it serves
 * @param owner         who made it; it matches reads of cameras in the owner's regions only
 * @param expiresAt     it matches nothing from this instant on
 * @param createdAt     when it was made
 * @param changedAt     when it was last changed (its creation, if never)
 * @param changedBy     who changed it last
 * @param entries       its plates and patterns, normalised, in the order given
 */
public record Watchlist(long id, String name, String reason, String caseReference, Owner owner, Instant expiresAt,
        Instant createdAt, Instant changedAt, String changedBy, List<PlatePattern> entries) {
    public Watchlist {
        entries = List.copyOf(entries);
    }

    /** Whether it still matches at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /**
     * The account a list belongs to.
     *
     * @param name    its user name
     * @param id      its never-reused user id: a user deleted and made again under the name is another owner
     * @param regions its region paths when the list was made; empty: everywhere
     */
    public record Owner(String name, String id, List<List<String>> regions) {
        public Owner {
            regions = regions.stream().map(List::copyOf).toList();
        }
    }
}
