package io.xueliang.ingest.supervisor;

import io.xueliang.config.UriRedaction;
import io.xueliang.ingest.wire.WireText;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.media.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every registered camera pulled. Each camera moves through
 * {@code STOPPED -> WAITING -> CONNECTING -> PLAYING}, and on any failure to {@code BACKOFF}, from
 * which it waits a jittered, exponentially growing delay (1 s to 60 s by default) before queueing
 * for a connection slot again. Slots come from one token bucket for the whole process. A watchdog
 * ends sessions that complete no video access unit for the no-data timeout. Cameras are added, changed and removed at run time without
 * touching the others.
 *
 * <p>All decisions are taken on the scheduler's thread; public methods may be called from any
 * thread.
 */
public final class CameraSupervisor implements CameraHealthSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraSupervisor.class);
    private static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(1);

    private final CameraSessionFactory sessions;
    private final SupervisorPolicy policy;
    private final Scheduler scheduler;
    private final InstantSource wallClock;
    private final Backoff backoff;
    private final ConnectRateLimiter limiter;
    private final ConcurrentMap<CameraId, SupervisedCamera> cameras = new ConcurrentHashMap<>();
    private Scheduler.Cancellable watchdog;
    private volatile boolean closed;

    public CameraSupervisor(CameraSessionFactory sessions, SupervisorPolicy policy, Scheduler scheduler,
            InstantSource wallClock, RandomGenerator random) {
        this.sessions = Objects.requireNonNull(sessions);
        this.policy = Objects.requireNonNull(policy);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.wallClock = Objects.requireNonNull(wallClock);
        this.backoff = new Backoff(policy.backoffMin(), policy.backoffMax(), random);
        this.limiter = new ConnectRateLimiter(scheduler, policy.connectAttemptsPerSecond());
        scheduler.execute(this::scheduleWatchdog);
    }

    /** Registers a camera, or replaces its registration; an enabled camera starts being pulled. */
    public void put(Camera camera) {
        scheduler.execute(() -> {
            SupervisedCamera existing = cameras.get(camera.id());
            if (existing == null) {
                SupervisedCamera c = new SupervisedCamera(camera, new CameraCounters(scheduler::nanoTime), scheduler.nanoTime());
                cameras.put(camera.id(), c);
                if (camera.enabled()) {
                    startWaiting(c);
                }
                return;
            }
            Camera old = existing.camera;
            existing.camera = camera;
            boolean reachChanged = !old.source().equals(camera.source()) || old.transport() != camera.transport()
                    || old.auth() != camera.auth();
            if (!camera.enabled()) {
                stop(existing, "disabled");
            } else if (existing.state() == CameraState.STOPPED) {
                existing.failures = 0;
                startWaiting(existing);
            } else if (reachChanged) {
                // A new address: drop the old session and try the new one straight away.
                stop(existing, "source changed");
                existing.failures = 0;
                startWaiting(existing);
            }
        });
    }

    /**
     * Tries the cameras waiting out a backoff that {@code which} picks at once, their failures forgotten: their source
     * came back (a GB/T 28181 device registered again), so the next attempt should not wait for the backoff.
     */
    public void retryNow(Predicate<Camera> which) {
        scheduler.execute(() -> {
            for (SupervisedCamera c : cameras.values()) {
                if (c.state() == CameraState.BACKOFF && c.pendingRetry != null && !c.removed && which.test(c.camera)) {
                    c.pendingRetry.cancel();
                    c.pendingRetry = null;
                    c.failures = 0;
                    startWaiting(c);
                }
            }
        });
    }

    /** Stops pulling a camera (TEARDOWN) and forgets it. */
    public void remove(CameraId id) {
        scheduler.execute(() -> {
            SupervisedCamera c = cameras.remove(id);
            if (c != null) {
                c.removed = true;
                stop(c, "removed");
            }
        });
    }

    public List<CameraId> cameraIds() {
        return cameras.keySet().stream().sorted().toList();
    }

    public Optional<CameraHealth> health(CameraId id) {
        SupervisedCamera c = cameras.get(id);
        return c == null ? Optional.empty() : Optional.of(snapshot(c));
    }

    @Override
    public Optional<CameraHealth> cameraHealth(CameraId id) {
        return health(id);
    }

    @Override
    public List<CameraHealth> cameraHealth() {
        List<CameraHealth> out = new ArrayList<>(cameras.size());
        for (SupervisedCamera c : cameras.values()) {
            out.add(snapshot(c));
        }
        out.sort((a, b) -> a.camera().compareTo(b.camera()));
        return out;
    }

    private CameraHealth snapshot(SupervisedCamera c) {
        long age = c.counters.lastFrameAgeNanos();
        Instant lastFrameAt = age < 0 ? null : wallClock.instant().minusNanos(age);
        return new CameraHealth(c.camera.id(), c.state(), c.counters.frames(), c.counters.bytes(),
                c.counters.rtpLost(), c.reconnects, lastFrameAt, c.lastError, c.counters.faults());
    }

    private void startWaiting(SupervisedCamera c) {
        long now = scheduler.nanoTime();
        c.moveTo(CameraState.WAITING, now);
        long generation = ++c.generation;
        Runnable attempt = () -> connect(c, generation);
        c.pendingAttempt = attempt;
        limiter.acquire(attempt);
    }

    private void connect(SupervisedCamera c, long generation) {
        if (c.generation != generation || c.state() != CameraState.WAITING) {
            return;
        }
        c.pendingAttempt = null;
        c.moveTo(CameraState.CONNECTING, scheduler.nanoTime());
        if (c.attempts++ > 0) {
            c.reconnects++;
        }
        c.counters.touch();
        CameraSessionListener listener = new CameraSessionListener() {
            @Override
            public void onPlaying() {
                scheduler.execute(() -> playing(c, generation));
            }

            @Override
            public void onClosed(Throwable cause) {
                scheduler.execute(() -> closed(c, generation, cause));
            }
        };
        try {
            c.session = sessions.open(c.camera, c.counters, listener);
        } catch (RuntimeException e) {
            closed(c, generation, e);
        }
    }

    private void playing(SupervisedCamera c, long generation) {
        if (c.generation != generation || c.state() != CameraState.CONNECTING) {
            return;
        }
        long now = scheduler.nanoTime();
        c.moveTo(CameraState.PLAYING, now);
        c.playingSinceNanos = now;
        if (c.failures > 0) {
            log.info("camera {} playing again after {} failed attempt(s)", c.camera.id(), c.failures);
        } else {
            log.info("camera {} playing {}", c.camera.id(), c.camera.redactedSource());
        }
    }

    private void closed(SupervisedCamera c, long generation, Throwable cause) {
        if (c.generation != generation) {
            return;
        }
        CameraState state = c.state();
        if (state != CameraState.CONNECTING && state != CameraState.PLAYING) {
            return;
        }
        long now = scheduler.nanoTime();
        c.session = null;
        if (state == CameraState.PLAYING && now - c.playingSinceNanos >= policy.stableAfter().toNanos()) {
            c.failures = 0;
        }
        c.failures++;
        String reason = cause == null ? "closed by camera" : describe(cause);
        // One line per attempt at most; repeats of the same failure go to debug.
        if (!reason.equals(c.lastError)) {
            log.warn("camera {} {}: {}", c.camera.id(), state == CameraState.PLAYING ? "lost" : "failed", reason);
        } else {
            log.debug("camera {} failed again ({}): {}", c.camera.id(), c.failures, reason);
        }
        c.lastError = reason;
        c.moveTo(CameraState.BACKOFF, now);
        if (closed) {
            return;
        }
        Duration delay = backoff.delay(c.failures);
        c.pendingRetry = scheduler.schedule(delay, () -> {
            if (c.generation == generation && c.state() == CameraState.BACKOFF && !c.removed) {
                c.pendingRetry = null;
                startWaiting(c);
            }
        });
    }

    private void stop(SupervisedCamera c, String why) {
        c.generation++;
        if (c.pendingAttempt != null) {
            limiter.cancel(c.pendingAttempt);
            c.pendingAttempt = null;
        }
        if (c.pendingRetry != null) {
            c.pendingRetry.cancel();
            c.pendingRetry = null;
        }
        if (c.session != null) {
            c.session.stop();
            c.session = null;
        }
        if (c.state() != CameraState.STOPPED) {
            c.moveTo(CameraState.STOPPED, scheduler.nanoTime());
            log.info("camera {} stopped: {}", c.camera.id(), why);
        }
    }

    private void scheduleWatchdog() {
        if (closed) {
            return;
        }
        watchdog = scheduler.schedule(WATCHDOG_PERIOD, () -> {
            sweep();
            scheduleWatchdog();
        });
    }

    /**
     * Ends sessions that assembled no video access unit for the no-data timeout: bytes are not
     * enough (fragments that never complete a frame, RTCP alone, packets of a foreign SSRC).
     */
    private void sweep() {
        long now = scheduler.nanoTime();
        long limit = policy.noDataTimeout().toNanos();
        for (SupervisedCamera c : cameras.values()) {
            CameraState s = c.state();
            if ((s == CameraState.CONNECTING || s == CameraState.PLAYING) && c.session != null) {
                long silent = now - c.counters.lastUnitNanos();
                if (silent >= limit) {
                    CameraSession session = c.session;
                    // closed() moves the camera to BACKOFF; the session's own onClosed, when it
                    // comes, finds it there and is ignored.
                    closed(c, c.generation, new NoDataException(Duration.ofNanos(silent)));
                    session.stop();
                }
            }
        }
    }

    /** The longest wait before the next attempt after {@code failures} consecutive failures. */
    public Duration backoffBound(int failures) {
        return backoff.bound(failures);
    }

    /**
     * The reason kept as {@code lastError} and logged: whatever the failure's message quotes (a URI
     * from a library's exception, text the camera sent) has its secrets masked and its control
     * characters escaped.
     */
    static String describe(Throwable cause) {
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + WireText.escape(UriRedaction.redact(m)));
    }

    /** Stops every camera (TEARDOWN) and waits up to {@code timeout} for that to be sent. */
    public void shutdown(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            closed = true;
            if (watchdog != null) {
                watchdog.cancel();
            }
            for (SupervisedCamera c : cameras.values()) {
                stop(c, "shutdown");
            }
            done.complete(null);
        });
        try {
            done.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("supervisor shutdown did not finish in {}", timeout);
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
