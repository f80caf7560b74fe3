package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per-camera ingest metrics (DESIGN.md section 5), read from the supervisor when Prometheus
 * scrapes, so that the media path pays nothing for them. Label {@code camera} is the camera id;
 * no URI, and so no password, ever appears in a metric.
 */
public final class CameraMetricsCollector implements MultiCollector {
    private final CameraHealthSource source;
    private final InstantSource clock;

    public CameraMetricsCollector(CameraHealthSource source, InstantSource clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<CameraHealth> cameras = source.cameraHealth();
        var now = clock.instant();
        return new MetricSnapshots(
                gauge("xueliang_camera_up", "1 while the camera is playing, else 0", cameras, h -> h.up() ? 1 : 0),
                counter("xueliang_camera_frames", "Access units received", cameras, CameraHealth::frames),
                counter("xueliang_camera_bytes", "Bytes received from the camera (RTP and RTCP)", cameras, CameraHealth::bytes),
                counter("xueliang_camera_rtp_lost", "RTP packets lost, counted from sequence numbers", cameras, CameraHealth::rtpPacketsLost),
                counter("xueliang_camera_reconnects", "Connection attempts after the first", cameras, CameraHealth::reconnects),
                gauge("xueliang_camera_last_frame_age_seconds", "Seconds since the last access unit arrived; NaN before the first",
                        cameras, h -> h.lastFrameAt() == null ? Double.NaN
                                : Duration.between(h.lastFrameAt(), now).toNanos() / 1e9));
    }

    private static GaugeSnapshot gauge(String name, String help, List<CameraHealth> cameras, ToDoubleFunction<CameraHealth> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (CameraHealth h : cameras) {
            b.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("camera", h.camera().value()))
                    .value(value.applyAsDouble(h)).build());
        }
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, List<CameraHealth> cameras, ToDoubleFunction<CameraHealth> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (CameraHealth h : cameras) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("camera", h.camera().value()))
                    .value(value.applyAsDouble(h)).build());
        }
        return b.build();
    }
}
