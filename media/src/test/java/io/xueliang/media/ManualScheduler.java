package io.xueliang.media;

import java.time.Duration;
import java.util.Optional;
import java.util.PriorityQueue;

/** A {@link Scheduler} whose time moves only when the test calls {@link #advance}; tasks run on the test's thread. */
public final class ManualScheduler implements Scheduler {
    private record Task(long due, long order, Runnable run, boolean[] cancelled) { }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + delay.toNanos(), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** How long until the next task that is still wanted, if any. */
    public synchronized Optional<Duration> nextDueIn() {
        tasks.removeIf(t -> t.cancelled[0]);
        Task next = tasks.peek();
        return next == null ? Optional.empty() : Optional.of(Duration.ofNanos(next.due - now));
    }

    /** Runs what is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.due);
            }
            if (!next.cancelled[0]) {
                next.run.run();
            }
        }
    }
}
