package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import io.xueliang.media.RetentionPolicy;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes plate reads past their camera's retention ({@code reads.retentionDays} and {@code reads.retention}), in
 * small transactions so that the store's writer keeps taking new reads meanwhile. A camera's reads in the range of an
 * evidence hold are kept, whatever their age, as its recordings are.
 */
public final class ReadRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ReadRetention.class);
    /** Reads deleted in one transaction: a few milliseconds of the writer. */
    static final int BATCH = 5_000;

    private final ReadStore store;
    private final RetentionPolicy policy;
    private final Function<CameraId, List<HeldRange>> holds;
    private final InstantSource clock;

    /**
     * @param holds a camera's evidence holds now in force
     */
    public ReadRetention(ReadStore store, RetentionPolicy policy, Function<CameraId, List<HeldRange>> holds,
            InstantSource clock) {
        this.store = store;
        this.policy = policy;
        this.holds = holds;
        this.clock = clock;
    }

    /** One pass over every camera with reads older than the shortest retention could allow; returns reads deleted. */
    public long sweep() {
        Instant now = clock.instant();
        long deleted = 0;
        // Every rule is at least a day: a camera with no read older than a day has nothing to delete.
        for (CameraId camera : store.camerasWithReadsBefore(now.minus(java.time.Duration.ofDays(1)))) {
            Instant before = now.minus(policy.retention(camera));
            List<HeldRange> held = holds.apply(camera);
            int n;
            do {
                n = store.deleteBefore(camera, before, held, BATCH);
                deleted += n;
            } while (n == BATCH);
        }
        if (deleted > 0) {
            LOG.info("read retention: {} plate read(s) deleted", deleted);
        }
        return deleted;
    }
}
