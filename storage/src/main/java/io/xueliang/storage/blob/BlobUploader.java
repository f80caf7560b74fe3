package io.xueliang.storage.blob;

import io.xueliang.media.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished files from local disk to the remote store, one at a time, in rounds on its {@link Scheduler}'s thread:
 *
 * <pre>
 *   queue.pending(batch) ──► for each: remote.put ──► queue.uploaded(location) ──► delete the local copy
 *                                        │ store away / refuses (retriable, access)
 *                                        └─► queue.failed, end the round, wait min..min(max, min·2^(n-1)) (full jitter)
 *                                        │ the file itself is bad (missing, wrong size or SHA-256)
 *                                        └─► queue.failed, go on with the next file
 * </pre>
 *
 * <p>Nothing is lost: the queue is the owner's durable record, the local copy is deleted only after the upload is
 * stored, checked and recorded, and a file whose upload did not get that far is offered again (the repeated put of a
 * file already stored is a no-op). A crash between recording and deleting leaves a local copy the index no longer
 * points at, never the reverse.
 *
 * <p>While the store is away every round ends at its first failure and the next waits longer, up to
 * {@link UploadPolicy#backoffMax()}; once a round gets through, the backlog drains in full batches back to back.
 */
public final class BlobUploader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlobUploader.class);

    /** Where the uploader is; changes only along {@link #ALLOWED}. */
    enum State { NEW, IDLE, RUNNING, BACKING_OFF, CLOSED }

    private static final Map<State, Set<State>> ALLOWED = Map.of(
            State.NEW, EnumSet.of(State.IDLE, State.CLOSED),
            State.IDLE, EnumSet.of(State.RUNNING, State.CLOSED),
            State.RUNNING, EnumSet.of(State.IDLE, State.BACKING_OFF, State.CLOSED),
            State.BACKING_OFF, EnumSet.of(State.RUNNING, State.CLOSED),
            State.CLOSED, EnumSet.noneOf(State.class));

    private enum Outcome { DRAINED, MORE, STORE_AWAY }

    private final BlobStore remote;
    private final UploadQueue queue;
    private final Scheduler scheduler;
    private final UploadPolicy policy;
    private final UploadBackoff backoff;
    private final UploadMetrics metrics = new UploadMetrics();

    private volatile State state = State.NEW;
    /** The next round's timer; touched on the scheduler's thread (and cancelled by {@link #close}). */
    private volatile Scheduler.Cancellable timer;
    private int failedRounds;

    public BlobUploader(BlobStore remote, UploadQueue queue, Scheduler scheduler, UploadPolicy policy,
                        RandomGenerator random) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.backoff = new UploadBackoff(policy.backoffMin(), policy.backoffMax(), random);
    }

    /** Starts the first round at once. */
    public void start() {
        if (transition(State.NEW, State.IDLE)) {
            timer = scheduler.schedule(Duration.ZERO, this::onTimer);
        }
    }

    /**
     * A file was added to the queue: start a round now unless one is running or the store is away (then the file waits
     * for the round already due, which keeps backoff intact).
     */
    public void wake() {
        scheduler.execute(() -> {
            if (state == State.IDLE) {
                Scheduler.Cancellable t = timer;
                if (t != null) {
                    t.cancel();
                }
                round();
            }
        });
    }

    public UploadMetrics metrics() {
        return metrics;
    }

    State state() {
        return state;
    }

    /** The delay the last backoff drew from: its upper bound for the current run of failed rounds. */
    Duration backoffBound() {
        return backoff.bound(Math.max(1, failedRounds));
    }

    private void onTimer() {
        State s = state;
        if (s == State.IDLE || s == State.BACKING_OFF) {
            round();
        }
    }

    private void round() {
        timer = null;
        if (!transition(state, State.RUNNING)) {
            return;
        }
        Outcome outcome = uploadBatch();
        switch (outcome) {
            case STORE_AWAY -> {
                failedRounds++;
                metrics.consecutiveFailedRounds(failedRounds);
                Duration delay = backoff.delay(failedRounds);
                if (transition(State.RUNNING, State.BACKING_OFF)) {
                    LOG.debug("blob store away for {} round(s); next try in {}", failedRounds, delay);
                    timer = scheduler.schedule(delay, this::onTimer);
                }
            }
            case MORE, DRAINED -> {
                if (failedRounds > 0) {
                    LOG.info("blob store {} reachable again after {} failed round(s)", remote.location(),
                            failedRounds);
                }
                failedRounds = 0;
                metrics.consecutiveFailedRounds(0);
                if (transition(State.RUNNING, State.IDLE)) {
                    timer = scheduler.schedule(outcome == Outcome.MORE ? Duration.ZERO : policy.idleInterval(),
                            this::onTimer);
                }
            }
        }
    }

    private Outcome uploadBatch() {
        List<PendingUpload> batch;
        try {
            metrics.pending(queue.pendingCount());
            batch = queue.pending(policy.batchSize());
        } catch (RuntimeException e) {
            LOG.warn("cannot read the upload queue; trying again later", e);
            return Outcome.STORE_AWAY;
        }
        int stored = 0;
        for (PendingUpload upload : batch) {
            if (state == State.CLOSED) {
                return Outcome.DRAINED;
            }
            try {
                remote.put(upload.key(), upload.file(), upload.size(), upload.sha256());
            } catch (RetriableBlobStoreException | BlobAccessException e) {
                metrics.retriableFailure();
                if (failedRounds == 0) {
                    LOG.warn("upload of {} to {} failed, will retry with backoff: {}", upload.key(),
                            remote.location(), e.getMessage());
                }
                report(upload, e);
                return Outcome.STORE_AWAY;
            } catch (RuntimeException e) {
                metrics.permanentFailure();
                LOG.warn("upload of {} ({}) failed and will not be retried: {}", upload.key(), upload.file(),
                        e.getMessage());
                report(upload, e);
                continue;
            }
            try {
                queue.uploaded(upload, remote.location());
            } catch (RuntimeException e) {
                // stored, but not recorded: keep the local copy; next time the put is a no-op and the record is retried
                LOG.warn("{} is stored in {} but could not be recorded; local copy kept", upload.key(),
                        remote.location(), e);
                return Outcome.STORE_AWAY;
            }
            metrics.uploaded(upload.size());
            stored++;
            deleteLocal(upload);
        }
        metrics.pending(Math.max(0, metrics.pending() - stored));
        // a full batch with nothing stored is a batch of bad files: look again after the idle wait, do not spin
        return batch.size() >= policy.batchSize() && stored > 0 ? Outcome.MORE : Outcome.DRAINED;
    }

    private void report(PendingUpload upload, Throwable cause) {
        try {
            queue.failed(upload, cause);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the failed upload of {}", upload.key(), e);
        }
    }

    private void deleteLocal(PendingUpload upload) {
        try {
            Files.deleteIfExists(upload.file());
        } catch (IOException e) {
            metrics.localDeleteFailure();
            LOG.warn("{} is uploaded but its local copy {} could not be deleted", upload.key(), upload.file(), e);
        }
    }

    private synchronized boolean transition(State from, State to) {
        if (state != from || !ALLOWED.get(from).contains(to)) {
            return false;
        }
        state = to;
        return true;
    }

    /** Stops scheduling rounds; a round in progress finishes the file it is on. */
    @Override
    public void close() {
        synchronized (this) {
            state = State.CLOSED;
        }
        Scheduler.Cancellable t = timer;
        if (t != null) {
            t.cancel();
        }
    }
}
