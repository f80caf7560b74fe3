package io.xueliang.ingest.gb28181;

import io.xueliang.config.Location;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the platform asks the rest of the process when it answers a superior platform (cascade): which cameras a
 * superior may see, and what of a camera is recorded. Answered off the signalling thread (a registry or index read);
 * the futures complete on any thread.
 */
public interface GbSharedCameras {
    /** At most this many recordings in one answer to a superior's RecordInfo. */
    int MAX_SPANS = 2_000;

    /**
     * A camera a superior may see.
     *
     * @param location null when unknown
     * @param online   whether it is enabled and its video arrives now
     */
    record Shared(CameraId id, String name, List<String> region, Location location, boolean online) {
        public Shared {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            region = List.copyOf(region);
        }
    }

    /** A stretch of continuous recording. */
    record Span(Instant start, Instant end) {
    }

    /**
     * The cameras standing in one of the {@code regions} (each a path, the region and everything under it), by id.
     * No region: none.
     */
    CompletableFuture<List<Shared>> cameras(List<List<String>> regions);

    /** The recorded stretches of {@code camera} overlapping {@code [from, to)}, oldest first, at most {@link #MAX_SPANS}. */
    CompletableFuture<List<Span>> recordings(CameraId camera, Instant from, Instant to);

    /** A camera's recorded video read in order; blocking reads, one reader at a time. */
    interface RecordedVideo {
        /** The next video unit, or null at the end. */
        AccessUnit next() throws IOException;
    }

    /**
     * The recorded video of {@code camera} from the keyframe at or before {@code from} to {@code to}; blocks (an index
     * read), so called on a thread of the stream's own. Nothing recorded: a video that ends at once.
     */
    RecordedVideo open(CameraId camera, Instant from, Instant to) throws IOException;
}
