package io.xueliang.synth.scene;

import io.xueliang.synth.plate.PlateSpec;
import io.xueliang.synth.plate.PlateType;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The seeded traffic of one loop: which vehicles pass, in which lane, at what speed and when.
 * Positions are computed modulo the loop length, so a clip of exactly one loop repeats without a
 * jump in the traffic.
 */
public final class TrafficPlan {
    /** Lane centres: approaching traffic keeps to the camera's left (driving on the right). */
    static final double APPROACHING_LANE_X = -1.75;
    static final double RECEDING_LANE_X = 1.75;
    /** Where vehicles appear and vanish along the road, in metres; beyond the frame on both ends. */
    static final double FAR_Z = 48;
    static final double NEAR_Z = 3;
    private static final double SECONDS_BETWEEN_VEHICLES_IN_A_LANE = 4.0;
    // plates carry the official one-character abbreviation (GA 36-2018): Guizhou is 贵, not its literary name 黔
    private static final String PROVINCES = "湘湘湘湘湘京粤鄂赣川桂贵渝";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final Color[] BODY_COLOURS = {
        new Color(0xF4, 0xF4, 0xF2), new Color(0xB8, 0xBC, 0xC2), new Color(0x1E, 0x1F, 0x22),
        new Color(0xA8, 0x1C, 0x1C), new Color(0x24, 0x4C, 0x8C), new Color(0x5A, 0x5E, 0x64),
        new Color(0x8C, 0x6A, 0x3E), new Color(0x2F, 0x6B, 0x4A),
    };

    private final double loopSeconds;
    private final List<Vehicle> vehicles;

    /**
     * @param seed the seed every choice derives from
     * @param loopSeconds length of one loop of the traffic; a clip of this length repeats seamlessly
     */
    public TrafficPlan(long seed, double loopSeconds) {
        if (!(loopSeconds > 0)) {
            throw new IllegalArgumentException("loop length " + loopSeconds + " s is not positive");
        }
        this.loopSeconds = loopSeconds;
        Random random = new Random(seed);
        int perLane = Math.max(1, (int) Math.floor(loopSeconds / SECONDS_BETWEEN_VEHICLES_IN_A_LANE));
        double slot = loopSeconds / perLane;
        List<Vehicle> planned = new ArrayList<>();
        Set<String> plates = new HashSet<>();
        for (Direction direction : Direction.values()) {
            double offset = direction == Direction.APPROACHING ? 0.6 : 0.6 + slot / 2;
            for (int i = 0; i < perLane; i++) {
                double cross = (offset + i * slot + (random.nextDouble() - 0.5) * slot * 0.25) % loopSeconds;
                VehicleKind kind = random.nextInt(6) == 0 ? VehicleKind.TRUCK
                        : random.nextInt(3) == 0 ? VehicleKind.SUV : VehicleKind.CAR;
                PlateType type = kind == VehicleKind.TRUCK ? PlateType.YELLOW
                        : random.nextInt(10) < 3 ? PlateType.GREEN_NEW_ENERGY : PlateType.BLUE;
                PlateSpec plate;
                do {
                    plate = randomPlate(random, type);
                } while (!plates.add(plate.text()));
                Color body = kind == VehicleKind.TRUCK ? truckColour(random)
                        : BODY_COLOURS[random.nextInt(BODY_COLOURS.length)];
                double speed = 6.5 + random.nextDouble() * 3.0;
                double lane = direction == Direction.APPROACHING ? APPROACHING_LANE_X : RECEDING_LANE_X;
                lane += (random.nextDouble() - 0.5) * 0.5;
                planned.add(new Vehicle(0, plate, kind, body, direction, lane, speed, cross));
            }
        }
        planned.sort(Comparator.comparingDouble(Vehicle::crossSeconds));
        List<Vehicle> numbered = new ArrayList<>();
        for (Vehicle v : planned) {
            numbered.add(new Vehicle(numbered.size() + 1, v.plate(), v.kind(), v.body(), v.direction(), v.laneX(),
                    v.speed(), v.crossSeconds()));
        }
        this.vehicles = List.copyOf(numbered);
    }

    public double loopSeconds() {
        return loopSeconds;
    }

    /** Vehicles in the order they cross the checkpoint line. */
    public List<Vehicle> vehicles() {
        return vehicles;
    }

    /**
     * Distance along the road of the vehicle's visible face at loop time {@code t}, or NaN when the
     * vehicle is off the road section at that time.
     */
    public double faceDistance(Vehicle v, double t) {
        double before = v.direction() == Direction.APPROACHING ? (FAR_Z - RoadCamera.CHECKPOINT_Z) / v.speed()
                : (RoadCamera.CHECKPOINT_Z - NEAR_Z) / v.speed();
        double after = v.direction() == Direction.APPROACHING ? (RoadCamera.CHECKPOINT_Z - NEAR_Z) / v.speed()
                : (FAR_Z - RoadCamera.CHECKPOINT_Z) / v.speed();
        double dt = floorMod(t - v.crossSeconds() + before, loopSeconds) - before;
        if (dt > after) {
            return Double.NaN;
        }
        return v.direction() == Direction.APPROACHING ? RoadCamera.CHECKPOINT_Z - v.speed() * dt
                : RoadCamera.CHECKPOINT_Z + v.speed() * dt;
    }

    private static double floorMod(double a, double m) {
        double r = a % m;
        return r < 0 ? r + m : r;
    }

    private static PlateSpec randomPlate(Random random, PlateType type) {
        StringBuilder s = new StringBuilder();
        s.append(PROVINCES.charAt(random.nextInt(PROVINCES.length())));
        s.append(LETTERS.charAt(random.nextInt(13)));
        if (type == PlateType.GREEN_NEW_ENERGY) {
            s.append(random.nextBoolean() ? 'D' : 'F');
            for (int i = 0; i < 5; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
        } else {
            int letters = random.nextInt(4) == 0 ? 1 : 0;
            int letterAt = random.nextInt(5);
            for (int i = 0; i < 5; i++) {
                s.append(letters > 0 && i == letterAt ? LETTERS.charAt(random.nextInt(LETTERS.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
        }
        return new PlateSpec(s.toString(), type);
    }

    private static Color truckColour(Random random) {
        Color[] cab = {new Color(0x1F, 0x5A, 0xA6), new Color(0xC8, 0x3A, 0x2A), new Color(0xE8, 0xE6, 0xE0),
            new Color(0x2E, 0x7D, 0x4F)};
        return cab[random.nextInt(cab.length)];
    }
}
