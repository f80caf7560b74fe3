package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.media.PlateReadingStats;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plate reading metrics ({@code xueliang_plate_*}, label {@code camera}), read from the plate cameras' counters
 * when Prometheus scrapes.
 */
public final class PlateMetricsCollector implements MultiCollector {
    private final Supplier<List<PlateReadingStats>> cameras;

    public PlateMetricsCollector(Supplier<List<PlateReadingStats>> cameras) {
        this.cameras = cameras;
    }

    @Override
    public MetricSnapshots collect() {
        var all = new PerCameraSnapshots<>(cameras.get(), PlateReadingStats::camera);
        return new MetricSnapshots(
                all.counter("xueliang_plate_reads", "Consolidated plate reads published, one per vehicle pass",
                        PlateReadingStats::reads),
                all.counter("xueliang_plate_sightings", "Plates read in single sampled pictures",
                        PlateReadingStats::plateSightings),
                all.counter("xueliang_plate_frames_sampled", "Decoded pictures taken at the sample rate",
                        PlateReadingStats::framesSampled),
                all.counter("xueliang_plate_frames_still", "Sampled pictures without motion, not sent to detection",
                        PlateReadingStats::framesStill),
                all.counter("xueliang_plate_frames_analysed", "Pictures that went through detection and reading",
                        PlateReadingStats::framesAnalysed),
                all.counter("xueliang_plate_frames_dropped", "Pictures with motion dropped while detection was busy",
                        PlateReadingStats::framesDropped),
                all.counter("xueliang_plate_units_skipped", "Access units skipped because analytics fell behind",
                        PlateReadingStats::unitsSkipped),
                all.counter("xueliang_plate_decode_errors", "Access units the decoder refused as corrupt",
                        PlateReadingStats::decodeErrors));
    }
}
