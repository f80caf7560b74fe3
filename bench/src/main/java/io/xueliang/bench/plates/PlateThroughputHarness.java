package io.xueliang.bench.plates;

import io.xueliang.analytics.decode.DecodedFrame;
import io.xueliang.analytics.decode.DecoderSettings;
import io.xueliang.analytics.decode.FrameSampler;
import io.xueliang.analytics.decode.SamplingMode;
import io.xueliang.analytics.decode.SamplingSettings;
import io.xueliang.analytics.decode.VideoDecoder;
import io.xueliang.analytics.image.BgrImage;
import io.xueliang.analytics.image.Box;
import io.xueliang.analytics.motion.MotionGate;
import io.xueliang.analytics.motion.MotionSettings;
import io.xueliang.analytics.motion.RegionOfInterest;
import io.xueliang.analytics.plate.CheckpointLane;
import io.xueliang.analytics.plate.PlateFinding;
import io.xueliang.analytics.plate.PlatePassPublisher;
import io.xueliang.analytics.plate.PlateReader;
import io.xueliang.analytics.plate.PlateReadingService;
import io.xueliang.analytics.plate.grammar.ChinesePlateGrammar;
import io.xueliang.analytics.plate.grammar.GrammarSettings;
import io.xueliang.analytics.plate.ocr.DetectionSettings;
import io.xueliang.analytics.track.PlateTracker;
import io.xueliang.analytics.track.TrackerSettings;
import io.xueliang.config.PlatesConfig;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.InProcessEventBus;
import io.xueliang.media.PlateRead;
import io.xueliang.media.PlateReadingStats;
import io.xueliang.synth.scene.RoadCamera;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import io.xueliang.synth.scene.Vehicle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Plate reading per core: renders a checkpoint clip with synth (its traffic for {@code --busy} seconds, then the
 * empty road for {@code --quiet} seconds: "typical" traffic is a busy stretch and a quiet one), encodes it with
 * libx264 as a camera would, and measures on this one thread, in thread CPU time ({@link ThreadMXBean}: ONNX Runtime
 * and libavcodec run on the calling thread with one thread each):
 * <ol>
 * <li>{@code full}: detection and reading of every sampled picture (5 a second), whole picture;
 * <li>{@code region}: the same pictures through the motion gate, detection on the lane's region of the motion only
 *     (the whole picture when the region would not be cheaper), still pictures skipped;
 * <li>{@code lane}: a {@link CheckpointLane} as the service runs it: every access unit decoded, sampled pictures
 *     converted, gated, moving ones detected and read, tracked, reads published (crop and overview JPEGs encoded), at
 *     5 pictures a second and keyframes only: CPU per second of video, so cameras per core.
 * </ol>
 * The process's CPU (GC and JIT threads too) is printed beside. Rounds repeat (a) to (c); medians at the end.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/classes:bench/target/lib/*' \
 *     io.xueliang.bench.plates.PlateThroughputHarness --busy 16 --quiet 32 --rounds 3
 * </pre>
 */
public final class PlateThroughputHarness {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final double CAR_PLATE_HEIGHT = 0.42;

    private long seed = 6;
    private double busySeconds = 16;
    private double quietSeconds = 32;
    private int rounds = 3;
    private int laneLoops = 2;
    private int fps = 25;
    private int gop = 50;
    private String bitrate = "2M";
    private String preset = "veryfast";
    private double sampleFps = SamplingSettings.DEFAULT_FRAMES_PER_SECOND;
    private RegionOfInterest motionRegion = new RegionOfInterest(0, 0.12, 1, 0.76);
    private double sensitivity = PlatesConfig.defaults().motionSensitivity();
    private int detectionSide = PlatesConfig.DEFAULT_DETECTION_SIDE;

