package io.xueliang.media;

import java.util.concurrent.CompletableFuture;

/**
 * Steering the cameras that take it (GB/T 28181 channels: DeviceControl with a PTZCmd): moves and presets. The API
 * checks who may; this says whether the camera can, and sends the command.
 */
public interface PtzControl {
    /** No camera can be steered: a server without GB/T 28181. */
    PtzControl NONE = new PtzControl() {
        @Override
        public boolean steers(Camera camera) {
            return false;
        }

        @Override
        public CompletableFuture<Void> move(Camera camera, Move move) {
            return CompletableFuture.failedFuture(new IllegalStateException("camera " + camera.id()
                    + " cannot be steered"));
        }

        @Override
        public CompletableFuture<Void> preset(Camera camera, PresetAction action, int number) {
            return move(camera, Move.STOP);
        }
    };

    /**
     * A move until the next one: each axis -1, 0 or 1 (pan left/right, tilt down/up, zoom out/in), at a speed of
     * 1-255 ({@link #STOP} is all zero).
     */
    record Move(int pan, int tilt, int zoom, int speed) {
        public static final Move STOP = new Move(0, 0, 0, 0);

        public Move {
            if (Math.abs(pan) > 1 || Math.abs(tilt) > 1 || Math.abs(zoom) > 1 || speed < 0 || speed > 255) {
                throw new IllegalArgumentException("pan, tilt and zoom are -1, 0 or 1 and speed 0-255");
            }
        }

        public boolean stop() {
            return pan == 0 && tilt == 0 && zoom == 0;
        }
    }

    enum PresetAction { SET, CALL, DELETE }

    /** Whether {@code camera} can be steered through this server. */
    boolean steers(Camera camera);

    /** Sends a move; completes when the device took it, fails when it is unreachable or refused it. */
    CompletableFuture<Void> move(Camera camera, Move move);

    /** Sets, calls or deletes preset {@code number} (1-255). */
    CompletableFuture<Void> preset(Camera camera, PresetAction action, int number);
}
