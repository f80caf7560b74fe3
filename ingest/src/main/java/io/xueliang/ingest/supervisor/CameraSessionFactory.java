package io.xueliang.ingest.supervisor;

import io.xueliang.media.Camera;

/** Starts sessions; the RTSP implementation lives in the ingest session package. */
public interface CameraSessionFactory {
    /**
     * Starts pulling {@code camera}: the session publishes what it receives to the camera's hub,
     * counts it on {@code counters} and reports its life to {@code listener}. Must not block.
     */
    CameraSession open(Camera camera, CameraCounters counters, CameraSessionListener listener);
}
