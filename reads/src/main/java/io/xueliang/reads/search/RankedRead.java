package io.xueliang.reads.search;

import io.xueliang.reads.store.StoredRead;

/**
 * A read found by fuzzy search, with how far its plate is from what was typed.
 *
 * @param read  the read
 * @param cost  the weighted edit distance, thousandths ({@link PlateEdits#cost})
 * @param score 1 for the plate as typed, down to 0.5 ({@link PlateEdits#score})
 */
public record RankedRead(StoredRead read, int cost, double score) {
}
