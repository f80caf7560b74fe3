package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.PtzCommand;
import io.xueliang.media.Camera;
import io.xueliang.media.PtzControl;
import java.util.concurrent.CompletableFuture;

/** PTZ of GB/T 28181 channels: a move or preset as the 8-byte PTZCmd of Appendix A.3, in a DeviceControl. */
public final class GbPtzControl implements PtzControl {
    private final GbPlatform platform;

    public GbPtzControl(GbPlatform platform) {
        this.platform = platform;
    }

    @Override
    public boolean steers(Camera camera) {
        return GbChannelAddress.of(camera.source()).isPresent();
    }

    @Override
    public CompletableFuture<Void> move(Camera camera, Move move) {
        return send(camera, command(move));
    }

    @Override
    public CompletableFuture<Void> preset(Camera camera, PresetAction action, int number) {
        return send(camera, switch (action) {
            case SET -> PtzCommand.presetSet(number);
            case CALL -> PtzCommand.presetCall(number);
            case DELETE -> PtzCommand.presetDelete(number);
        });
    }

    /** The PTZCmd of a move: directions by sign, the one speed on every moving axis (zoom speed is 4 bits). */
    static PtzCommand command(Move move) {
        if (move.stop()) {
            return PtzCommand.stop();
        }
        PtzCommand.Pan pan = move.pan() < 0 ? PtzCommand.Pan.LEFT : move.pan() > 0 ? PtzCommand.Pan.RIGHT
                : PtzCommand.Pan.NONE;
        PtzCommand.Tilt tilt = move.tilt() < 0 ? PtzCommand.Tilt.DOWN : move.tilt() > 0 ? PtzCommand.Tilt.UP
                : PtzCommand.Tilt.NONE;
        PtzCommand.Zoom zoom = move.zoom() < 0 ? PtzCommand.Zoom.OUT : move.zoom() > 0 ? PtzCommand.Zoom.IN
                : PtzCommand.Zoom.NONE;
        int speed = Math.max(1, move.speed());
        return PtzCommand.move(pan, tilt, zoom, speed, speed, Math.max(1, speed >> 4));
    }

    private CompletableFuture<Void> send(Camera camera, PtzCommand command) {
        return GbChannelAddress.of(camera.source()).map(channel -> platform.control(channel, command))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("camera " + camera.id()
                        + " is no GB/T 28181 channel")));
    }
}
