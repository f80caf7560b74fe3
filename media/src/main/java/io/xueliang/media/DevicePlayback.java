package io.xueliang.media;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Playing what a camera's own device recorded (GB/T 28181 {@code s=Playback}): the device streams its recording
 * into a hub of its own, from which a viewer is sent it like live video; pause, resume at a speed and seek go to the
 * device (MANSRTSP), where it supports them. The API checks who may; this says whether the camera's device can, and
 * asks it.
 */
public interface DevicePlayback {
    /** The longest range one playback may ask. */
    Duration MAX_RANGE = Duration.ofDays(1);

    /** No camera's device can play: a server without GB/T 28181. */
    DevicePlayback NONE = new DevicePlayback() {
        @Override
        public boolean plays(Camera camera) {
            return false;
        }

        @Override
        public CompletableFuture<Session> open(Camera camera, Instant from, Instant to, CameraId feed) {
            return CompletableFuture.failedFuture(new IllegalStateException("camera " + camera.id()
                    + " has no device to play"));
        }
    };

    /** Whether the camera's device can be asked to play (a GB/T 28181 channel). */
    boolean plays(Camera camera);

    /**
     * Asks the device to play {@code camera}'s recording over {@code [from, to)} into the hub of {@code feed};
     * completes once the device answered, fails when it is offline, refused or did not answer.
     */
    CompletableFuture<Session> open(Camera camera, Instant from, Instant to, CameraId feed);

    /** A playback under way. Controls complete when the device took them, and fail when it refused. */
    interface Session {
        CompletableFuture<Void> pause();

        /** Plays on at {@code scale} times real time (0.25-8). */
        CompletableFuture<Void> play(double scale);

        /** Goes to {@code offset} after the start of the range. */
        CompletableFuture<Void> seek(Duration offset);

        /** Ends the playback (BYE); idempotent. */
        void close();

        /** Completes, with why, when the playback ended: the recording's end, the device's BYE, or {@link #close}. */
        CompletableFuture<String> ended();
    }
}
