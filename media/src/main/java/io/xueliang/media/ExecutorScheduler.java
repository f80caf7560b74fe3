package io.xueliang.media;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link Scheduler}: one daemon platform thread. A task that throws is logged and the thread carries
 * on, so one bug (one camera's handling, one upload) cannot stop every later task or a periodic chain.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);
    private final ScheduledExecutorService executor;
    private final String threadName;

    public ExecutorScheduler(String threadName) {
        this.threadName = threadName;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a task on {} failed; the thread carries on", threadName, e);
            }
        };
    }

    /** Stops the thread after the task it is running, if any; waits up to {@code timeout} for that. */
    public void close(Duration timeout) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
