package io.xueliang.analytics.track;

import static io.xueliang.analytics.track.PlateScene.FRAME;
import static io.xueliang.analytics.track.PlateScene.HEIGHT;
import static io.xueliang.analytics.track.PlateScene.T0;
import static io.xueliang.analytics.track.PlateScene.approaching;
import static io.xueliang.analytics.track.PlateScene.misread;
import static io.xueliang.analytics.track.PlateScene.read;
import static io.xueliang.analytics.track.PlateScene.receding;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.plate.grammar.PlateColour;
import io.xueliang.analytics.track.PlateScene.Vehicle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Vehicles driven through a generated scene at 5 fps: one pass each, read right despite misreads and gaps. */
class PlateTrackerTest {

    private static final TrackerSettings SETTINGS = TrackerSettings.DEFAULTS;
    private static final double LINE_Y = SETTINGS.triggerLine() * HEIGHT;

    @Test
    void approachingVehicleGivesOnePassWithVotedTextCrossingTimeAndDirection() {
        Vehicle car = approaching("京A12345", T0, 440);
        PlateTracker tracker = new PlateTracker(SETTINGS);

        // frames 1, 4 and 7 read the 2 as Z, frames 2 and 6 (the one at the crossing) see nothing
        var run = PlateScene.run(tracker, List.of(car), 10, (k, v) -> k == 2 || k == 6,
                (k, v) -> read(k % 3 == 1 ? misread(v.text(), 3, 'Z') : v.text(), 0.9));

        assertThat(run.passes()).hasSize(1);
        PlatePass pass = run.passes().getFirst();
        assertThat(pass.text()).isEqualTo("京A12345");
        assertThat(pass.colour()).isEqualTo(PlateColour.BLUE);
        assertThat(pass.direction()).isEqualTo(Direction.APPROACHING);
        assertThat(pass.observations()).isEqualTo(8);
        // interpolated across the missed frame 6: far closer than either frame around the crossing
        assertThat(Duration.between(car.crossing(LINE_Y), pass.time()).abs()).isLessThan(Duration.ofMillis(20));
        assertThat(pass.charConfidences()).hasSize(7);
        assertThat(pass.charConfidences()[3]).isLessThan(pass.charConfidences()[2]);
        assertThat(pass.confidence()).isEqualTo(pass.charConfidences()[3]).isGreaterThan(0.4).isLessThan(0.9);
        double bestScore = Collections.max(run.scoreOfCrop().values());
        assertThat(run.scoreOfCrop().get(pass.bestCrop())).isEqualTo(bestScore);
        assertThat(pass.overview()).isSameAs(run.frameOfCrop().get(pass.bestCrop()));
        assertThat(tracker.openTracks()).isZero();
        assertThat(tracker.passes()).isEqualTo(1);
    }

    @Test
    void twoReadsWrongInDifferentPlacesBeforeTheTrackHasAVelocityStillFollowOneVehicle() {
        Vehicle car = approaching("京A12345", T0, 440);
        PlateTracker tracker = new PlateTracker(SETTINGS);

        // the first read and the next one seen, after a missed frame, differ in two characters and do not overlap
        var run = PlateScene.run(tracker, List.of(car), 10, (k, v) -> k == 1,
                (k, v) -> read(k == 0 ? misread(v.text(), 3, 'Z') : k == 2 ? misread(v.text(), 5, 'X') : v.text(), 0.8));

        assertThat(car.box(T0).iou(car.box(T0.plus(FRAME.multipliedBy(2))))).isZero();
        assertThat(run.passes()).singleElement().satisfies(pass -> {
            assertThat(pass.text()).isEqualTo("京A12345");
            assertThat(pass.observations()).isEqualTo(9);
        });
    }

    @Test
    void vehiclesSideBySideInOppositeLanesStaySeparate() {
        Vehicle in = approaching("京A12345", T0, 440);
        Vehicle out = receding("沪B67890", T0, 200);
        Random random = new Random(7);
        PlateTracker tracker = new PlateTracker(SETTINGS);

        var run = PlateScene.run(tracker, List.of(in, out), 10, (k, v) -> k > 0 && random.nextDouble() < 0.15,
                (k, v) -> read(k > 0 && random.nextDouble() < 0.25
                        ? misread(v.text(), 2 + random.nextInt(5), 'X') : v.text(), 0.85));

        assertThat(run.passes()).hasSize(2);
        PlatePass first = pass(run.passes(), "京A12345");
        PlatePass second = pass(run.passes(), "沪B67890");
        assertThat(first.direction()).isEqualTo(Direction.APPROACHING);
        assertThat(second.direction()).isEqualTo(Direction.RECEDING);
        assertThat(Duration.between(in.crossing(LINE_Y), first.time()).abs()).isLessThanOrEqualTo(FRAME);
        assertThat(Duration.between(out.crossing(LINE_Y), second.time()).abs()).isLessThanOrEqualTo(FRAME);
    }

