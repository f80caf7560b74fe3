package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.storage.recording.RecorderStats;
import io.xueliang.storage.recording.RecordingGate;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Recording metrics ({@code xueliang_recording_*}, label {@code camera}), read from the recorders when Prometheus
 * scrapes: each camera's {@code xueliang_recording_state} (1 for the state it is in), and for the node
 * {@code xueliang_recording_paused} (1 while recording stops for lack of space: the floor cannot be kept, or the
 * volume is full) and {@code xueliang_recording_disk_full} (1 while a write has found the volume full).
 */
public final class RecordingMetricsCollector implements MultiCollector {
    private final Supplier<List<RecorderStats>> recorders;
    private final RecordingGate gate;
    private final LongSupplier queuedBytes;
    private final LongSupplier fragmentBytes;

    /**
     * @param queuedBytes   bytes waiting in all recorders' queues now
     * @param fragmentBytes off-heap bytes allocated for the cameras' open fragments
     */
    public RecordingMetricsCollector(Supplier<List<RecorderStats>> recorders, RecordingGate gate,
            LongSupplier queuedBytes, LongSupplier fragmentBytes) {
        this.recorders = recorders;
        this.gate = gate;
        this.queuedBytes = queuedBytes;
        this.fragmentBytes = fragmentBytes;
    }

    @Override
    public MetricSnapshots collect() {
        var all = new PerCameraSnapshots<>(recorders.get(), RecorderStats::camera);
        return new MetricSnapshots(
                GaugeSnapshot.builder().name("xueliang_recording_paused")
                        .help("1 while recording is stopped for lack of space: below the free-space floor with nothing"
                                + " left to delete, or the storage volume full")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(gate.paused() ? 1 : 0).build()).build(),
                GaugeSnapshot.builder().name("xueliang_recording_disk_full")
                        .help("1 while recording is stopped because a write found the storage volume full")
                        .dataPoint(GaugeDataPointSnapshot.builder()
                                .value(gate.state() == RecordingGate.State.DISK_FULL ? 1 : 0).build()).build(),
                CounterSnapshot.builder().name("xueliang_recording_disk_full_events")
                        .help("Times a write found the storage volume full")
                        .dataPoint(CounterDataPointSnapshot.builder().value(gate.diskFulls()).build()).build(),
                CounterSnapshot.builder().name("xueliang_recording_pauses")
                        .help("Times recording paused for lack of disk space")
                        .dataPoint(CounterDataPointSnapshot.builder().value(gate.pauses()).build()).build(),
                GaugeSnapshot.builder().name("xueliang_recording_queued_bytes")
                        .help("Bytes of video waiting in the recorders' queues (bounded by recording.queueHeapPercent)")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(queuedBytes.getAsLong()).build()).build(),
                GaugeSnapshot.builder().name("xueliang_recording_fragment_memory_bytes")
                        .help("Off-heap memory allocated for the cameras' open fragments")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(fragmentBytes.getAsLong()).build()).build(),
                all.gauge("xueliang_recording_active", "1 while a segment of the camera is open", s -> s.recording() ? 1 : 0),
                all.state("xueliang_recording_state", "1 for what the camera's recording does now: recording, idle,"
                        + " opening, failing, paused or disk-full", "state", RecorderStats::state),
                all.counter("xueliang_recording_units", "Access units written to segments", RecorderStats::units),
                all.counter("xueliang_recording_dropped_units", "Access units not recorded (before a keyframe, paused, after a"
                        + " failure, recorder queue overflow)", RecorderStats::droppedUnits),
                all.counter("xueliang_recording_segments", "Segment files opened", RecorderStats::segments),
                all.counter("xueliang_recording_bytes", "Bytes in finished segment files", RecorderStats::bytes),
                all.counter("xueliang_recording_gaps", "Gaps indexed (outages, clock steps, pauses)", RecorderStats::gaps),
                all.counter("xueliang_recording_clock_steps", "Camera clock steps that started a new segment",
                        RecorderStats::clockSteps),
                all.counter("xueliang_recording_write_failures", "Failed segment writes", RecorderStats::writeFailures),
                all.counter("xueliang_recording_rotations_deferred", "Stream changes that did not start a segment because"
                        + " one started less than recording.changeRotationInterval before", RecorderStats::rotationsDeferred));
    }
}
