package io.xueliang.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sums of the per-camera counters in one scrape of the server's /metrics. */
record MetricsScrape(double frames, double rtpLost, double bytes, double up, double reconnects) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static MetricsScrape of(int port) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
        double frames = 0, lost = 0, bytes = 0, up = 0, reconnects = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (line.startsWith("xueliang_camera_frames_total{")) {
                frames += v;
            } else if (line.startsWith("xueliang_camera_rtp_lost_total{")) {
                lost += v;
            } else if (line.startsWith("xueliang_camera_bytes_total{")) {
                bytes += v;
            } else if (line.startsWith("xueliang_camera_up{")) {
                up += v;
            } else if (line.startsWith("xueliang_camera_reconnects_total{")) {
                reconnects += v;
            }
        }
        return new MetricsScrape(frames, lost, bytes, up, reconnects);
    }
}
