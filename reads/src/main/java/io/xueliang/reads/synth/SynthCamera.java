package io.xueliang.reads.synth;

import io.xueliang.media.CameraId;
import io.xueliang.reads.analysis.GeoPoint;
import io.xueliang.reads.ring.BoundaryCheckpoint;

/**
 * A checkpoint camera of the synthetic county.
 *
 * @param id         its id
 * @param position   where it stands
 * @param checkpoint how it guards the county boundary (region {@link RoadGraph#COUNTY}), or null for a camera inside
 */
public record SynthCamera(CameraId id, GeoPoint position, BoundaryCheckpoint checkpoint) {
    public boolean boundary() {
        return checkpoint != null;
    }
}
