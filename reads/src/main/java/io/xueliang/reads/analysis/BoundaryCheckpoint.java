package io.xueliang.reads.analysis;

import io.xueliang.media.PlateRead;

/**
 * How a camera guards the edge of an area (进县留影、出县留踪): which direction of travel past it means entering the
 * area and which leaving.
 *
 * @param entering the direction a vehicle entering the area moves past the camera
 * @param leaving  the direction a vehicle leaving it moves
 */
public record BoundaryCheckpoint(PlateRead.Direction entering, PlateRead.Direction leaving) {
    public BoundaryCheckpoint {
        if (entering == null || leaving == null || entering == leaving) {
            throw new IllegalArgumentException("a checkpoint's entering and leaving directions must differ, got "
                    + entering + " and " + leaving);
        }
    }
}
