package io.xueliang.reads.watch;

import io.xueliang.config.WatchlistConfig;
import io.xueliang.reads.store.PlatePattern;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The watch lists: checks a list against the limits ({@code reads.watchlists}) before it is stored, keeps every list in
 * memory (a thousand lists of ten thousand entries at most) and the {@link WatchMatcher} of the active ones, rebuilt
 * on every change and when a list expires. Who may make or change which list is the API's question, asked before.
 * Changes block on the store: call from worker threads.
 */
public final class Watchlists {
    /**
     * Plain (non-wildcard) characters an entry needs: {@code 湘F1*} has three; {@code 湘*} (every car of a province)
     * would raise an alert on most reads and drown the ones that matter.
     */
    public static final int MIN_LITERALS = 3;
    public static final int MAX_NAME = 128;
    public static final int MAX_REASON = 512;
    public static final int MAX_CASE_REFERENCE = 128;

    private final WatchStore store;
    private final WatchlistConfig limits;
    private final InstantSource clock;
    private final Map<Long, Watchlist> lists = new TreeMap<>();
    private volatile WatchMatcher matcher = WatchMatcher.empty();
    /** When the matcher must be rebuilt because a list in it expires. */
    private volatile Instant nextExpiry = Instant.MAX;

    /** Loads the stored lists. */
    public Watchlists(WatchStore store, WatchlistConfig limits, InstantSource clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        synchronized (this) {
            store.all().forEach(l -> lists.put(l.id(), l));
            rebuild();
        }
    }

    public WatchlistConfig limits() {
        return limits;
    }

    /**
     * Stores a new list for {@code owner}.
     *
     * @throws WatchlistException naming the field at fault
     * @throws WatchlistLimitException when {@code maxLists} or {@code maxEntries} would be exceeded
     */
    public synchronized Watchlist create(WatchlistDraft draft, Watchlist.Owner owner) {
        Instant now = clock.instant();
        List<PlatePattern> entries = check(draft, now);
        if (lists.size() >= limits.maxLists()) {
            throw new WatchlistLimitException("reads.watchlists.maxLists", "there are " + lists.size()
                    + " watch lists, the most reads.watchlists.maxLists allows; delete expired ones first");
        }
        checkTotal(entries.size(), 0);
        Watchlist list = store.create(new Watchlist(0, draft.name(), draft.reason(), draft.caseReference(), owner,
                draft.expiresAt(), now, now, owner.name(), entries));
        lists.put(list.id(), list);
        rebuild();
        return list;
    }

    /**
     * Replaces a list's name, reason, case, expiry and entries; its owner stays.
     *
     * @return the list as changed; empty when there is none
     * @throws WatchlistException naming the field at fault
     * @throws WatchlistLimitException when {@code maxEntries} would be exceeded
     */
    public synchronized Optional<Watchlist> replace(long id, WatchlistDraft draft, String changedBy) {
        Watchlist old = lists.get(id);
        if (old == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<PlatePattern> entries = check(draft, now);
        checkTotal(entries.size(), old.entries().size());
        Optional<Watchlist> changed = store.replace(new Watchlist(id, draft.name(), draft.reason(),
                draft.caseReference(), old.owner(), draft.expiresAt(), old.createdAt(), now, changedBy, entries));
        changed.ifPresent(l -> lists.put(id, l));
        rebuild();
        return changed;
    }

    /** Deletes a list; its alerts stay. Whether there was one. */
    public synchronized boolean delete(long id) {
        if (lists.remove(id) == null) {
            return false;
        }
        store.delete(id);
        rebuild();
        return true;
    }

    public synchronized Optional<Watchlist> get(long id) {
        return Optional.ofNullable(lists.get(id));
    }

    /** Every list, expired ones included, by id. */
    public synchronized List<Watchlist> all() {
        return List.copyOf(lists.values());
    }

    /** The matcher of the lists active now. */
    public WatchMatcher matcher() {
        if (!clock.instant().isBefore(nextExpiry)) {
            synchronized (this) {
                rebuild();
            }
        }
        return matcher;
    }

    private void rebuild() {
        Instant now = clock.instant();
        matcher = WatchMatcher.of(lists.values(), now);
        nextExpiry = lists.values().stream().map(Watchlist::expiresAt).filter(now::isBefore).min(Instant::compareTo)
                .orElse(Instant.MAX);
    }

    private void checkTotal(int adding, int removing) {
        long total = lists.values().stream().mapToLong(l -> l.entries().size()).sum() - removing + adding;
        if (total > limits.maxEntries()) {
            throw new WatchlistLimitException("reads.watchlists.maxEntries", "the watch lists would hold " + total
                    + " plates and patterns, more than reads.watchlists.maxEntries (" + limits.maxEntries() + ")");
        }
    }

    /** The draft's entries, normalised and without repeats, once every field is found acceptable. */
    private List<PlatePattern> check(WatchlistDraft d, Instant now) {
        text("name", d.name(), MAX_NAME);
        text("reason", d.reason(), MAX_REASON);
        text("caseReference", d.caseReference(), MAX_CASE_REFERENCE);
        if (d.expiresAt() == null) {
            throw new WatchlistException("expiresAt", "a watch list needs an expiry");
        }
        if (!d.expiresAt().isAfter(now)) {
            throw new WatchlistException("expiresAt", "expiresAt " + d.expiresAt() + " is not in the future");
        }
        Duration ahead = Duration.between(now, d.expiresAt());
        if (ahead.compareTo(Duration.ofDays(limits.maxExpiryDays())) > 0) {
            throw new WatchlistException("expiresAt", "expiresAt " + d.expiresAt() + " is more than "
                    + limits.maxExpiryDays() + " days ahead (reads.watchlists.maxExpiryDays); renew the list instead");
        }
        if (d.plates().isEmpty()) {
            throw new WatchlistException("plates", "a watch list needs at least one plate or pattern");
        }
        if (d.plates().size() > limits.maxEntriesPerList()) {
            throw new WatchlistException("plates", d.plates().size() + " plates and patterns, more than the "
                    + limits.maxEntriesPerList() + " of reads.watchlists.maxEntriesPerList");
        }
        Set<PlatePattern> entries = new LinkedHashSet<>();
        for (int i = 0; i < d.plates().size(); i++) {
            entries.add(entry("plates/" + i, d.plates().get(i)));
        }
        return new ArrayList<>(entries);
    }

    /** One plate or pattern as typed, normalised. */
    public static PlatePattern entry(String field, String typed) {
        PlatePattern p;
        try {
            p = PlatePattern.parse(typed == null ? "" : typed, false);
        } catch (IllegalArgumentException e) {
            throw new WatchlistException(field, e.getMessage());
        }
        long literals = p.normalised().chars().filter(c -> c != '*' && c != '?').count();
        if (literals < MIN_LITERALS) {
            throw new WatchlistException(field, "'" + typed + "' has " + literals + " plain character(s); a pattern"
                    + " needs at least " + MIN_LITERALS + " so that it does not match most vehicles");
        }
        return p;
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new WatchlistException(field, field + " must not be empty");
        }
        if (value.length() > max) {
            throw new WatchlistException(field, field + " is longer than " + max + " characters");
        }
    }
}
