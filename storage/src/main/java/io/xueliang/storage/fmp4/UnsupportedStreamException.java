package io.xueliang.storage.fmp4;

import io.xueliang.media.StreamDescription;

/**
 * A stream the writer cannot put in an MP4 sample entry: a codec that cannot be a segment's track, a missing or
 * unreadable parameter set, or a value outside what the sample entry can hold.
 */
public class UnsupportedStreamException extends IllegalArgumentException {
    private final transient StreamDescription description;
    private final String problem;

    public UnsupportedStreamException(StreamDescription description, String problem) {
        super(problem + " (" + description + ")");
        this.description = description;
        this.problem = problem;
    }

    public StreamDescription description() {
        return description;
    }

    public String problem() {
        return problem;
    }
}
