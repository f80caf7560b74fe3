package io.xueliang.reads.store;

import java.util.List;

/**
 * One page of a search.
 *
 * @param items the reads, in the query's order
 * @param next  the cursor of the next page, or null when this is the last
 */
public record ReadPage(List<StoredRead> items, ReadCursor next) {
    public ReadPage {
        items = List.copyOf(items);
    }
}
