package io.xueliang.reads.trajectory;

import io.xueliang.config.Location;
import java.util.List;

/**
 * Where a camera is, as a trajectory shows it.
 *
 * @param name     its name
 * @param region   its region path from the top
 * @param location where it stands, or null when the camera has no location configured
 */
public record CameraPlace(String name, List<String> region, Location location) {
    public CameraPlace {
        region = List.copyOf(region);
    }
}