    @Test
    void vehicleThatDisappearsAndAnotherAppearingNearbyLaterGiveTwoPasses() {
        // the first vanishes a second in, near y = 165; the second shows up close by 2 s later
        Vehicle gone = new Vehicle("京A12345", T0, 320, 40, 0, 105, 40, 40, 0.35, Duration.ofSeconds(1));
        Vehicle next = approaching("京A67890", T0.plusSeconds(3), 330);
        PlateTracker tracker = new PlateTracker(SETTINGS);

        var run = PlateScene.run(tracker, List.of(gone, next), 25, (k, v) -> false, (k, v) -> read(v.text(), 0.9));

        assertThat(run.passes()).extracting(PlatePass::text).containsExactly("京A12345", "京A67890");
        assertThat(run.passes().get(0).trackId()).isNotEqualTo(run.passes().get(1).trackId());
    }

    @Test
    void anotherPlateWhereOneJustVanishedIsAnotherVehicleDespiteTheOverlap() {
        Vehicle gone = new Vehicle("京A12345", T0, 320, 100, 0, 20, 0, 60, 0, Duration.ofSeconds(1));
        Vehicle next = new Vehicle("粤B67890", T0.plusMillis(1400), 320, 125, 0, 20, 0, 60, 0, Duration.ofSeconds(1));
        PlateTracker tracker = new PlateTracker(SETTINGS);

        var run = PlateScene.run(tracker, List.of(gone, next), 15, (k, v) -> false, (k, v) -> read(v.text(), 0.9));

        assertThat(gone.box(T0.plusMillis(800)).iou(next.box(T0.plusMillis(1400)))).isGreaterThan(SETTINGS.matchIou());
        assertThat(run.passes()).extracting(PlatePass::text).containsExactly("京A12345", "粤B67890");
    }

    @Test
    void sameVehicleHiddenLongerThanMaxAgeCountsTwice() {
        Vehicle car = new Vehicle("京A12345", T0, 320, 100, 0, 10, 0, 60, 0, Duration.ofSeconds(4));
        PlateTracker tracker = new PlateTracker(SETTINGS);

        // hidden from 1 s to 2.4 s: longer than the 1 s a track waits
        var run = PlateScene.run(tracker, List.of(car), 20, (k, v) -> k >= 5 && k < 12, (k, v) -> read(v.text(), 0.9));

        assertThat(run.passes()).hasSize(2);
    }

