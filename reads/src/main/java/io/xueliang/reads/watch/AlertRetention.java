package io.xueliang.reads.watch;

import io.xueliang.media.CameraId;
import io.xueliang.media.RetentionPolicy;
import io.xueliang.reads.store.HeldRange;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes alerts whose read is past its camera's read retention ({@code reads.retentionDays}, {@code reads.retention}):
 * an alert names a plate at a place and time, as the read does, and is kept no longer. Alerts in the range of one of
 * the camera's evidence holds stay, as its reads do. Small transactions, as read retention's.
 */
public final class AlertRetention {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRetention.class);
    /** Alerts deleted in one transaction. */
    static final int BATCH = 5_000;

    private final WatchStore store;
    private final RetentionPolicy policy;
    private final Function<CameraId, List<HeldRange>> holds;
    private final InstantSource clock;

    /** @param holds a camera's evidence holds now in force */
    public AlertRetention(WatchStore store, RetentionPolicy policy, Function<CameraId, List<HeldRange>> holds,
            InstantSource clock) {
        this.store = store;
        this.policy = policy;
        this.holds = holds;
        this.clock = clock;
    }

    /** One pass; returns the alerts deleted. */
    public long sweep() {
        Instant now = clock.instant();
        long deleted = 0;
        // Every rule is at least a day.
        for (CameraId camera : store.camerasWithAlertsBefore(now.minus(Duration.ofDays(1)))) {
            Instant before = now.minus(policy.retention(camera));
            List<HeldRange> held = holds.apply(camera);
            int n;
            do {
                n = store.deleteAlertsBefore(camera, before, held, BATCH);
                deleted += n;
            } while (n == BATCH);
        }
        if (deleted > 0) {
            LOG.info("alert retention: {} alert(s) deleted", deleted);
        }
        return deleted;
    }
}
