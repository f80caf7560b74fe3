package io.xueliang.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.analytics.decode.DecodedFrame;
import io.xueliang.analytics.decode.DecoderSettings;
import io.xueliang.analytics.decode.FrameSampler;
import io.xueliang.analytics.decode.SamplingSettings;
import io.xueliang.analytics.decode.TestStreams;
import io.xueliang.analytics.decode.VideoDecoder;
import io.xueliang.analytics.motion.MotionGate;
import io.xueliang.analytics.motion.MotionSettings;
import io.xueliang.analytics.plate.grammar.ChinesePlateGrammar;
import io.xueliang.analytics.plate.grammar.GrammarSettings;
import io.xueliang.analytics.track.PlateTracker;
import io.xueliang.analytics.track.TrackerSettings;
import io.xueliang.config.PlatesConfig;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.ImageStore;
import io.xueliang.media.InProcessEventBus;
import io.xueliang.media.PlateRead;
import io.xueliang.synth.scene.RoadCamera;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import io.xueliang.synth.scene.Vehicle;
import io.xueliang.synth.scene.VehicleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated checkpoint clip, decoded, gated, read and tracked as a plate camera's would be: every vehicle that
 * passes yields exactly one read, with its plate, its direction, and its time at the trigger line.
 */
class CheckpointClipTest {
    private static final CameraId CAMERA = new CameraId("checkpoint-test");
    private static final long SEED = 6; // three trucks (plates higher up, yellow), a green new-energy plate, cars
    private static final double LOOP_SECONDS = 16;
    private static final int FPS = TestStreams.FPS;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    /** Height above the road of a car's plate in the generated scene, and of a truck's. */
    private static final double CAR_PLATE_HEIGHT = 0.42;
    private static final double TRUCK_PLATE_HEIGHT = 0.75;
    private static final RoadCamera ROAD = new RoadCamera();
    /** The virtual loop where a car's plate is when its face crosses the checkpoint line. */
    private static final double TRIGGER_Y = ROAD.project(0, CAR_PLATE_HEIGHT, RoadCamera.CHECKPOINT_Z).getY();

    private static TrafficPlan plan;
    private static SceneRenderer scene;
    private static TestStreams.Video h264;
    private static PlateReader reader;

