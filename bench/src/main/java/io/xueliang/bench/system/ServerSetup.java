package io.xueliang.bench.system;

import java.nio.file.Path;

/**
 * What a load run starts: N simulated cameras and a server pulling all of them.
 *
 * @param cameras        cameras cam1..camN, all served by one simulator
 * @param transport      tcp or udp, for every camera
 * @param record         cameraDefaults.record
 * @param segmentSeconds recording.segmentSeconds
 * @param storageRoot    storage.root of the server (recordings go under {@code recordings/})
 * @param clip           the simulator's {@code --source}, or null for its built-in clip
 * @param simulatorPort  RTSP port of the simulator
 * @param httpPort       HTTP port of the server
 * @param serverJvm      JVM options of the server, space-separated
 * @param simulatorJvm   JVM options of the simulator, space-separated
 */
public record ServerSetup(int cameras, String transport, boolean record, int segmentSeconds, Path storageRoot,
        Path clip, int simulatorPort, int httpPort, String serverJvm, String simulatorJvm) {

    /** The JVM options the ingest numbers in docs/BENCHMARKS.md were measured with. */
    public static final String SERVER_JVM =
            "-Xms64m -Xmx768m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:CICompilerCount=2";
    public static final String SIMULATOR_JVM = "-Xmx1g -XX:+UseParallelGC";
    /** Bearer token for /metrics (http.metricsToken); the server refuses anonymous scrapes. */
    public static final String METRICS_TOKEN = "bench-metrics-token-0123456789";

    /** The server's configuration file. */
    public String yaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("http: { port: ").append(httpPort).append(", metricsToken: ").append(METRICS_TOKEN).append(" }\n");
        yaml.append("storage: { root: \"").append(storageRoot).append("\" }\n");
        yaml.append("recording: { segmentSeconds: ").append(segmentSeconds).append(" }\n");
        yaml.append("cameraDefaults: { transport: ").append(transport).append(", record: ").append(record)
                .append(" }\n");
        yaml.append("cameras:\n");
        for (int i = 1; i <= cameras; i++) {
            yaml.append("  - { id: cam").append(i).append(", source: \"").append(cameraUrl(i)).append("\" }\n");
        }
        return yaml.toString();
    }

    /** The simulator's URL of camera {@code i} (1-based). */
    public String cameraUrl(int i) {
        return "rtsp://127.0.0.1:" + simulatorPort + "/cam" + i;
    }
}
