package io.xueliang.reads.search;

import java.util.List;

/**
 * One page of fuzzy matches, best first (lowest cost), and newest first within a cost.
 *
 * @param items      the matches
 * @param next       the next page's cursor, or null on the last page
 * @param candidates how many plates were looked for (for the audit record and the benchmark)
 */
public record FuzzyPage(List<RankedRead> items, FuzzyCursor next, int candidates) {
    public FuzzyPage {
        items = List.copyOf(items);
    }
}
