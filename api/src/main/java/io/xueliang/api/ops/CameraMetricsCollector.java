package io.xueliang.api.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraHealthSource;
import java.time.Duration;
import java.time.InstantSource;

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
        var cameras = new PerCameraSnapshots<>(source.cameraHealth(), CameraHealth::camera);
        var now = clock.instant();
        return new MetricSnapshots(
                cameras.gauge("xueliang_camera_up", "1 while the camera is playing, else 0", h -> h.up() ? 1 : 0),
                cameras.counter("xueliang_camera_frames", "Access units received", CameraHealth::frames),
                cameras.counter("xueliang_camera_bytes", "Bytes received from the camera (RTP and RTCP)", CameraHealth::bytes),
                cameras.counter("xueliang_camera_rtp_lost", "RTP packets lost, counted from sequence numbers",
                        CameraHealth::rtpPacketsLost),
                cameras.counter("xueliang_camera_reconnects", "Connection attempts after the first", CameraHealth::reconnects),
                cameras.counter("xueliang_camera_foreign_datagrams",
                        "UDP datagrams from an address or port the camera did not announce, dropped",
                        h -> h.faults().foreignDatagrams()),
                cameras.counter("xueliang_camera_foreign_ssrc_packets",
                        "RTP packets of another SSRC than the one the track settled on, dropped",
                        h -> h.faults().foreignSsrcPackets()),
                cameras.counter("xueliang_camera_units_broken",
                        "Access units dropped because a packet inside them was lost or a fragment broke",
                        h -> h.faults().unitsBroken()),
                cameras.counter("xueliang_camera_units_awaiting_keyframe",
                        "Access units dropped while a keyframe was awaited (start, after a loss)",
                        h -> h.faults().unitsAwaitingKeyframe()),
                cameras.counter("xueliang_camera_units_oversize",
                        "Access units dropped for exceeding ingest.maxAccessUnitBytes", h -> h.faults().unitsOversize()),
                cameras.counter("xueliang_camera_packets_unsupported",
                        "RTP packets of a payload structure not handled (STAP-B, MTAP, FU-B, PACI)",
                        h -> h.faults().packetsUnsupported()),
                cameras.counter("xueliang_camera_parameter_sets_ignored",
                        "VPS, SPS or PPS that do not parse, dropped", h -> h.faults().parameterSetsIgnored()),
                cameras.counter("xueliang_camera_protocol_errors",
                        "Sessions ended because the camera broke the protocol (malformed RTSP, SDP, RTP or RTCP, a limit)",
                        h -> h.faults().protocolErrors()),
                cameras.gauge("xueliang_camera_last_frame_age_seconds",
                        "Seconds since the last access unit arrived; NaN before the first",
                        h -> h.lastFrameAt() == null ? Double.NaN : Duration.between(h.lastFrameAt(), now).toNanos() / 1e9));
    }
}
