package io.xueliang.reads.analysis;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs long analyses as jobs: a few worker threads, a bounded number of jobs kept, each with its progress, its
 * findings once done, and a cancel. The API polls a job and pages its findings; nothing here knows HTTP.
 *
 * <pre>
 *   submit(kind, work) ──► QUEUED ──► RUNNING (progress 0..1) ──► DONE (findings) | FAILED (error) | CANCELLED
 * </pre>
 */
public final class AnalysisJobs implements AutoCloseable {
    /** A job's state. */
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    private final ExecutorService workers;
    private final int maxJobs;
    private final int maxUnfinishedPerOwner;
    private final InstantSource clock;
    private final Map<UUID, Job> jobs = new LinkedHashMap<>();

    /**
     * @param workers               analyses run at once: each reads a window of the store, so few (the store has few
     *                              readers)
     * @param maxJobs               jobs kept, running or finished: the oldest finished make room; when all are
     *                              unfinished a new one is refused, which bounds the queue
     * @param maxUnfinishedPerOwner jobs one owner may have queued or running: one investigator's flood cannot take
     *                              the whole queue from the others
     */
    public AnalysisJobs(int workers, int maxJobs, int maxUnfinishedPerOwner, InstantSource clock) {
        if (workers < 1 || maxJobs < workers || maxUnfinishedPerOwner < 1 || maxUnfinishedPerOwner > maxJobs) {
            throw new IllegalArgumentException("workers must be 1 or more, maxJobs at least workers and"
                    + " maxUnfinishedPerOwner 1 to maxJobs, got " + workers + ", " + maxJobs + " and "
                    + maxUnfinishedPerOwner);
        }
        this.workers = Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name("analysis-", 0)
                .factory());
        this.maxJobs = maxJobs;
        this.maxUnfinishedPerOwner = maxUnfinishedPerOwner;
        this.clock = clock;
    }

    /**
     * Queues {@code owner}'s {@code work}, which runs with the job's {@link Progress}.
     *
     * @throws IllegalStateException when {@code maxJobs} jobs are unfinished, or {@code maxUnfinishedPerOwner} of
     *                               {@code owner}'s
     */
    public synchronized Job submit(String owner, String kind, Function<Progress, Findings<?>> work) {
        long ownersUnfinished = jobs.values().stream().filter(j -> j.finished() == null && j.owner.equals(owner))
                .count();
        if (ownersUnfinished >= maxUnfinishedPerOwner) {
            throw new IllegalStateException("you have " + ownersUnfinished + " analyses queued or running, the most"
                    + " one user may; wait for one to finish or cancel one");
        }
        if (jobs.size() >= maxJobs) {
            List<UUID> finished = new ArrayList<>();
            jobs.forEach((id, j) -> {
                if (j.finished() != null) {
                    finished.add(id);
                }
            });
            if (finished.isEmpty()) {
                throw new IllegalStateException(maxJobs + " analyses are queued or running; try again later");
            }
            jobs.remove(finished.getFirst());
        }
        Job job = new Job(UUID.randomUUID(), owner, kind, clock.instant());
        jobs.put(job.id, job);
        workers.execute(() -> job.run(work));
        return job;
    }

    public synchronized Optional<Job> get(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Asks a job to stop; a queued one never starts. Returns false when there is no such job. */
    public synchronized boolean cancel(UUID id) {
        Job job = jobs.get(id);
        if (job == null) {
            return false;
        }
        job.cancelled = true;
        return true;
    }

    @Override
    public void close() {
        synchronized (this) {
            jobs.values().forEach(j -> j.cancelled = true);
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One analysis run. */
    public final class Job {
        private final UUID id;
        private final String owner;
        private final String kind;
        private final Instant submitted;
        private volatile State state = State.QUEUED;
        private volatile double progress;
        private volatile boolean cancelled;
        private volatile Findings<?> findings;
        private volatile String error;
        private volatile Instant finished;
        private final java.util.concurrent.CompletableFuture<Job> ended = new java.util.concurrent.CompletableFuture<>();

        private Job(UUID id, String owner, String kind, Instant submitted) {
            this.id = id;
            this.owner = owner;
            this.kind = kind;
            this.submitted = submitted;
        }

        private void run(Function<Progress, Findings<?>> work) {
            if (cancelled) {
                end(State.CANCELLED);
                return;
            }
            state = State.RUNNING;
            try {
                findings = work.apply(new Progress() {
                    @Override
                    public void done(double fraction) {
                        progress = Math.max(0, Math.min(1, fraction));
                    }

                    @Override
                    public boolean cancelled() {
                        return cancelled;
                    }
                });
                progress = 1;
                end(State.DONE);
            } catch (CancellationException e) {
                end(State.CANCELLED);
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                end(State.FAILED);
            }
        }

        private void end(State s) {
            finished = clock.instant();
            state = s;
            ended.complete(this);
        }

        /** Completes with this job when it has ended, however. */
        public java.util.concurrent.CompletableFuture<Job> ended() {
            return ended;
        }

        public UUID id() {
            return id;
        }

        /** Who started it. */
        public String owner() {
            return owner;
        }

        public String kind() {
            return kind;
        }

        public Instant submitted() {
            return submitted;
        }

        public State state() {
            return state;
        }

        /** Fraction done, 0..1. */
        public double progress() {
            return progress;
        }

        /** The findings, once {@link State#DONE}. */
        public Optional<Findings<?>> findings() {
            return Optional.ofNullable(findings);
        }

        /** Why it failed, once {@link State#FAILED}. */
        public Optional<String> error() {
            return Optional.ofNullable(error);
        }

        /** When it ended, or null while queued or running. */
        public Instant finished() {
            return finished;
        }
    }
}