    @BeforeAll
    static void render() throws Exception {
        plan = new TrafficPlan(SEED, LOOP_SECONDS);
        scene = new SceneRenderer(plan, SEED, "卡口 K7+100",
                ZonedDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
        h264 = TestStreams.encode(Codec.H264, RoadCamera.WIDTH, RoadCamera.HEIGHT, (int) (LOOP_SECONDS * FPS),
                2 * FPS, 0, i -> scene.render(i / (double) FPS), List.of("-preset", "ultrafast", "-b:v", "2M"));
        reader = PlateReadingService.readers(PlatesConfig.defaults(), 2).get();
    }

    @AfterAll
    static void close() {
        if (reader != null) {
            reader.close();
        }
    }

    /** Reads, images stored, and the lane that made them. */
    private record Run(List<PlateRead> reads, Map<String, byte[]> images, CheckpointLane lane, long decodeErrors,
                       long reopens) {
    }

    /** Plays {@code loops} loops of the clip through a lane, in camera time from {@link #START}. */
    private static Run play(List<List<AccessUnit>> segments) throws Exception {
        List<PlateRead> reads = new CopyOnWriteArrayList<>();
        Map<String, byte[]> images = new ConcurrentHashMap<>();
        ImageStore store = (camera, time, name, jpeg) -> {
            images.put(name, jpeg);
            return camera.value() + "/" + name + ".jpg";
        };
        try (InProcessEventBus<PlateRead> bus = new InProcessEventBus<>()) {
            bus.subscribe(PlateRead.TOPIC, "test", reads::add);
            PlatePassPublisher publisher = new PlatePassPublisher(bus, store,
                    new ChinesePlateGrammar(GrammarSettings.DEFAULTS), 0.5);
            TrackerSettings tracking = TrackerSettings.DEFAULTS.withTriggerLine(TRIGGER_Y / RoadCamera.HEIGHT);
            CheckpointLane lane = new CheckpointLane(CAMERA, new MotionGate(MotionSettings.defaults()),
                    new PlateTracker(new TrackerSettings(tracking.matchIou(), tracking.textMatchRadius(),
                            tracking.textMatchMaxEdits(), Duration.ofMillis(1200), tracking.maxMissedUpdates(), 2,
                            tracking.loneReadConfidence(), tracking.maxReadsPerTrack(), tracking.maxTracks(),
                            tracking.triggerLine())),
                    publisher, () -> reader, Runnable::run, PlatesConfig.DEFAULT_DETECTION_SIDE);
            FrameSampler sampler = new FrameSampler(SamplingSettings.defaults());
            long errors;
            long reopens;
            try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
                long offset = 0;
                for (List<AccessUnit> units : segments) {
                    long clip = (long) (LOOP_SECONDS * 90_000);
                    for (AccessUnit u : units) {
                        long pts = u.pts90k() + offset;
                        AccessUnit shifted = TestStreams.shifted(u, pts, START.plusNanos(pts * 100_000 / 9));
                        if (sampler.decodes(shifted)) {
                            for (DecodedFrame f : decoder.decode(shifted, sampler)) {
                                lane.offer(f);
                            }
                        }
                    }
                    offset += clip;
                }
                errors = decoder.counters().errors();
                reopens = decoder.counters().reopens();
            }
            lane.end().get(30, TimeUnit.SECONDS);
            bus.close();
            return new Run(List.copyOf(reads), images, lane, errors, reopens);
        }
    }

