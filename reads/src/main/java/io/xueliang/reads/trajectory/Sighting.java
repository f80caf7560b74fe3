package io.xueliang.reads.trajectory;

import io.xueliang.reads.store.PlateSighting;

/**
 * One read of a trajectory, with what lies between it and the one before.
 *
 * @param read   the read
 * @param place  its camera's place, or null when the camera is no longer registered
 * @param metres great-circle distance from the previous sighting's camera, or null when this is the first sighting
 *        or either camera has no location
 * @param kmh    the speed that distance implies over the time between the two reads, or null as {@code metres}
 * @param cloned whether that speed is impossible for one vehicle: the plate is likely on two vehicles
 */
public record Sighting(PlateSighting read, CameraPlace place, Double metres, Double kmh, boolean cloned) {
}
