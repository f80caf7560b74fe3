package io.xueliang.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Plate reading for cameras with {@code plates: true} (DESIGN.md §8): how often their video is decoded,
 * where motion counts, where the virtual trigger line lies, and which plates besides Chinese ones are read.
 *
 * @param sampleFps       decoded pictures per second and camera looked at; 0.2-30
 * @param keyframesOnly   budget mode: decode keyframes only (about one picture per GOP), whatever sampleFps says
 * @param workers         threads that detect and read plates, each with its own models (~100 MiB); 1-64
 * @param queueUnits      access units queued per plate camera before analytics skips to the next keyframe
 *                        (counted; recording and live are never delayed); 8-4096
 * @param maxFrameWidth   decoded pictures wider than this are scaled down before detection; 320-3840
 * @param detectionSide   the plate detector's input: a picture's longer side is scaled to this (regions with motion
 *                        at the same scale); smaller is faster, too small loses distant plates; 320-2048
 * @param motionRegion    where motion opens the gate, as {@code [x, y, width, height]} fractions of the picture;
 *                        pictures without motion there are not sent to detection
 * @param motionSensitivity share of the region's downscaled pixels that must change for motion; 0.0001-0.5
 * @param triggerLine     height of the virtual trigger line as a fraction of the picture from the top; a pass is
 *                        timed when the plate's centre crosses it; 0-1
 * @param trackMaxAge     a track not seen for this long ends and yields its read; 200ms-30s
 * @param minObservations sampled pictures a track needs before it yields a read; 1-100
 * @param minConfidence   reads below this consolidated confidence are not published; 0-1
 * @param patterns        foreign plate formats read besides Chinese ones: {@code DE}, {@code FR}, {@code US-CA}
 * @param saveImages      store the plate crop and the overview picture of every read as JPEG
 */
public record PlatesConfig(
        double sampleFps,
        boolean keyframesOnly,
        int workers,
        int queueUnits,
        int maxFrameWidth,
        int detectionSide,
        List<Double> motionRegion,
        double motionSensitivity,
        double triggerLine,
        Duration trackMaxAge,
        int minObservations,
        double minConfidence,
        List<String> patterns,
        boolean saveImages) {

    /** The foreign formats that {@code patterns} may name. */
    public static final Set<String> KNOWN_PATTERNS = Set.of("DE", "FR", "US-CA");

    /** Checkpoint cameras frame plates large (100-200 px wide at 720p): half the frame's side finds them. */
    public static final int DEFAULT_DETECTION_SIDE = 640;

    public PlatesConfig {
        Require.between("sampleFps", sampleFps, 0.2, 30);
        Require.between("workers", workers, 1, 64);
        Require.between("queueUnits", queueUnits, 8, 4096);
        Require.between("maxFrameWidth", maxFrameWidth, 320, 3840);
        Require.between("detectionSide", detectionSide, 320, 2048);
        Require.nonNull("motionRegion", motionRegion);
        motionRegion = List.copyOf(motionRegion);
        if (motionRegion.size() != 4) {
            throw new ConfigException("motionRegion", "must be [x, y, width, height] as fractions of the picture, got "
                    + motionRegion.size() + " numbers");
        }
        for (int i = 0; i < 4; i++) {
            Require.between("motionRegion[" + i + "]", motionRegion.get(i), 0, 1);
        }
        if (motionRegion.get(2) <= 0 || motionRegion.get(3) <= 0 || motionRegion.get(0) + motionRegion.get(2) > 1.0001
                || motionRegion.get(1) + motionRegion.get(3) > 1.0001) {
            throw new ConfigException("motionRegion", "must have a positive width and height and lie inside the "
                    + "picture (x + width <= 1, y + height <= 1), got " + motionRegion);
        }
        Require.between("motionSensitivity", motionSensitivity, 0.0001, 0.5);
        Require.between("triggerLine", triggerLine, 0, 1);
        Require.between("trackMaxAge", trackMaxAge, Duration.ofMillis(200), Duration.ofSeconds(30));
        Require.between("minObservations", minObservations, 1, 100);
        Require.between("minConfidence", minConfidence, 0, 1);
        Require.nonNull("patterns", patterns);
        patterns = List.copyOf(patterns);
        for (int i = 0; i < patterns.size(); i++) {
            if (!KNOWN_PATTERNS.contains(patterns.get(i))) {
                throw new ConfigException("patterns[" + i + "]", "unknown plate format '" + patterns.get(i)
                        + "'; known: " + KNOWN_PATTERNS.stream().sorted().toList());
            }
        }
    }

    public static PlatesConfig defaults() {
        return new PlatesConfig(5, false, 1, 256, 1280, DEFAULT_DETECTION_SIDE, List.of(0.0, 0.0, 1.0, 1.0), 0.002, 0.75,
                Duration.ofMillis(1200), 2, 0.5, List.of(), true);
    }
}
