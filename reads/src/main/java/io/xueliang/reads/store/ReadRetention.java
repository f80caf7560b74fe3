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
 * evidence hold are kept, whatever their age, as its recordings are. What is kept of reads elsewhere (a watch list's
 * alerts: a plate at a place and time) goes by the same rules, through {@link RetainedRows}.
 */
public final class ReadRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ReadRetention.class);
    /** Reads deleted in one transaction: a few milliseconds of the writer. */
    static final int BATCH = 5_000;

    private final RetainedRows rows;
    private final String what;
    private final RetentionPolicy policy;
    private final Function<CameraId, List<HeldRange>> holds;
    private final InstantSource clock;

    /**
     * @param holds a camera's evidence holds now in force
     */
    public ReadRetention(ReadStore store, RetentionPolicy policy, Function<CameraId, List<HeldRange>> holds,
            InstantSource clock) {
        this(new RetainedRows() {
            @Override
            public List<CameraId> camerasWithRowsBefore(Instant before) {
                return store.camerasWithReadsBefore(before);
            }

            @Override
            public int deleteBefore(CameraId camera, Instant before, List<HeldRange> held, int limit) {
                return store.deleteBefore(camera, before, held, limit);
            }
        }, "plate read", policy, holds, clock);
    }

    /**
     * @param what  what a row is, for the log ("alert")
     * @param holds a camera's evidence holds now in force
     */
    public ReadRetention(RetainedRows rows, String what, RetentionPolicy policy,
            Function<CameraId, List<HeldRange>> holds, InstantSource clock) {
        this.rows = rows;
        this.what = what;
        this.policy = policy;
        this.holds = holds;
        this.clock = clock;
    }

    /** One pass over every camera with rows older than the shortest retention could allow; returns rows deleted. */
    public long sweep() {
        Instant now = clock.instant();
        long deleted = 0;
        // Every rule is at least a day: a camera with no read older than a day has nothing to delete.
        for (CameraId camera : rows.camerasWithRowsBefore(now.minus(java.time.Duration.ofDays(1)))) {
            Instant before = now.minus(policy.retention(camera));
            List<HeldRange> held = holds.apply(camera);
            int n;
            do {
                n = rows.deleteBefore(camera, before, held, BATCH);
                deleted += n;
            } while (n == BATCH);
        }
        if (deleted > 0) {
            LOG.info("read retention: {} {}(s) deleted", deleted, what);
        }
        return deleted;
    }
}
