package io.xueliang.media;

import io.xueliang.config.RetentionRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How long each camera's recordings, or its plate reads, are kept: its own rule, else the rule of its deepest region
 * that has one, else the section's {@code retentionDays} ({@code recording}, {@code reads}). Evidence holds override
 * all of them (storage's recording index, the read store's retention).
 */
public final class RetentionPolicy {
    private final int defaultDays;
    private final Map<String, Integer> byCamera = new HashMap<>();
    private final Map<List<String>, Integer> byRegion = new HashMap<>();
    private final Function<CameraId, List<String>> regionOf;

    /**
     * @param defaultDays the section's {@code retentionDays}
     * @param rules       the section's {@code retention} rules
     * @param regionOf    a camera's region path (empty when unknown, e.g. a camera since removed)
     */
    public RetentionPolicy(int defaultDays, List<RetentionRule> rules, Function<CameraId, List<String>> regionOf) {
        this.defaultDays = defaultDays;
        this.regionOf = regionOf;
        for (RetentionRule r : rules) {
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
