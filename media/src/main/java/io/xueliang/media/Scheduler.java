package io.xueliang.media;

import java.time.Duration;

/**
 * One thread on which a component takes its decisions (camera supervision, uploads), and that thread's clock
 * and timer. Tasks may block only where the component says so; none of them runs on an event loop. Tests use a
 * manual scheduler whose time moves only when the test moves it.
 */
public interface Scheduler {
    /** Monotonic time in nanoseconds, for timeouts and ages. */
    long nanoTime();

    /** Runs {@code task} on the scheduler's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler's thread as soon as possible. */
    void execute(Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }
}
