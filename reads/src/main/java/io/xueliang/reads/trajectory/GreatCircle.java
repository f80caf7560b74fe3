package io.xueliang.reads.trajectory;

import io.xueliang.config.Location;

/**
 * Distances on the earth by the haversine formula on a sphere of the mean radius: within 0.5 % of the ellipsoid's,
 * which is far finer than a camera's position or a road's bends.
 */
public final class GreatCircle {
    /** The earth's mean radius (IUGG), metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private GreatCircle() {
    }

    /** Metres between {@code a} and {@code b} along the surface. */
    public static double metres(Location a, Location b) {
        double lat1 = Math.toRadians(a.lat());
        double lat2 = Math.toRadians(b.lat());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
