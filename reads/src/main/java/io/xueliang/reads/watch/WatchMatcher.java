package io.xueliang.reads.watch;

import io.xueliang.reads.store.PlatePattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every unexpired entry of every watch list, arranged so that one read costs a few hash lookups, not a pass over all
 * entries: exact plates in one map by plate; a pattern under the first (up to {@value #KEY_LENGTH}) characters before
 * its first wildcard ({@code 湘F1*} under {@code 湘F1}), so a plate looks up its own first 1..{@value #KEY_LENGTH}
 * characters and tries only the patterns found there; a pattern that starts with a wildcard ({@code ?A12345}) is
 * tried on every read (they are few: an entry needs {@value Watchlists#MIN_LITERALS} plain characters).
 *
 * <pre>
 *   read 湘F12345 ─► exact.get("湘F12345")
 *                 ├► anchored.get("湘"), ("湘F"), ("湘F1"), ("湘F12") ─► PlatePattern.matches each
 *                 └► unanchored: PlatePattern.matches each
 * </pre>
 *
 * <p>Immutable: {@link Watchlists} builds a new one on every change and swaps it in, so matching takes no lock. An
 * entry is kept while its list is unexpired when built, and each match checks the expiry again, so a list stops
 * matching at its {@code expiresAt} exactly, before the next build.
 */
public final class WatchMatcher {
    /** Characters of a pattern's plain prefix that key its bucket: a province, a city letter and two more. */
    static final int KEY_LENGTH = 4;
    private static final WatchMatcher EMPTY = new WatchMatcher(Map.of(), Map.of(), List.of(), 0);

    private final Map<String, List<Match>> exact;
    private final Map<String, List<Match>> anchored;
    private final List<Match> unanchored;
    private final int size;

    /**
     * One entry of one list, as found for a read.
     *
     * @param list  the list
     * @param entry the entry of it that matched
     */
    public record Match(Watchlist list, PlatePattern entry) {
    }

    private WatchMatcher(Map<String, List<Match>> exact, Map<String, List<Match>> anchored, List<Match> unanchored,
            int size) {
        this.exact = exact;
        this.anchored = anchored;
        this.unanchored = unanchored;
        this.size = size;
    }

    public static WatchMatcher empty() {
        return EMPTY;
    }

    /** The entries of {@code lists} still active at {@code now}. */
    public static WatchMatcher of(Collection<Watchlist> lists, Instant now) {
        Map<String, List<Match>> exact = new HashMap<>();
        Map<String, List<Match>> anchored = new HashMap<>();
        List<Match> unanchored = new ArrayList<>();
        int size = 0;
        for (Watchlist list : lists) {
            if (!list.activeAt(now)) {
                continue;
            }
            for (PlatePattern entry : list.entries()) {
                Match m = new Match(list, entry);
                size++;
                if (entry.exact()) {
                    exact.computeIfAbsent(entry.normalised(), k -> new ArrayList<>(1)).add(m);
                } else {
                    String prefix = entry.prefix();
                    if (prefix.isEmpty()) {
                        unanchored.add(m);
                    } else {
                        String key = prefix.substring(0, Math.min(prefix.length(), KEY_LENGTH));
                        anchored.computeIfAbsent(key, k -> new ArrayList<>(2)).add(m);
                    }
                }
            }
        }
        return new WatchMatcher(exact, anchored, List.copyOf(unanchored), size);
    }

    /** Entries held (of lists active when built). */
    public int size() {
        return size;
    }

    /**
     * The lists active at {@code now} that {@code plate} matches, one match per list (an exact entry before a
     * pattern, else the first pattern found), in no particular order.
     *
     * @param plate a normalised plate ({@code PlateRead#normalised})
     */
    public List<Match> match(String plate, Instant now) {
        List<Match> found = null;
        found = collect(exact.get(plate), plate, now, found, false);
        for (int n = 1; n <= Math.min(plate.length(), KEY_LENGTH); n++) {
            found = collect(anchored.get(plate.substring(0, n)), plate, now, found, true);
        }
        found = collect(unanchored, plate, now, found, true);
        return found == null ? List.of() : found;
    }

    private static List<Match> collect(List<Match> candidates, String plate, Instant now, List<Match> found,
            boolean pattern) {
        if (candidates == null) {
            return found;
        }
        for (Match m : candidates) {
            if ((pattern && !m.entry().matches(plate)) || !m.list().activeAt(now)) {
                continue;
            }
            if (found == null) {
                found = new ArrayList<>(2);
            }
            if (!hasList(found, m.list().id())) {
                found.add(m);
            }
        }
        return found;
    }

    private static boolean hasList(List<Match> found, long listId) {
        for (Match m : found) {
            if (m.list().id() == listId) {
                return true;
            }
        }
        return false;
    }
}
