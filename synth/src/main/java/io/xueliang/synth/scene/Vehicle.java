package io.xueliang.synth.scene;

import io.xueliang.synth.plate.PlateSpec;
import java.awt.Color;

/**
 * One vehicle of the traffic plan. Its position is a function of the loop time: the visible face
 * (front when approaching, rear when receding) crosses the checkpoint line at {@code crossSeconds}
 * of every loop.
 *
 * @param id 1-based number in crossing order
 * @param plate the plate it carries
 * @param kind body shape
 * @param body body colour
 * @param direction travel direction
 * @param laneX lateral lane centre in metres, positive to the camera's right
 * @param speed metres per second along the road
 * @param crossSeconds loop time in seconds at which the plate crosses the checkpoint line
 */
public record Vehicle(int id, PlateSpec plate, VehicleKind kind, Color body, Direction direction, double laneX,
        double speed, double crossSeconds) {
}
