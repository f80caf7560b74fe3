package io.xueliang.storage.blob;

import java.time.Duration;

/**
 * The one thread the uploader runs on, and its timer. Uploads block on disk and network, so this is a thread of its
 * own, never an event loop. Tests use a manual scheduler whose time moves only when the test moves it.
 */
public interface Scheduler {
    /** Runs {@code task} on the scheduler's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler's thread as soon as possible. */
    void execute(Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }
}
