package io.xueliang.analytics.plate;

import ai.onnxruntime.OrtException;
import io.xueliang.analytics.decode.DecoderSettings;
import io.xueliang.analytics.decode.SamplingMode;
import io.xueliang.analytics.decode.SamplingSettings;
import io.xueliang.analytics.frames.CameraFrameSource;
import io.xueliang.analytics.frames.FrameSourceSettings;
import io.xueliang.analytics.frames.FrameSourceStats;
import io.xueliang.analytics.motion.MotionGate;
import io.xueliang.analytics.motion.MotionSettings;
import io.xueliang.analytics.motion.RegionOfInterest;
import io.xueliang.analytics.plate.grammar.ChinesePlateGrammar;
import io.xueliang.analytics.plate.grammar.GrammarSettings;
import io.xueliang.analytics.plate.grammar.PatternPlateGrammar;
import io.xueliang.analytics.plate.grammar.PlateGrammar;
import io.xueliang.analytics.plate.grammar.PlatePattern;
import io.xueliang.analytics.plate.grammar.PlateVerdict;
import io.xueliang.analytics.plate.ocr.DbNetPlateDetector;
import io.xueliang.analytics.plate.ocr.DetectionSettings;
import io.xueliang.analytics.plate.ocr.PlateRecogniser;
import io.xueliang.analytics.track.PlateTracker;
import io.xueliang.analytics.track.TrackerSettings;
import io.xueliang.config.PlatesConfig;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.EventBus;
import io.xueliang.media.ImageStore;
import io.xueliang.media.PlateRead;
import io.xueliang.media.PlateReadingStats;
import io.xueliang.media.StreamHubs;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plate reading for every camera with {@code plates: true} (DESIGN.md §8): per camera a frame source
 * decodes sampled pictures from the camera's hub, a motion gate keeps still pictures from detection,
 * and a {@link CheckpointLane} detects, reads and tracks plates on a shared pool of workers, each
 * with its own models; every finished track becomes one {@link PlateRead} on the event bus.
 *
 * <p>Analytics only ever falls behind on its own: the hub reader drops to the next keyframe, the lane
 * drops older pictures, each counted; recording and live never wait for it.
 */