    public static void main(String[] args) throws Exception {
        PlateThroughputHarness h = new PlateThroughputHarness();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> h.seed = Long.parseLong(args[++i]);
                case "--busy" -> h.busySeconds = Double.parseDouble(args[++i]);
                case "--quiet" -> h.quietSeconds = Double.parseDouble(args[++i]);
                case "--rounds" -> h.rounds = Integer.parseInt(args[++i]);
                case "--lane-loops" -> h.laneLoops = Integer.parseInt(args[++i]);
                case "--gop" -> h.gop = Integer.parseInt(args[++i]);
                case "--bitrate" -> h.bitrate = args[++i];
                case "--preset" -> h.preset = args[++i];
                case "--sample-fps" -> h.sampleFps = Double.parseDouble(args[++i]);
                case "--sensitivity" -> h.sensitivity = Double.parseDouble(args[++i]);
                case "--detection-side" -> h.detectionSide = Integer.parseInt(args[++i]);
                case "--motion-region" -> {
                    double[] r = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
                    h.motionRegion = new RegionOfInterest(r[0], r[1], r[2], r[3]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        if (!(h.busySeconds > 0 && h.busySeconds <= 600 && h.quietSeconds >= 0 && h.quietSeconds <= 600)
                || h.rounds < 1 || h.rounds > 20 || h.laneLoops < 1 || h.laneLoops > 20) {
            throw new IllegalArgumentException("--busy 0..600 s, --quiet 0..600 s, --rounds and --lane-loops 1..20");
        }
        h.run();
    }

    private MotionSettings motionSettings() {
        MotionSettings d = MotionSettings.defaults();
        return new MotionSettings(motionRegion, d.analysisWidth(), d.pixelThreshold(), sensitivity,
                d.backgroundRate());
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d CPUs, load average %.2f; %s %s%n",
                Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage(), System.getProperty("java.vm.name"),
                Runtime.version());
        // the busy part loops seamlessly; the plan is made for it
        TrafficPlan plan = new TrafficPlan(seed, busySeconds);
        SceneRenderer scene = new SceneRenderer(plan, seed, "卡口 K7+100",
                ZonedDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)));
        long t0 = System.nanoTime();
        CheckpointClip clip = CheckpointClip.encode(scene, RoadCamera.WIDTH, RoadCamera.HEIGHT, fps, busySeconds,
                quietSeconds, gop, bitrate, preset);
        long bytes = clip.units().stream().mapToLong(u -> u.size()).sum();
        System.out.printf(Locale.ROOT, "clip: %dx%d, %d pictures (%.0f s busy: %d vehicles; %.0f s empty road), "
                + "%.2f Mbit/s, GOP %d, rendered and encoded in %.1f s%n", RoadCamera.WIDTH, RoadCamera.HEIGHT,
                clip.units().size(), busySeconds, plan.vehicles().size(), quietSeconds,
                bytes * 8 / clip.seconds() / 1e6, gop, (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "traffic: %.0f vehicles a minute over the clip; motion region %s, "
                + "sensitivity %.4f; detector input limit %d px%n", plan.vehicles().size() * 60 / clip.seconds(),
                motionRegion, sensitivity, detectionSide);
        List<DecodedFrame> sampled = sampledFrames(clip);
        Set<String> planted = new TreeSet<>();
        for (Vehicle v : plan.vehicles()) {
            planted.add(v.plate().text());
        }
        try (PlateReader reader = PlateReadingService.readers(PlatesConfig.defaults(),
                DetectionSettings.defaults().withLimitSide(detectionSide), 1).get()) {
            // warm-up: JIT and ONNX Runtime's first runs
            for (int i = 0; i < Math.min(10, sampled.size()); i++) {
                reader.read(sampled.get(i).image());
                reader.read(sampled.get(i).image(), new Box(300, 300, 512, 320));
            }
            runLane(reader, clip, plan, SamplingMode.RATE);
            Map<String, List<Double>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                System.out.printf(Locale.ROOT, "%n== round %d of %d (load average %.2f)%n", round, rounds,
                        OS.getSystemLoadAverage());
                Set<String> fullTexts = new HashSet<>();
                add(results, full(reader, sampled, fullTexts, planted));
                add(results, region(reader, sampled, fullTexts, planted));
                add(results, runLane(reader, clip, plan, SamplingMode.RATE));
                add(results, runLane(reader, clip, plan, SamplingMode.KEYFRAMES));
            }
            System.out.printf(Locale.ROOT, "%n== medians of %d rounds%n", rounds);
            results.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-44s %10.3f   (%s)%n", k, median(v),
                    v.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList()));
        }
    }

    /** The pictures the lane would sample at {@code sampleFps}, decoded once. */
    private List<DecodedFrame> sampledFrames(CheckpointClip clip) {
        List<DecodedFrame> out = new ArrayList<>();
        FrameSampler sampler = new FrameSampler(new SamplingSettings(SamplingMode.RATE, sampleFps));
        try (VideoDecoder decoder = new VideoDecoder(decoderSettings())) {
            for (AccessUnit u : clip.loop(0, START)) {
                if (sampler.decodes(u)) {
                    out.addAll(decoder.decode(u, sampler));
                }
            }
        }
        return out;
    }

    private static DecoderSettings decoderSettings() {
        return DecoderSettings.defaults().withMaxWidth(PlatesConfig.defaults().maxFrameWidth());
    }

    /** (a) detection and reading of every sampled picture, whole. */
    private static Map<String, Double> full(PlateReader reader, List<DecodedFrame> frames, Set<String> texts,
            Set<String> planted) {
        Cpu cpu = Cpu.start();
        int findings = 0;
        for (DecodedFrame f : frames) {
            for (PlateFinding p : reader.read(f.image())) {
                findings++;
                texts.add(p.text());
            }
        }
        double s = cpu.threadSeconds();
        double process = cpu.processSeconds();
        Set<String> right = new TreeSet<>(texts);
        right.retainAll(planted);
        System.out.printf(Locale.ROOT, "(a) whole pictures: %d pictures in %.2f s thread CPU (process %.2f s): "
                + "%.1f ms a picture, %.1f pictures/s per core; %d findings, %d of %d plates read, %d other texts%n",
                frames.size(), s, process, s * 1000 / frames.size(), frames.size() / s, findings, right.size(),
                planted.size(), texts.size() - right.size());
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("(a) whole: ms per picture", s * 1000 / frames.size());
        r.put("(a) whole: pictures/s per core", frames.size() / s);
        r.put("(a) whole: plates read", (double) right.size());
        return r;
    }

    /** (b) the same pictures gated, detection on the motion's region. */
    private Map<String, Double> region(PlateReader reader, List<DecodedFrame> frames, Set<String> fullTexts,
            Set<String> planted) {
        MotionGate gate = new MotionGate(motionSettings());
        Set<String> texts = new HashSet<>();
        int moving = 0;
        int cropped = 0;
        double regionShare = 0;
        int findings = 0;
        double gateSeconds = 0;
        Cpu cpu = Cpu.start();
        for (DecodedFrame f : frames) {
            BgrImage image = f.image();
            long g0 = THREADS.getCurrentThreadCpuTime();
            boolean m = gate.moving(image);
            gateSeconds += (THREADS.getCurrentThreadCpuTime() - g0) / 1e9;
            if (!m) {
                continue;
            }
            moving++;
            List<Box> regions = CheckpointLane.detectionRegions(gate.lastMotionBoxes(), image.width(), image.height(),
                    detectionSide);
            List<PlateFinding> found;
            if (!regions.isEmpty()) {
                cropped++;
                found = new ArrayList<>();
                for (Box region : regions) {
                    regionShare += region.area() / (image.width() * (double) image.height());
                    found.addAll(reader.read(image, region, CheckpointLane.scale(image.width(), image.height(),
                            detectionSide)));
                }
            } else {
                found = reader.read(image);
            }
            for (PlateFinding p : found) {
                findings++;
                texts.add(p.text());
            }
        }
        double s = cpu.threadSeconds();
        double process = cpu.processSeconds();
        Set<String> right = new TreeSet<>(texts);
        right.retainAll(planted);
        Set<String> lost = new TreeSet<>(fullTexts);
        lost.retainAll(planted);
        lost.removeAll(texts);
        System.out.printf(Locale.ROOT, "(b) motion region: %d of %d pictures moving, %d of them cropped (mean regions "
                + "%.0f %% of the picture); %.2f s thread CPU (process %.2f s, gate %.3f s): %.1f ms a moving picture, "
                + "%.1f moving pictures/s per core, %.1f sampled pictures/s per core; %d findings, %d of %d plates "
                + "read, lost against whole pictures: %s%n", moving, frames.size(), cropped,
                cropped == 0 ? 0 : 100 * regionShare / cropped, s, process, gateSeconds, s * 1000 / Math.max(1, moving),
                moving / s, frames.size() / s, findings, right.size(), planted.size(), lost);
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("(b) region: ms per moving picture", s * 1000 / Math.max(1, moving));
        r.put("(b) region: moving pictures/s per core", moving / s);
        r.put("(b) region: sampled pictures/s per core", frames.size() / s);
        r.put("(b) region: share of moving pictures cropped", cropped / (double) Math.max(1, moving));
        r.put("(b) region: plates read", (double) right.size());
        r.put("(b) region: plates lost against whole", (double) lost.size());
        return r;
    }

    /** (c) a lane as the service runs it, on one thread: CPU per second of video. */
    private Map<String, Double> runLane(PlateReader reader, CheckpointClip clip, TrafficPlan plan, SamplingMode mode)
            throws Exception {
        List<PlateRead> reads = new CopyOnWriteArrayList<>();
        double decodeSeconds = 0;
        double laneSeconds;
        Cpu cpu;
        PlateReadingStats stats;
        try (InProcessEventBus<PlateRead> bus = new InProcessEventBus<>()) {
            bus.subscribe(PlateRead.TOPIC, "bench", reads::add);
            PlatePassPublisher publisher = new PlatePassPublisher(bus, (camera, time, name, jpeg) -> name,
                    new ChinesePlateGrammar(GrammarSettings.DEFAULTS), 0.5);
            PlatesConfig config = PlatesConfig.defaults();
            TrackerSettings d = TrackerSettings.DEFAULTS;
            double trigger = new RoadCamera().project(0, CAR_PLATE_HEIGHT, RoadCamera.CHECKPOINT_Z).getY()
                    / RoadCamera.HEIGHT;
            TrackerSettings tracking = new TrackerSettings(d.matchIou(), d.textMatchRadius(), d.textMatchMaxEdits(),
                    config.trackMaxAge(), d.maxMissedUpdates(), config.minObservations(), d.loneReadConfidence(),
                    d.maxReadsPerTrack(), d.maxTracks(), trigger);
            CheckpointLane lane = new CheckpointLane(CheckpointClip.CAMERA, new MotionGate(motionSettings()),
                    new PlateTracker(tracking), publisher, () -> reader, Runnable::run, detectionSide);
            FrameSampler sampler = new FrameSampler(new SamplingSettings(mode, sampleFps));
            List<List<AccessUnit>> loops = new ArrayList<>();
            for (int i = 0; i < laneLoops; i++) {
                loops.add(clip.loop(i, START));
            }
            cpu = Cpu.start();
            try (VideoDecoder decoder = new VideoDecoder(decoderSettings())) {
                for (List<AccessUnit> units : loops) {
                    for (AccessUnit u : units) {
                        if (!sampler.decodes(u)) {
                            continue;
                        }
                        long d0 = THREADS.getCurrentThreadCpuTime();
                        List<DecodedFrame> frames = decoder.decode(u, sampler);
                        decodeSeconds += (THREADS.getCurrentThreadCpuTime() - d0) / 1e9;
                        for (DecodedFrame f : frames) {
                            lane.offer(f);
                        }
                    }
                }
            }
            lane.end().get(60, TimeUnit.SECONDS);
            laneSeconds = cpu.threadSeconds();
            stats = lane.stats(0, 0);
            long cropped = lane.framesCropped();
            double video = laneLoops * clip.seconds();
            double perVideoSecond = laneSeconds / video;
            Set<String> read = new TreeSet<>();
            reads.forEach(r -> read.add(r.text()));
            int expected = plan.vehicles().size() * laneLoops;
            System.out.printf(Locale.ROOT, "(c) lane, %s: %.0f s of video in %.2f s thread CPU (process %.2f s; "
                    + "decoding %.2f s): %.1f %% of a core per camera, %.1f cameras per core; %d sampled, %d still, "
                    + "%d analysed (%d cropped), %d sightings; %d reads of %d vehicle passes (%d distinct plates)%n",
                    mode == SamplingMode.RATE ? sampleFps + " pictures/s" : "keyframes only", video, laneSeconds,
                    cpu.processSeconds(), decodeSeconds, 100 * perVideoSecond, 1 / perVideoSecond,
                    stats.framesSampled(), stats.framesStill(), stats.framesAnalysed(), cropped, stats.plateSightings(),
                    reads.size(), expected, read.size());
            String name = mode == SamplingMode.RATE ? "(c) lane " + sampleFps + " fps" : "(c) lane keyframes";
            Map<String, Double> r = new LinkedHashMap<>();
            r.put(name + ": % of a core per camera", 100 * perVideoSecond);
            r.put(name + ": cameras per core", 1 / perVideoSecond);
            r.put(name + ": decoding, % of a core", 100 * decodeSeconds / video);
            r.put(name + ": reads per vehicle pass", reads.size() / (double) expected);
            return r;
        }
    }

    private static void add(Map<String, List<Double>> results, Map<String, Double> round) {
        round.forEach((k, v) -> results.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** This thread's and the process's CPU time since {@link #start}. */
    private record Cpu(long thread, long process) {
        static Cpu start() {
            return new Cpu(THREADS.getCurrentThreadCpuTime(), OS.getProcessCpuTime());
        }

        double threadSeconds() {
            return (THREADS.getCurrentThreadCpuTime() - thread) / 1e9;
        }

        double processSeconds() {
            return (OS.getProcessCpuTime() - process) / 1e9;
        }
    }
}
