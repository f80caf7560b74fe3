package io.xueliang.storage.recording;

import io.xueliang.config.RecordingConfig;
import io.xueliang.config.RetentionRule;
import io.xueliang.media.CameraId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How long each camera's recordings are kept: its own rule, else the rule of its deepest region that has one, else
 * {@code recording.retentionDays}. Evidence holds override all of them (see {@link RecordingIndex#deletable}).
 */
public final class RetentionPolicy {
    private final int defaultDays;
    private final Map<String, Integer> byCamera = new HashMap<>();
    private final Map<List<String>, Integer> byRegion = new HashMap<>();
    private final Function<CameraId, List<String>> regionOf;

    /** @param regionOf a camera's region path (empty when unknown, e.g. a camera since removed) */
    public RetentionPolicy(RecordingConfig config, Function<CameraId, List<String>> regionOf) {
        this.defaultDays = config.retentionDays();
        this.regionOf = regionOf;
        for (RetentionRule r : config.retention()) {
            if (r.camera() != null) {
                byCamera.put(r.camera(), r.days());
            } else {
                byRegion.put(r.region(), r.days());
            }
        }
    }

    public Duration retention(CameraId camera) {
        Integer days = byCamera.get(camera.value());
        if (days == null && !byRegion.isEmpty()) {
            List<String> region = regionOf.apply(camera);
            for (int depth = region.size(); depth > 0 && days == null; depth--) {
                days = byRegion.get(region.subList(0, depth));
            }
        }
        return Duration.ofDays(days == null ? defaultDays : days);
    }
}
