package io.xueliang.synth.scene;

import java.awt.geom.Point2D;

/**
 * A pinhole checkpoint camera above the middle of the road, pitched down, in the usual
 * road-surveillance pose: 6 m high, long focal length so plates are legible near the checkpoint line.
 *
 * <pre>
 *   camera (0, 6 m, 0) ---- pitch 18 deg ---->
 *        \
 *         \  ground: X to the right, Z along the road away from the camera, Y up
 *   ---------------[checkpoint line Z = 15 m]--------------------->
 * </pre>
 */
public final class RoadCamera {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    /** Distance of the virtual checkpoint line from the camera's foot, in metres. */
    public static final double CHECKPOINT_Z = 15.0;
    private static final double HEIGHT_M = 6.0;
    private static final double FOCAL_PX = 3200;
    private static final double PITCH = Math.atan(0.3362);

    private final double cos = Math.cos(PITCH);
    private final double sin = Math.sin(PITCH);

    /** Projects a world point (metres) to pixel coordinates. */
    public Point2D.Double project(double x, double y, double z) {
        double depth = depth(y, z);
        double down = (HEIGHT_M - y) * cos - z * sin;
        return new Point2D.Double(WIDTH / 2.0 + FOCAL_PX * x / depth, HEIGHT / 2.0 + FOCAL_PX * down / depth);
    }

    /** Pixels per metre for an object facing the camera at height y and distance z. */
    public double pixelsPerMetre(double y, double z) {
        return FOCAL_PX / depth(y, z);
    }

    private double depth(double y, double z) {
        return z * cos + (HEIGHT_M - y) * sin;
    }
}