public final class PlateReadingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlateReadingService.class);
    private static final long STOP_WAIT_SECONDS = 10;

    private final PlatesConfig config;
    private final StreamHubs hubs;
    private final PlatePassPublisher publisher;
    private final Supplier<PlateReader> newReader;
    private final InstantSource clock;
    private final ScheduledExecutorService decoding;
    private final ExecutorService workers;
    private final ThreadLocal<PlateReader> readers;
    private final List<PlateReader> openReaders = new CopyOnWriteArrayList<>();
    private final Map<CameraId, Slot> slots = new ConcurrentHashMap<>();

    private record Slot(CameraFrameSource source, CheckpointLane lane) {
    }

    /**
     * @param images where plate crops and overview pictures go; null keeps none
     * @param newReader makes a reader (detector, recogniser, grammar) for a worker thread
     */
    public PlateReadingService(PlatesConfig config, StreamHubs hubs, EventBus<PlateRead> bus, ImageStore images,
            Supplier<PlateReader> newReader, InstantSource clock) {
        this.config = config;
        this.hubs = hubs;
        this.newReader = newReader;
        this.clock = clock;
        this.publisher = new PlatePassPublisher(bus, config.saveImages() ? images : null, grammar(config),
                config.minConfidence());
        int cores = Runtime.getRuntime().availableProcessors();
        this.decoding = Executors.newScheduledThreadPool(Math.max(1, cores), daemon("plate-decode"));
        this.workers = Executors.newFixedThreadPool(config.workers(), daemon("plate-reader"));
        this.readers = ThreadLocal.withInitial(() -> {
            PlateReader reader = this.newReader.get();
            openReaders.add(reader);
            return reader;
        });
    }

    /**
     * Makes readers for video: PP-OCRv4 detection at {@code plates.detectionSide} and recognition, with the
     * configured foreign formats.
     *
     * @param threads ONNX Runtime threads per model: 1 for a service worker (workers are the parallelism)
     */
    public static Supplier<PlateReader> readers(PlatesConfig config, int threads) {
        return readers(config, DetectionSettings.defaults().withLimitSide(config.detectionSide()), threads);
    }

    /** Makes readers with the given detection settings (photographs of any size: the defaults). */
    public static Supplier<PlateReader> readers(PlatesConfig config, DetectionSettings detection, int threads) {
        List<PlatePattern> patterns = patterns(config);
        String foreign = PlateReader.foreignCharacters(patterns);
        return () -> {
            try {
                return new PlateReader(DbNetPlateDetector.open(threads, detection),
                        new PlateRecogniser(threads, foreign), GrammarSettings.DEFAULTS, patterns);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot load the plate models: " + e.getMessage(), e);
            }
        };
    }

    static List<PlatePattern> patterns(PlatesConfig config) {
        return config.patterns().stream().map(name -> PlatePattern.named(name).orElseThrow(
                () -> new IllegalArgumentException("unknown plate format " + name))).toList();
    }

    /** Chinese plates, then the configured foreign formats: what a voted text is checked against. */
    private static PlateGrammar grammar(PlatesConfig config) {
        ChinesePlateGrammar chinese = new ChinesePlateGrammar(GrammarSettings.DEFAULTS);
        List<PlatePattern> patterns = patterns(config);
        if (patterns.isEmpty()) {
            return chinese;
        }
        PatternPlateGrammar foreign = new PatternPlateGrammar(patterns, GrammarSettings.DEFAULTS);
        return (text, colour) -> chinese.read(text, colour) instanceof PlateVerdict.Accepted a ? a
                : foreign.read(text, colour);
    }

    /** Starts reading {@code camera}'s plates when it is enabled with plates on, else stops. Never blocks. */
    public void put(Camera camera) {
        if (!camera.enabled() || !camera.plates()) {
            remove(camera.id());
            return;
        }
        slots.computeIfAbsent(camera.id(), id -> {
            CheckpointLane lane = new CheckpointLane(id, new MotionGate(motionSettings()),
                    new PlateTracker(trackerSettings()), publisher, readers::get, workers, config.detectionSide());
            CameraFrameSource source = new CameraFrameSource(hubs.hub(id), frameSettings(), lane::offer, decoding,
                    clock).start();
            LOG.info("camera {}: reading plates at {}", id, config.keyframesOnly() ? "keyframes only"
                    : config.sampleFps() + " pictures/s");
            return new Slot(source, lane);
        });
    }

    /** Stops reading {@code camera}; its open tracks still yield their reads. Never blocks. */
    public CompletableFuture<Void> remove(CameraId camera) {
        Slot slot = slots.remove(camera);
        if (slot == null) {
            return CompletableFuture.completedFuture(null);
        }
        return slot.source.stop().thenCompose(v -> slot.lane.end());
    }

    public List<PlateReadingStats> stats() {
        List<PlateReadingStats> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            FrameSourceStats f = s.source.stats();
            out.add(s.lane.stats(f.unitsSkipped() + f.unitsDropped(), f.decoder().errors()));
        }
        return out;
    }

    private FrameSourceSettings frameSettings() {
        SamplingSettings sampling = new SamplingSettings(config.keyframesOnly() ? SamplingMode.KEYFRAMES
                : SamplingMode.RATE, config.sampleFps());
        FrameSourceSettings d = FrameSourceSettings.defaults();
        return d.withSampling(sampling).withDecoder(DecoderSettings.defaults().withMaxWidth(config.maxFrameWidth()))
                .withQueue(config.queueUnits(), d.queueBytes(), Math.min(config.queueUnits(), d.maxBacklogUnits()));
    }

    private MotionSettings motionSettings() {
        List<Double> r = config.motionRegion();
        MotionSettings d = MotionSettings.defaults().withRegion(new RegionOfInterest(r.get(0), r.get(1), r.get(2),
                r.get(3)));
        return new MotionSettings(d.region(), d.analysisWidth(), d.pixelThreshold(), config.motionSensitivity(),
                d.backgroundRate());
    }

    private TrackerSettings trackerSettings() {
        TrackerSettings d = TrackerSettings.DEFAULTS;
        return new TrackerSettings(d.matchIou(), d.textMatchRadius(), d.textMatchMaxEdits(), config.trackMaxAge(),
                d.maxMissedUpdates(), config.minObservations(), d.loneReadConfidence(), d.maxReadsPerTrack(),
                d.maxTracks(), config.triggerLine());
    }

    /** Stops every camera, publishes the reads of open tracks, then frees the models. Blocks up to ~10 s. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (CameraId id : List.copyOf(slots.keySet())) {
            ending.add(remove(id));
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("plate reading did not finish its open tracks within {} s", STOP_WAIT_SECONDS, e);
        }
        decoding.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PlateReader reader : openReaders) {
            reader.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return Thread.ofPlatform().daemon().name(name + "-", 1).factory();
    }
}
