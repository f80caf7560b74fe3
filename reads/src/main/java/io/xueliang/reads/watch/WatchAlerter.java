package io.xueliang.reads.watch;

import io.xueliang.media.CameraId;
import io.xueliang.media.EventBus;
import io.xueliang.media.PlateRead;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber of the {@code plate-reads} topic that raises the alerts: each read is matched against the active watch
 * lists ({@link Watchlists#matcher()}); a list matching a read of a camera in its owner's regions gets an alert, stored
 * ({@link WatchStore#raise}) and, when new, published on the {@link PlateAlert#TOPIC} topic for the live streams.
 *
 * <p>Losing no read: it runs on the bus's delivery thread for this subscription (the bus queues what comes meanwhile,
 * and makes the publisher wait when that queue is full); a read whose alert cannot be stored (disk full, store busy)
 * is tried again, with growing pauses, until it is. Delivering a read twice raises one alert per list: the store keeps
 * one per (read, list), and only a new one is published.
 */
public final class WatchAlerter implements Consumer<PlateRead>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchAlerter.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final Watchlists lists;
    private final WatchStore store;
    private final EventBus<PlateAlert> alerts;
    private final Function<CameraId, List<String>> regions;
    private final InstantSource clock;
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param regions a camera's region path (empty when the camera is unknown); asked only for reads that match
     */
    public WatchAlerter(Watchlists lists, WatchStore store, EventBus<PlateAlert> alerts,
            Function<CameraId, List<String>> regions, InstantSource clock) {
        this.lists = lists;
        this.store = store;
        this.alerts = alerts;
        this.regions = regions;
        this.clock = clock;
    }

    @Override
    public void accept(PlateRead read) {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                raise(read);
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                if (closed) {
                    LOG.error("closing: the alerts of read {} ({}) are not stored: {}", read.id(), read.normalised(),
                            e.toString());
                    return;
                }
                LOG.warn("the alerts of read {} are not stored yet ({}); trying again in {} ms", read.id(),
                        e.toString(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    LOG.error("interrupted: the alerts of read {} are not stored", read.id());
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
    }

    private void raise(PlateRead read) {
        Instant now = clock.instant();
        List<WatchMatcher.Match> matches = lists.matcher().match(read.normalised(), now);
        if (matches.isEmpty()) {
            return;
        }
        List<String> region = regions.apply(read.camera());
        for (WatchMatcher.Match m : matches) {
            Watchlist list = m.list();
            if (!RegionPaths.covers(list.owner().regions(), region)) {
                continue;
            }
            Optional<PlateAlert> stored = store.raise(new PlateAlert(0, read.id(), read.text(), read.normalised(),
                    read.camera(), region, read.time(), list.id(), list.name(), list.reason(), list.caseReference(),
                    m.entry().normalised(), now, null, null, null));
            if (stored.isPresent()) {
                raised.incrementAndGet();
                LOG.info("alert {}: plate {} at camera {} matches watch list {} ({})", stored.get().id(),
                        read.normalised(), read.camera().value(), list.id(), list.name());
                alerts.publish(PlateAlert.TOPIC, stored.get());
            } else {
                repeated.incrementAndGet();
            }
        }
    }

    /** Alerts raised since start. */
    public long raised() {
        return raised.get();
    }

    /** Matches of reads delivered again, which raised no second alert. */
    public long repeated() {
        return repeated.get();
    }

    /** Attempts to store alerts that failed and were made again. */
    public long failures() {
        return failures.get();
    }

    /** Stops retrying: a read whose alerts cannot be stored now is given up with an error in the log. */
    @Override
    public void close() {
        closed = true;
    }
}