    /** When the vehicle's plate centre crosses the trigger line, in seconds of the loop. */
    private static double trueTriggerSeconds(Vehicle v) {
        double height = v.kind() == VehicleKind.TRUCK ? TRUCK_PLATE_HEIGHT : CAR_PLATE_HEIGHT;
        // within a second of the checkpoint every vehicle is on the road (slowest 6.5 m/s, road 3..48 m)
        double lo = v.crossSeconds() - 1;
        double hi = v.crossSeconds() + 1;
        // y(t) is monotonic while the vehicle is on the road near the checkpoint: bisect
        boolean descending = plateY(v, height, lo) > plateY(v, height, hi);
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            boolean beyond = descending ? plateY(v, height, mid) < TRIGGER_Y : plateY(v, height, mid) > TRIGGER_Y;
            if (beyond) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double plateY(Vehicle v, double height, double t) {
        double z = plan.faceDistance(v, ((t % LOOP_SECONDS) + LOOP_SECONDS) % LOOP_SECONDS);
        return Double.isNaN(z) ? Double.NaN : ROAD.project(v.laneX(), height, z).getY();
    }

    @Test
    void everyVehiclePassingYieldsOneReadWithItsPlateDirectionAndTime() throws Exception {
        Run run = play(List.of(h264.units(), h264.units(), h264.units()));

        // vehicles passing in the middle loop: whole tracks on both sides, away from the clip's start and end
        List<String> expected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        double frameInterval = 1.0 / FPS;
        double worst = 0;
        for (Vehicle v : plan.vehicles()) {
            double trigger = LOOP_SECONDS + trueTriggerSeconds(v);
            expected.add(v.plate().text());
            List<PlateRead> mine = run.reads.stream().filter(r -> r.text().equals(v.plate().text()))
                    .filter(r -> Math.abs(seconds(r.time()) - trigger) < LOOP_SECONDS / 2).toList();
            if (mine.size() != 1) {
                problems.add(v.plate().text() + ": " + mine.size() + " reads around " + trigger + " s");
                continue;
            }
            PlateRead read = mine.getFirst();
            double error = Math.abs(seconds(read.time()) - trigger);
            worst = Math.max(worst, error);
            System.out.printf("  %s %s %s: read %.3f s, passed %.3f s, %d sightings%n", v.plate().text(), v.kind(),
                    v.direction(), seconds(read.time()), trigger, read.observations());
            if (error > frameInterval) {
                problems.add(v.plate().text() + ": read at " + seconds(read.time()) + " s, passed at " + trigger
                        + " s");
            }
            String direction = v.direction().label().toUpperCase(java.util.Locale.ROOT);
            if (!read.direction().name().equals(direction)) {
                problems.add(v.plate().text() + ": direction " + read.direction() + ", drove " + direction);
            }
            if (read.cropImage() == null || read.overviewImage() == null) {
                problems.add(v.plate().text() + ": images missing");
            }
        }
        System.out.printf("checkpoint clip: %d vehicles a loop, %d reads in 3 loops, worst time error %.1f ms, "
                + "%d pictures analysed of %d sampled, %d of them on the moving region only%n", plan.vehicles().size(),
                run.reads.size(), worst * 1000, run.lane.framesAnalysed.sum(), run.lane.framesSampled.sum(),
                run.lane.framesCropped());
        assertThat(problems).isEmpty();
        // nothing read that the clip did not show
        assertThat(run.reads).allSatisfy(r -> assertThat(expected).contains(r.text()));
        assertThat(run.images).hasSize(2 * run.reads.size());
    }

    @Test
    void corruptUnitsACodecSwitchAndAStopLoseNoReadOfAPassThatWasSeen() throws Exception {
        TestStreams.Video h265 = TestStreams.encode(Codec.H265, RoadCamera.WIDTH, RoadCamera.HEIGHT,
                (int) (LOOP_SECONDS * FPS), 2 * FPS, 0, i -> scene.render(i / (double) FPS),
                List.of("-preset", "ultrafast", "-b:v", "2M"));
        Random random = new Random(3);
        List<AccessUnit> damaged = new ArrayList<>();
        for (int i = 0; i < h264.units().size(); i++) {
            AccessUnit u = h264.units().get(i);
            byte[] payload = u.copyPayload();
            if (i % 37 == 5) {
                random.nextBytes(payload); // noise, length prefixes included
            } else if (i % 37 == 20) {
                payload = Arrays.copyOf(payload, payload.length / 2); // a NAL cut short
            }
            damaged.add(TestStreams.withPayload(u, payload));
        }
        int stopAt = h265.units().size() / 2; // the camera stops 8 s into the H.265 loop
        Run run = play(List.of(h264.units(), damaged, h265.units().subList(0, stopAt)));

        assertThat(run.decodeErrors).as("damaged units counted").isPositive();
        assertThat(run.reopens).as("decoder reopened for H.265").isPositive();
        double stop = 2 * LOOP_SECONDS + stopAt / (double) FPS;
        List<String> missing = new ArrayList<>();
        for (Vehicle v : plan.vehicles()) {
            double first = trueTriggerSeconds(v);
            // whole passes of the clean H.264 loop, and of the H.265 loop up to the stop (the last one ends by flush)
            for (double trigger : new double[] {first, 2 * LOOP_SECONDS + first}) {
                if (trigger < 1.5 || trigger > stop - 0.5) {
                    continue;
                }
                boolean read = run.reads.stream().anyMatch(r -> r.text().equals(v.plate().text())
                        && Math.abs(seconds(r.time()) - trigger) < 1.0 / FPS);
                if (!read) {
                    missing.add(v.plate().text() + " at " + trigger + " s");
                }
            }
        }
        System.out.printf("damaged run: %d reads, %d decode errors, %d reopens%n", run.reads.size(), run.decodeErrors,
                run.reopens);
        assertThat(missing).isEmpty();
        assertThat(run.reads).allSatisfy(r -> assertThat(plan.vehicles().stream().map(v -> v.plate().text()))
                .contains(r.text()));
    }

    private static double seconds(Instant t) {
        return Duration.between(START, t).toNanos() / 1e9;
    }
}