    @Test
    void flushAtCameraStopReturnsTheOpenTracks() {
        Vehicle car = approaching("京A12345", T0, 440);
        PlateTracker tracker = new PlateTracker(SETTINGS);
        BgrImage lastCrop = null;
        for (int k = 0; k < 5; k++) {
            Instant time = T0.plus(FRAME.multipliedBy(k));
            lastCrop = PlateScene.picture(4, 2);
            var observation = new PlateObservation(time, k * 18_000L, car.box(time), read(car.text(), 0.9),
                    lastCrop, PlateScene.picture(640, 360));
            assertThat(tracker.update(time, List.of(observation))).isEmpty();
        }
        assertThat(tracker.openTracks()).isEqualTo(1);

        List<PlatePass> passes = tracker.flush(T0.plusSeconds(1));

        assertThat(passes).hasSize(1);
        PlatePass pass = passes.getFirst();
        assertThat(pass.text()).isEqualTo("京A12345");
        assertThat(pass.observations()).isEqualTo(5);
        // not at the line yet: the time is the best read's, the last and largest
        assertThat(pass.time()).isEqualTo(T0.plus(FRAME.multipliedBy(4)));
        assertThat(pass.pts90k()).isEqualTo(4 * 18_000L);
        assertThat(pass.bestCrop()).isSameAs(lastCrop);
        assertThat(tracker.openTracks()).isZero();
        assertThat(tracker.flush(T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void trackObservedTenThousandTimesKeepsAtMostTheBound() {
        PlateTracker tracker = new PlateTracker(SETTINGS);
        BgrImage frame = PlateScene.picture(640, 360);
        Random random = new Random(3);
        Box box = new Box(300, 100, 60, 19);
        BgrImage bestCrop = null;
        double best = -1;
        for (int k = 0; k < 10_000; k++) {
            Instant time = T0.plus(FRAME.multipliedBy(k));
            double confidence = 0.5 + 0.49 * random.nextDouble();
            String text = random.nextDouble() < 0.3 ? misread("京A12345", 1 + random.nextInt(6), 'X') : "京A12345";
            BgrImage crop = PlateScene.picture(4, 2);
            if (confidence > best) {
                best = confidence;
                bestCrop = crop;
            }
            assertThat(tracker.update(time, List.of(new PlateObservation(time, k, box, read(text, confidence), crop,
                    frame)))).isEmpty();
            assertThat(tracker.retainedReads()).isLessThanOrEqualTo(SETTINGS.maxReadsPerTrack());
        }

        List<PlatePass> passes = tracker.flush(T0.plusSeconds(2001));

        assertThat(passes).singleElement().satisfies(pass -> {
            assertThat(pass.text()).isEqualTo("京A12345");
            assertThat(pass.observations()).isEqualTo(10_000);
            assertThat(pass.direction()).isEqualTo(Direction.STATIONARY);
        });
        assertThat(passes.getFirst().bestCrop()).isSameAs(bestCrop);
    }

    @Test
    void loneUnsureReadIsDroppedAndLoneSureReadIsKept() {
        Vehicle unsure = new Vehicle("京A12345", T0, 160, 100, 0, 0, 0, 60, 0, FRAME);
        Vehicle sure = new Vehicle("沪B67890", T0, 480, 100, 0, 0, 0, 60, 0, FRAME);
        PlateTracker tracker = new PlateTracker(SETTINGS);

        var run = PlateScene.run(tracker, List.of(unsure, sure), 1, (k, v) -> false,
                (k, v) -> read(v.text(), v == sure ? 0.95 : 0.7));

        assertThat(run.passes()).extracting(PlatePass::text).containsExactly("沪B67890");
        assertThat(tracker.droppedTracks()).isEqualTo(1);
    }

    @Test
    void observationsBeyondTheTrackLimitAreIgnoredAndCounted() {
        PlateTracker tracker = new PlateTracker(new TrackerSettings(0.2, 4, 1, Duration.ofSeconds(1), 10, 1, 0.9,
                64, 2, 0.6));
        List<PlateObservation> observations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            observations.add(new PlateObservation(T0, 0, new Box(i * 120, 100, 60, 19), read("京A1234" + i, 0.9),
                    PlateScene.picture(4, 2), PlateScene.picture(64, 36)));
        }

        tracker.update(T0, observations);

        assertThat(tracker.openTracks()).isEqualTo(2);
        assertThat(tracker.ignoredObservations()).isEqualTo(3);
    }

    @Test
    void trafficOfFortyVehiclesGivesFortyCorrectPasses() {
        Random random = new Random(42);
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        double[] lanes = {120, 280, 440};
        List<Vehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            StringBuilder text = new StringBuilder("京").append(letters.charAt(random.nextInt(24)));
            for (int c = 0; c < 5; c++) {
                text.append(letters.charAt(random.nextInt(letters.length())));
            }
            Instant enters = T0.plusMillis(700L * i + random.nextInt(200));
            double x = lanes[i % 3] + random.nextInt(40) - 20;
            vehicles.add(i % 2 == 0 ? approaching(text.toString(), enters, x) : receding(text.toString(), enters, x));
        }
        PlateTracker tracker = new PlateTracker(SETTINGS);

        var run = PlateScene.run(tracker, vehicles, 160, (k, v) -> random.nextDouble() < 0.15,
                (k, v) -> random.nextDouble() < 0.2
                        ? read(misread(v.text(), 1 + random.nextInt(6), '#'), 0.6 + 0.3 * random.nextDouble())
                        : read(v.text(), 0.6 + 0.35 * random.nextDouble()));

        assertThat(run.passes()).hasSize(40);
        for (Vehicle v : vehicles) {
            PlatePass pass = pass(run.passes(), v.text());
            assertThat(pass.direction()).isEqualTo(v.vy() > 0 ? Direction.APPROACHING : Direction.RECEDING);
            if (run.seenCrossing(v, LINE_Y)) {
                assertThat(Duration.between(v.crossing(LINE_Y), pass.time()).abs()).isLessThanOrEqualTo(FRAME);
            } else { // never seen crossing: the best read's time, one of the frames the plate was seen in
                assertThat(run.seen().get(v)).contains(pass.time());
            }
        }
        assertThat(run.passes()).extracting(PlatePass::trackId).doesNotHaveDuplicates();
        assertThat(Set.copyOf(run.passes().stream().map(PlatePass::text).toList())).hasSize(40);
    }

    private static PlatePass pass(List<PlatePass> passes, String text) {
        return passes.stream().filter(p -> p.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no pass read " + text + " in " + passes.stream()
                        .map(PlatePass::text).toList()));
    }
}
