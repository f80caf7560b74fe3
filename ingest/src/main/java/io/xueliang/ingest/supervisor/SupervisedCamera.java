package io.xueliang.ingest.supervisor;

import io.xueliang.media.Camera;
import io.xueliang.media.CameraState;
import io.xueliang.media.Scheduler;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One camera's place in the supervisor: its state, its current session and its failure count.
 * Only the supervisor thread touches it, apart from the counters.
 */
final class SupervisedCamera {
    /** Allowed transitions; anything else is a bug and throws. */
    private static final Map<CameraState, Set<CameraState>> ALLOWED = Map.of(
            CameraState.STOPPED, EnumSet.of(CameraState.WAITING),
            CameraState.WAITING, EnumSet.of(CameraState.CONNECTING, CameraState.STOPPED),
            CameraState.CONNECTING, EnumSet.of(CameraState.PLAYING, CameraState.BACKOFF, CameraState.STOPPED),
            CameraState.PLAYING, EnumSet.of(CameraState.BACKOFF, CameraState.STOPPED),
            CameraState.BACKOFF, EnumSet.of(CameraState.WAITING, CameraState.STOPPED));

    Camera camera;
    final CameraCounters counters;
    private CameraState state = CameraState.STOPPED;
    long stateSinceNanos;
    /** Identifies the current session so that callbacks of an old one are ignored. */
    long generation;
    CameraSession session;
    Runnable pendingAttempt;
    Scheduler.Cancellable pendingRetry;
    int failures;
    long attempts;
    long reconnects;
    long playingSinceNanos;
    String lastError;
    boolean removed;

    SupervisedCamera(Camera camera, CameraCounters counters, long now) {
        this.camera = camera;
        this.counters = counters;
        this.stateSinceNanos = now;
    }

    CameraState state() {
        return state;
    }

    void moveTo(CameraState next, long now) {
        if (!ALLOWED.get(state).contains(next)) {
            throw new IllegalStateException(camera.id() + ": " + state + " -> " + next + " is not allowed");
        }
        state = next;
        stateSinceNanos = now;
    }
}
