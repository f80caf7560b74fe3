package io.xueliang.ingest.manscdp;

import java.util.Locale;
import java.util.Optional;

/** The {@code Event} of a catalog subscription notify item (GB/T 28181-2016 Appendix A). */
public enum CatalogEvent {
    ON, OFF, VLOST, DEFECT, ADD, DEL, UPDATE;

    static Optional<CatalogEvent> parse(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
