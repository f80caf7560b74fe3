package io.xueliang.reads.analysis;

import io.xueliang.media.CameraId;
import java.util.Optional;

/** Where cameras stand, as the camera registry knows it: what turns two sightings into a speed. */
@FunctionalInterface
public interface CameraPositions {
    /** The camera's position, or empty when none is configured (its sightings are then not compared). */
    Optional<GeoPoint> position(CameraId camera);
}
