package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.storage.recording.RecorderStats;
import io.xueliang.storage.recording.RecordingGate;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Recording metrics ({@code xueliang_recording_*}, label {@code camera}), read from the recorders when Prometheus
 * scrapes, and {@code xueliang_recording_paused}: 1 while recording is paused because no disk space could be freed.
 */
public final class RecordingMetricsCollector implements MultiCollector {
    private final Supplier<List<RecorderStats>> recorders;
    private final RecordingGate gate;

    public RecordingMetricsCollector(Supplier<List<RecorderStats>> recorders, RecordingGate gate) {
        this.recorders = recorders;
        this.gate = gate;
    }

    @Override
    public MetricSnapshots collect() {
        List<RecorderStats> all = recorders.get();
        return new MetricSnapshots(
                GaugeSnapshot.builder().name("xueliang_recording_paused")
                        .help("1 while recording is paused: below the free-space floor with nothing left to delete")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(gate.paused() ? 1 : 0).build()).build(),
                CounterSnapshot.builder().name("xueliang_recording_pauses")
                        .help("Times recording paused for lack of disk space")
                        .dataPoint(CounterDataPointSnapshot.builder().value(gate.pauses()).build()).build(),
                gauge("xueliang_recording_active", "1 while a segment of the camera is open", all, s -> s.recording() ? 1 : 0),
                counter("xueliang_recording_units", "Access units written to segments", all, RecorderStats::units),
                counter("xueliang_recording_dropped_units", "Access units not recorded (before a keyframe, paused, after a"
                        + " failure, recorder queue overflow)", all, RecorderStats::droppedUnits),
                counter("xueliang_recording_segments", "Segment files opened", all, RecorderStats::segments),
                counter("xueliang_recording_bytes", "Bytes in finished segment files", all, RecorderStats::bytes),
                counter("xueliang_recording_gaps", "Gaps indexed (outages, clock steps, pauses)", all, RecorderStats::gaps),
                counter("xueliang_recording_clock_steps", "Camera clock steps that started a new segment", all,
                        RecorderStats::clockSteps),
                counter("xueliang_recording_write_failures", "Failed segment writes", all, RecorderStats::writeFailures));
    }

    private static GaugeSnapshot gauge(String name, String help, List<RecorderStats> all, ToDoubleFunction<RecorderStats> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (RecorderStats s : all) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("camera", s.camera().value()))
                    .value(value.applyAsDouble(s)).build());
        }
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, List<RecorderStats> all, ToDoubleFunction<RecorderStats> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (RecorderStats s : all) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("camera", s.camera().value()))
                    .value(value.applyAsDouble(s)).build());
        }
        return b.build();
    }
}
