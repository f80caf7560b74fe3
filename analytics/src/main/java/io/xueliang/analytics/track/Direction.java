package io.xueliang.analytics.track;

import io.xueliang.analytics.image.Box;

/**
 * Which way a vehicle went, from its plate's motion in the picture. A checkpoint camera looks along the road from
 * above, so a plate coming closer moves down and grows, whether the camera sees fronts or rears.
 */
public enum Direction {
    /** Moving down the picture or growing: towards the camera. */
    APPROACHING,
    /** Moving up the picture or shrinking: away from the camera. */
    RECEDING,
    /** Crossing the picture towards its left edge without coming closer or going away. */
    LEFT,
    /** Crossing the picture towards its right edge. */
    RIGHT,
    /** Not moving enough to tell (a parked or queued vehicle). */
    STATIONARY;

    /** Displacement, in plate sides, below which a plate counts as standing. */
    static final double MIN_TRAVEL = 0.5;
    /** Area ratio beyond which growth or shrinking alone tells the direction. */
    static final double MIN_AREA_RATIO = 1.25;

    /** The direction from the first and the last box seen. */
    static Direction of(Box first, Box last) {
        double side = Math.sqrt(Math.max((first.area() + last.area()) / 2, 1));
        double dx = (last.centreX() - first.centreX()) / side;
        double dy = (last.centreY() - first.centreY()) / side;
        double growth = Math.log(Math.max(last.area(), 1) / Math.max(first.area(), 1));
        boolean sizeTells = Math.abs(growth) >= Math.log(MIN_AREA_RATIO);
        if (Math.abs(dx) >= MIN_TRAVEL && Math.abs(dx) > 2 * Math.abs(dy) && !sizeTells) {
            return dx < 0 ? LEFT : RIGHT;
        }
        if (Math.abs(dy) >= MIN_TRAVEL) {
            return dy > 0 ? APPROACHING : RECEDING;
        }
        if (sizeTells) {
            return growth > 0 ? APPROACHING : RECEDING;
        }
        return STATIONARY;
    }
}
