package io.xueliang.reads.trajectory;

import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.PlateSighting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a plate's trajectory from the store's sightings and the cameras' places. Between consecutive sightings at
 * cameras with locations it computes the great-circle distance and the speed it implies, and flags the pair as a
 * cloned plate when that speed is above the configured threshold ({@code reads.cloneSpeedKmh}) over at least
 * {@link #MIN_CLONE_METRES}: two cameras a few hundred metres apart may see one pass a second apart (clocks differ,
 * one camera reads late), which is no evidence of two vehicles.
 */
public final class TrajectoryBuilder {
    /** Sightings one trajectory holds: a year of a commuter is under 3,000; this bounds one answer's memory. */
    public static final int MAX_SIGHTINGS = 10_000;
    /** Jumps shorter than this are not flagged, however fast they look (see the class comment). */
    public static final double MIN_CLONE_METRES = 1_000;
    /** Reads closer in time than this are taken as this far apart: two reads in one instant give no speed. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final CameraPlaces places;
    private final double cloneSpeedKmh;

    /** @param cloneSpeedKmh speeds above this, in km/h, flag a cloned plate */
    public TrajectoryBuilder(CameraPlaces places, double cloneSpeedKmh) {
        if (!(cloneSpeedKmh > 0)) {
            throw new IllegalArgumentException("clone speed must be positive, got " + cloneSpeedKmh);
        }
        this.places = places;
        this.cloneSpeedKmh = cloneSpeedKmh;
    }

    /** The plate's trajectory in {@code [from, to)} at {@code cameras}, from {@code store}. */
    public Trajectory trajectory(ReadStore store, String plate, Instant from, Instant to, CameraSet cameras) {
        List<PlateSighting> reads = store.sightings(plate, from, to, cameras, MAX_SIGHTINGS + 1);
        boolean truncated = reads.size() > MAX_SIGHTINGS;
        return build(plate, truncated ? reads.subList(0, MAX_SIGHTINGS) : reads, truncated);
    }

    /** The trajectory of {@code reads}, oldest first. */
    public Trajectory build(String plate, List<PlateSighting> reads, boolean truncated) {
        Map<CameraId, Optional<CameraPlace>> known = new HashMap<>();
        List<Sighting> out = new ArrayList<>(reads.size());
        PlateSighting previous = null;
        CameraPlace previousPlace = null;
        for (PlateSighting r : reads) {
            CameraPlace place = known.computeIfAbsent(r.camera(), places::place).orElse(null);
            Double metres = null;
            Double kmh = null;
            boolean cloned = false;
            if (previous != null && located(previousPlace) && located(place)) {
                metres = GreatCircle.metres(previousPlace.location(), place.location());
                Duration between = Duration.between(previous.time(), r.time());
                double seconds = Math.max(between.toNanos(), MIN_INTERVAL.toNanos()) / 1e9;
                kmh = metres / seconds * 3.6;
                cloned = kmh > cloneSpeedKmh && metres >= MIN_CLONE_METRES;
            }
            out.add(new Sighting(r, place, metres, kmh, cloned));
            previous = r;
            previousPlace = place;
        }
        return new Trajectory(plate, out, truncated);
    }

    private static boolean located(CameraPlace place) {
        return place != null && place.location() != null;
    }
}
