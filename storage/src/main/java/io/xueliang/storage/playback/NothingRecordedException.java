package io.xueliang.storage.playback;

import java.time.Instant;

/** No sample was recorded in [{@code from}, {@code to}): the whole range is a gap, and there is no MP4 to make. */
public final class NothingRecordedException extends RuntimeException {
    private final Instant from;
    private final Instant to;

    public NothingRecordedException(Instant from, Instant to) {
        super("nothing recorded from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }
}
