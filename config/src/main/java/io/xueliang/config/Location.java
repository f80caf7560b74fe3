package io.xueliang.config;

/**
 * Where a camera stands, in WGS 84 degrees; used for maps and for speeds between sightings.
 *
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 */
public record Location(double lat, double lon) {
    public Location {
        Require.between("lat", lat, -90, 90);
        Require.between("lon", lon, -180, 180);
    }
}
