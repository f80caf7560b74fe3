package io.xueliang.reads.trajectory;

import io.xueliang.media.CameraId;
import java.util.Optional;

/** Where cameras are: the camera registry, seen from the reads module without depending on storage. */
@FunctionalInterface
public interface CameraPlaces {
    /** The camera's place, or empty when the camera is no longer registered. */
    Optional<CameraPlace> place(CameraId camera);
}
