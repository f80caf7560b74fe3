package io.xueliang.reads.search;

import io.xueliang.reads.store.ReadCursor;
import io.xueliang.reads.store.ReadPage;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.sql.SqlInstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fuzzy plate search: the plates a misread or a witness's slip makes of the typed plate ({@link FuzzyCandidates}),
 * those the store has seen in the query's window and cameras ({@link ReadStore#platesSeen}, one probe of the plate
 * index each), then their reads, ranked by cost ({@link PlateEdits#cost}) and newest first within a cost. A page
 * asks the store for the reads of one cost at a time, keyset-paged within it, so paging is as stable as the time
 * order's.
 */
public final class FuzzyPlateSearch {
    private final ReadStore store;

    public FuzzyPlateSearch(ReadStore store) {
        this.store = store;
    }

    /**
     * @param typed the normalised plate (see {@link FuzzyCandidates#of} for what it may be)
     * @param query window, cameras, colour, direction and page size; its plate pattern and cursor must be null
     * @param after the previous page's cursor, or null for the first page
     */
    public FuzzyPage search(String typed, ReadQuery query, FuzzyCursor after) {
        if (query.plate() != null || query.after() != null) {
            throw new IllegalArgumentException("the typed plate and the cursor are fuzzy search's own");
        }
        Map<String, Integer> candidates = FuzzyCandidates.of(typed);
        Set<String> seen = store.platesSeen(candidates.keySet(), query);
        TreeMap<Integer, List<String>> byCost = new TreeMap<>();
        for (String plate : seen) {
            byCost.computeIfAbsent(PlateEdits.cost(typed, plate), k -> new ArrayList<>()).add(plate);
        }
        List<RankedRead> items = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> rank : (after == null ? byCost : byCost.tailMap(after.cost(), true))
                .entrySet()) {
            int cost = rank.getKey();
            ReadCursor from = after != null && cost == after.cost() ? new ReadCursor(after.micros(), after.seq()) : null;
            ReadPage page = store.searchPlates(rank.getValue(), new ReadQuery(null, query.from(), query.to(),
                    query.cameras(), query.colour(), query.direction(), query.limit() - items.size(), from));
            for (StoredRead r : page.items()) {
                items.add(new RankedRead(r, cost, PlateEdits.score(cost)));
            }
            if (items.size() == query.limit()) {
                boolean more = page.next() != null || byCost.higherKey(cost) != null;
                RankedRead last = items.getLast();
                return new FuzzyPage(items, more ? new FuzzyCursor(cost, SqlInstants.micros(last.read().read().time()),
                        last.read().seq()) : null, candidates.size());
            }
        }
        return new FuzzyPage(items, null, candidates.size());
    }
}
