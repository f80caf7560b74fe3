package io.xueliang.storage.blob;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, in key order.
 *
 * @param entries at most the number asked for
 * @param next pass as {@code startAfter} for the next page; empty when this page is the last
 */
public record BlobPage(List<BlobEntry> entries, Optional<String> next) {
    public BlobPage {
        entries = List.copyOf(entries);
    }
}
