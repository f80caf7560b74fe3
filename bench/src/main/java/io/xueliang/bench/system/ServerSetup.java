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
    /** What {@code --server-jvm} takes to mean the options {@code ./xueliang} runs the server with. */
    public static final String LAUNCHER_JVM = "launcher";
    /**
     * The environment {@code ./xueliang} sets for the server, as {@code env:NAME=VALUE} words among the JVM options
     * (RunningSystem sets them instead of passing them to java): keep it equal to the launcher's.
     */
    public static final String LAUNCHER_ENV = "env:MALLOC_ARENA_MAX=2";

    /**
     * {@code options}, or for {@link #LAUNCHER_JVM} (optionally followed by more options, added after them) the
     * launcher's own, from {@code config/jvm.options} (one option a line, {@code #} comments) under {@code repository}
     * or a parent: what a new user's {@code ./xueliang run} gets.
     */
    public static String jvmOptions(String options, java.nio.file.Path repository) throws java.io.IOException {
        if (!options.strip().equals(LAUNCHER_JVM) && !options.strip().startsWith(LAUNCHER_JVM + " ")) {
            return options;
        }
        String more = options.strip().substring(LAUNCHER_JVM.length()); // "launcher -Xlog:gc": added after them
        for (java.nio.file.Path dir = repository.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            java.nio.file.Path file = dir.resolve("config").resolve("jvm.options");
            if (java.nio.file.Files.isRegularFile(file)) {
                return LAUNCHER_ENV + " " + String.join(" ", java.nio.file.Files.readAllLines(file).stream()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) + more;
            }
        }
        throw new java.io.FileNotFoundException("config/jvm.options above " + repository.toAbsolutePath());
    }
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
        // -Dxueliang.bench.ingest="keepKeyframes: false" (say): ingest options for an A/B run of one build.
        String ingest = System.getProperty("xueliang.bench.ingest");
        if (ingest != null && !ingest.isBlank()) {
            yaml.append("ingest: { ").append(ingest).append(" }\n");
        }
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
