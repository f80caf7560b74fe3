package io.xueliang.reads.ring;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import java.util.List;

/**
 * A camera on the boundary of a region node (a county, a township), and which way a vehicle passing it travels when
 * it enters the region and when it leaves it. The directions are those plate reading reports for the camera's view
 * ({@link PlateRead.Direction}): a camera facing out of the county sees entering vehicles approach.
 *
 * @param camera   the checkpoint camera
 * @param region   the region it guards, county first
 * @param entering the direction of a vehicle entering the region
 * @param leaving  the direction of a vehicle leaving it
 */
public record BoundaryCheckpoint(CameraId camera, List<String> region, PlateRead.Direction entering,
        PlateRead.Direction leaving) {
    /** Depth of a region path: county, township, village and a little more. */
    public static final int MAX_REGION_DEPTH = 8;

    public BoundaryCheckpoint {
        region = List.copyOf(region);
        if (region.isEmpty() || region.size() > MAX_REGION_DEPTH) {
            throw new IllegalArgumentException("region: a path of 1-" + MAX_REGION_DEPTH + " names, got " + region);
        }
        if (entering == leaving) {
            throw new IllegalArgumentException("leaving: must differ from entering (" + entering + ")");
        }
        if (entering == PlateRead.Direction.STATIONARY || leaving == PlateRead.Direction.STATIONARY) {
            throw new IllegalArgumentException("entering and leaving: a direction of travel, not STATIONARY");
        }
    }

    /** Whether a read here in {@code direction} is an entry (true), an exit (false), or neither (null). */
    public Boolean entry(PlateRead.Direction direction) {
        return direction == entering ? Boolean.TRUE : direction == leaving ? Boolean.FALSE : null;
    }
}
