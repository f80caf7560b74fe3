package io.xueliang.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sums over all cameras of the counters in one scrape of the server's /metrics.
 *
 * @param frames          {@code xueliang_camera_frames_total}: access units received
 * @param rtpLost         {@code xueliang_camera_rtp_lost_total}: RTP packets lost, from sequence numbers
 * @param bytes           {@code xueliang_camera_bytes_total}: bytes received from the cameras
 * @param up              {@code xueliang_camera_up}: cameras playing
 * @param reconnects      {@code xueliang_camera_reconnects_total}
 * @param recordedUnits   {@code xueliang_recording_units_total}: access units written to segments
 * @param droppedUnits    {@code xueliang_recording_dropped_units_total}: access units not recorded
 * @param recording       {@code xueliang_recording_active}: cameras with an open segment
 * @param writeFailures   {@code xueliang_recording_write_failures_total}
 */
public record MetricsScrape(double frames, double rtpLost, double bytes, double up, double reconnects,
        double recordedUnits, double droppedUnits, double recording, double writeFailures) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Scrapes {@code http://127.0.0.1:PORT/metrics} with {@code token} as the bearer (http.metricsToken). */
    public static MetricsScrape of(int port, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static MetricsScrape parse(String body) {
        double frames = 0, lost = 0, bytes = 0, up = 0, reconnects = 0, units = 0, dropped = 0, recording = 0;
        double failures = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            if (space < 0 || brace < 0) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            switch (line.substring(0, brace)) {
                case "xueliang_camera_frames_total" -> frames += v;
                case "xueliang_camera_rtp_lost_total" -> lost += v;
                case "xueliang_camera_bytes_total" -> bytes += v;
                case "xueliang_camera_up" -> up += v;
                case "xueliang_camera_reconnects_total" -> reconnects += v;
                case "xueliang_recording_units_total" -> units += v;
                case "xueliang_recording_dropped_units_total" -> dropped += v;
                case "xueliang_recording_active" -> recording += v;
                case "xueliang_recording_write_failures_total" -> failures += v;
                default -> {
                }
            }
        }
        return new MetricsScrape(frames, lost, bytes, up, reconnects, units, dropped, recording, failures);
    }
}
