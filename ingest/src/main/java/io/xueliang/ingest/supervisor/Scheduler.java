package io.xueliang.ingest.supervisor;

import java.time.Duration;

/**
 * The single thread on which supervision decisions are taken, and its clock. Tests use a manual
 * scheduler whose time moves only when the test moves it.
 */
public interface Scheduler {
    /** Monotonic time in nanoseconds, for timeouts and ages. */
    long nanoTime();

    /** Runs {@code task} on the supervisor thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the supervisor thread as soon as possible. */
    void execute(Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }
}
