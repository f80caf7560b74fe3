package io.xueliang.config;

/**
 * Watch lists (布控) and their alerts (DESIGN.md §9): the limits that keep one user from flooding the matcher, the
 * store or the server's connections.
 *
 * @param maxExpiryDays     the furthest a list's {@code expiresAt} may lie ahead: a standing order to watch a vehicle
 *                          is renewed on purpose, not left running for ever; 1-3650
 * @param maxLists          lists kept at once (expired ones included until deleted): every read is matched against
 *                          all active ones; 1-100000
 * @param maxEntriesPerList plates and patterns in one list: bounds a request's work and the matcher's memory
 *                          (about 200 bytes an entry); 1-100000
 * @param maxEntries        plates and patterns in all lists together: the matcher holds them all in memory;
 *                          1-1000000, at least {@code maxEntriesPerList}
 * @param maxStreams        alert streams (server-sent events) open at once, each holding a connection; 1-10000
 * @param maxStreamsPerUser alert streams one user may hold open at once (a console or two, a phone); 1-100
 */
public record WatchlistConfig(int maxExpiryDays, int maxLists, int maxEntriesPerList, int maxEntries, int maxStreams,
        int maxStreamsPerUser) {

    public WatchlistConfig {
        Require.between("maxExpiryDays", maxExpiryDays, 1, 3650);
        Require.between("maxLists", maxLists, 1, 100_000);
        Require.between("maxEntriesPerList", maxEntriesPerList, 1, 100_000);
        Require.between("maxEntries", maxEntries, maxEntriesPerList, 1_000_000);
        Require.between("maxStreams", maxStreams, 1, 10_000);
        Require.between("maxStreamsPerUser", maxStreamsPerUser, 1, 100);
    }

    public static WatchlistConfig defaults() {
        return new WatchlistConfig(90, 1000, 10_000, 100_000, 64, 4);
    }
}
