package io.xueliang.analytics.track;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.analytics.plate.grammar.PlateType;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * A generated checkpoint scene: plates moving through a 640x360 picture sampled at 5 fps, with reads that can be
 * wrong and frames that can be missed. Positions follow a simple motion model (constant acceleration down or up the
 * picture, exponential growth or shrinking of the plate as it comes closer or goes away).
 */
final class PlateScene {
    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final Duration FRAME = Duration.ofMillis(200);
    static final Instant T0 = Instant.parse("2025-05-01T08:00:00Z");

    /**
     * One vehicle's plate.
     *
     * @param enters   when its plate first shows
     * @param growth   relative growth of the plate's width per second (negative: shrinking)
     */
    record Vehicle(String text, Instant enters, double x0, double y0, double vx, double vy, double accel,
                   double width0, double growth, Duration visible) {

        Box box(Instant time) {
            double t = seconds(time);
            double cx = x0 + vx * t;
            double cy = y0 + vy * t + accel * t * t / 2;
            double w = width0 * Math.exp(growth * t);
            double h = w / 3.2;
            return new Box(cx - w / 2, cy - h / 2, w, h);
        }

        boolean inView(Instant time) {
            return !time.isBefore(enters) && time.isBefore(enters.plus(visible));
        }

        /** When the plate's centre crosses {@code y}, by bisection over the visible span; null when it never does. */
        Instant crossing(double y) {
            double lo = 0;
            double hi = visible.toNanos() / 1e9;
            double fLo = box(at(lo)).centreY() - y;
            double fHi = box(at(hi)).centreY() - y;
            if (Math.signum(fLo) == Math.signum(fHi)) {
                return null;
            }
            for (int i = 0; i < 60; i++) {
                double mid = (lo + hi) / 2;
                double fMid = box(at(mid)).centreY() - y;
                if (Math.signum(fMid) == Math.signum(fLo)) {
                    lo = mid;
                    fLo = fMid;
                } else {
                    hi = mid;
                }
            }
            return at(lo);
        }

        private double seconds(Instant time) {
            return Duration.between(enters, time).toNanos() / 1e9;
        }

        private Instant at(double seconds) {
            return enters.plusNanos(Math.round(seconds * 1e9));
        }
    }

    /** Coming towards the camera down the right lane: moving down, speeding up, growing. */
    static Vehicle approaching(String text, Instant enters, double x) {
        return new Vehicle(text, enters, x, 40, 0, 105, 40, 40, 0.35, Duration.ofSeconds(2));
    }

    /** Going away up the left lane: moving up, slowing, shrinking. */
    static Vehicle receding(String text, Instant enters, double x) {
        return new Vehicle(text, enters, x, 330, 0, -185, 40, 80, -0.35, Duration.ofSeconds(2));
    }

    /** Read of {@code text} at {@code confidence} for every character. */
    static PlateVerdict.Accepted read(String text, double confidence) {
        List<Double> confidences = Collections.nCopies((int) text.codePoints().count(), confidence);
        return new PlateVerdict.Accepted(text, PlateType.SMALL_CAR, PlateColour.BLUE, List.of(), confidences,
                List.of());
    }

    /** {@code text} with the character at {@code position} replaced. */
    static String misread(String text, int position, char wrong) {
        int[] cps = text.codePoints().toArray();
        cps[position] = wrong;
        return new String(cps, 0, cps.length);
    }

    static BgrImage picture(int width, int height) {
        return BgrImage.wrap(width, height, new byte[width * height * 3]);
    }

    /** What a run produced, and which frame each crop came from. */
    record Run(List<PlatePass> passes, Map<BgrImage, BgrImage> frameOfCrop, Map<BgrImage, Double> scoreOfCrop,
               Map<Vehicle, List<Instant>> seen) {

        /** Whether the reader saw {@code v}'s plate on both sides of {@code y}, so that the tracker can see it cross. */
        boolean seenCrossing(Vehicle v, double y) {
            List<Instant> times = seen.getOrDefault(v, List.of());
            return times.stream().anyMatch(t -> v.box(t).centreY() < y) && times.stream().anyMatch(t -> v.box(t).centreY() >= y);
        }
    }

    /**
     * Steps the scene from {@link #T0} for {@code frames} frames (then one more second of empty frames so tracks end)
     * and returns every pass the tracker reported.
     *
     * @param missed  (frame index, vehicle) → the reader saw nothing of this plate in this frame
     * @param reading (frame index, vehicle) → what the reader read
     */
    static Run run(PlateTracker tracker, List<Vehicle> vehicles, int frames, BiPredicate<Integer, Vehicle> missed,
                   BiFunction<Integer, Vehicle, PlateVerdict.Accepted> reading) {
        List<PlatePass> passes = new ArrayList<>();
        Map<BgrImage, BgrImage> frameOfCrop = new IdentityHashMap<>();
        Map<BgrImage, Double> scoreOfCrop = new IdentityHashMap<>();
        Map<Vehicle, List<Instant>> seen = new IdentityHashMap<>();
        int tail = (int) (Duration.ofSeconds(3).toNanos() / FRAME.toNanos());
        for (int k = 0; k < frames + tail; k++) {
            Instant time = T0.plus(FRAME.multipliedBy(k));
            BgrImage frame = picture(WIDTH, HEIGHT);
            List<PlateObservation> observations = new ArrayList<>();
            for (Vehicle v : vehicles) {
                if (k < frames && v.inView(time) && !missed.test(k, v)) {
                    Box box = v.box(time);
                    BgrImage crop = picture(4, 2);
                    PlateVerdict.Accepted verdict = reading.apply(k, v);
                    frameOfCrop.put(crop, frame);
                    scoreOfCrop.put(crop, verdict.confidence() * box.height() / (box.height() + 8));
                    seen.computeIfAbsent(v, x -> new ArrayList<>()).add(time);
                    observations.add(new PlateObservation(time, k * 18_000L, box, verdict, crop, frame));
                }
            }
            passes.addAll(tracker.update(time, observations));
        }
        return new Run(passes, frameOfCrop, scoreOfCrop, seen);
    }

    private PlateScene() {
    }
}
