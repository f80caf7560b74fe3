package io.xueliang.bench.api;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.MediaTickets;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.auth.TokenRateLimiter;
import io.xueliang.api.cameras.CameraEndpoints;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.ApiServer;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.ops.OpsEndpoints;
import io.xueliang.bench.proc.ProcReader;
import io.xueliang.bench.proc.ProcessSample;
import io.xueliang.config.HttpConfig;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.storage.audit.AuditLog;
import io.xueliang.storage.audit.AuditVerification;
import io.xueliang.storage.audit.SqliteAuditLog;
import io.xueliang.storage.auth.PasswordHasher;
import io.xueliang.storage.auth.PasswordPolicy;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.SqliteTokenStore;
import io.xueliang.storage.auth.SqliteUserStore;
import io.xueliang.storage.auth.User;
import io.xueliang.storage.registry.CameraOrigin;
import io.xueliang.storage.registry.SqliteCameraRegistry;
import io.xueliang.storage.secret.SecretBox;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Load on the camera API as a command centre makes it: authenticated {@code GET /api/v1/cameras}
 * (first page, default limit) and {@code GET /api/v1/cameras/{id}/status} (ids drawn at random over
 * all cameras by a wrk Lua script), with N registered cameras, side by side with a static file
 * served by the same Vert.x instance. Audit modes: {@code sqlite}, the real audit log in the
 * embedded store as the server runs it; {@code discard}, an audit log that keeps nothing (the
 * difference is what audit writing costs); {@code sqlite-own-file}, the real audit log in a second
 * database file (what sharing the store's file costs the reads).
 *
 * <p>The harness composes what the server composes for these routes (the embedded store, camera
 * registry, user and token stores, token authentication, audit trail, camera endpoints, /metrics)
 * in this JVM, on a fresh store per audit mode. Camera health comes from a map instead of a running
 * ingest. {@code wrk} runs as a child process on the same machine: it and the server share the
 * cores, so keep wrk to one or two threads. A round 0 warms the JIT up and is not reported; rounds
 * alternate the modes, and a summary gives each mode and route's medians over the rounds.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/xueliang-bench-*.jar:bench/target/lib/*' \
 *     io.xueliang.bench.api.ApiLoadHarness --cameras 10000 --warmup 5 --seconds 15 --threads 1 --connections 32
 * </pre>
 */
public final class ApiLoadHarness {
    /** GB/T 28181-style ids: 8-digit area, industry 00, type 131 (camera), then a 7-digit serial. */
    private static final String ID_PREFIX = "4303210000131";
    private static final String PASSWORD = "bench-password-long-enough";

    private int cameras = 10_000;
    private int warmupSeconds = 5;
    private int measureSeconds = 15;
    private int threads = 1;
    private int connections = 32;
    private int rounds = 1;
    private List<String> modes = List.of("discard", "sqlite");
    private List<String> routes = List.of("static", "list", "status");
    private int port = 18081;

    private final Path scripts;
    private final List<Row> rows = new ArrayList<>();

    /** One measured run. */
    private record Row(String mode, String route, WrkResult result, Measured measured) {
        double cpuMicrosPerRequest() {
            return measured.serverCores() * 1e6 / result.requestsPerSecond();
        }
    }

    private ApiLoadHarness() throws IOException {
        scripts = Files.createTempDirectory("xueliang-api-bench-lua-");
        String report = resource("report.lua");
        Files.writeString(scripts.resolve("report.lua"), report);
        Files.writeString(scripts.resolve("status.lua"), resource("status.lua") + "\n" + report);
    }

    public static void main(String[] args) throws Exception {
        ApiLoadHarness h = new ApiLoadHarness();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cameras" -> h.cameras = Integer.parseInt(args[++i]);
                case "--warmup" -> h.warmupSeconds = Integer.parseInt(args[++i]);
                case "--seconds" -> h.measureSeconds = Integer.parseInt(args[++i]);
                case "--threads" -> h.threads = Integer.parseInt(args[++i]);
                case "--connections" -> h.connections = Integer.parseInt(args[++i]);
                case "--rounds" -> h.rounds = Integer.parseInt(args[++i]);
                case "--modes" -> h.modes = List.of(args[++i].split(","));
                case "--routes" -> h.routes = List.of(args[++i].split(","));
                case "--port" -> h.port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%d cameras, wrk -t%d -c%d, %d s warm-up + %d s measured per route, %d CPU(s), Java %s%n",
                h.cameras, h.threads, h.connections, h.warmupSeconds, h.measureSeconds,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println("| round | audit | route | requests/s | p50 ms | p90 ms | p99 ms | max ms | bytes/answer | server CPU µs/request | server cores | wrk cores | other cores | non-2xx | socket errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // Round 0 only warms the JIT up for every mode and route, so that the first mode measured is not the slower.
        for (String mode : h.modes) {
            h.runMode(0, mode);
        }
        for (int round = 1; round <= h.rounds; round++) {
            for (String mode : h.modes) {
                h.runMode(round, mode);
            }
        }
        h.summary();
        try (var files = Files.walk(h.scripts)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Medians over the rounds, and each audit mode against {@code discard}. */
    private void summary() {
        System.out.println();
        System.out.println("| audit | route | runs | requests/s (median) | p50 ms | p99 ms | server CPU µs/request | requests/s vs discard | CPU/request vs discard |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String route : routes) {
            for (String mode : modes) {
                List<Row> runs = rows.stream().filter(r -> r.mode().equals(mode) && r.route().equals(route)).toList();
                List<Row> base = rows.stream().filter(r -> r.mode().equals("discard") && r.route().equals(route)).toList();
                double rps = median(runs, r -> r.result().requestsPerSecond());
                double cpu = median(runs, Row::cpuMicrosPerRequest);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %.2f | %.2f | %.0f | %s | %s |%n", mode, route, runs.size(), rps,
                        median(runs, r -> r.result().p50Micros() / 1e3), median(runs, r -> r.result().p99Micros() / 1e3), cpu,
                        base.isEmpty() ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (rps / median(base, r -> r.result().requestsPerSecond()) - 1)),
                        base.isEmpty() ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (cpu / median(base, Row::cpuMicrosPerRequest) - 1)));
            }
        }
    }

    private static double median(List<Row> runs, ToDoubleFunction<Row> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private void runMode(int round, String mode) throws Exception {
        InstantSource clock = InstantSource.system();
        Path root = Files.createTempDirectory("xueliang-api-bench-");
        Path site = Files.createDirectories(root.resolve("site"));
        Files.writeString(site.resolve("index.html"), staticPage());
        try (EmbeddedDatabase database = EmbeddedDatabase.open(root.resolve("data"), EmbeddedDatabaseSettings.defaults(), clock);
             BlockingWork work = new BlockingWork("api-worker", 4, 10_000)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SqliteCameraRegistry registry = new SqliteCameraRegistry(database, new SecretBox(key), clock);
            MapCameraHealth health = register(registry, clock);
            SqliteUserStore users = new SqliteUserStore(database, PasswordHasher.owasp(), PasswordPolicy.DEFAULT);
            users.create(User.of("bench", Set.of(Role.ADMIN), List.of(), clock.instant()), PASSWORD).get(30, TimeUnit.SECONDS);
            SqliteTokenStore tokens = new SqliteTokenStore(database, clock);
            String token = tokens.issueSession("bench", Duration.ofHours(6)).get(30, TimeUnit.SECONDS).token();

            EmbeddedDatabase auditStore = mode.equals("sqlite-own-file")
                    ? EmbeddedDatabase.open(root.resolve("audit"), EmbeddedDatabaseSettings.defaults(), clock) : null;
            AuditLog auditLog = switch (mode) {
                case "sqlite" -> new SqliteAuditLog(database);
                case "sqlite-own-file" -> new SqliteAuditLog(auditStore);
                case "discard" -> new DiscardingAuditLog();
                default -> throw new IllegalArgumentException("audit mode is sqlite, sqlite-own-file or discard, not " + mode);
            };
            // The bench measures the server with one token at full speed: its rate limit is set out of reach.
            ApiOperations operations = new ApiOperations().authenticator(new TokenAuthenticator(tokens,
                    new MediaTickets(clock, Duration.ofMinutes(15), new SecureRandom()),
                    new TokenRateLimiter(clock, 100_000, 1_000_000, 16), work));
            new OpsEndpoints(new PrometheusRegistry(), health, null).register(operations);
            new CameraEndpoints(registry, health, new AuditTrail(auditLog, clock), work).register(operations);
            operations.staticFiles(site);
            long commitsBefore;
            try (ApiServer server = ApiServer.start(new HttpConfig(port, null), "127.0.0.1", operations, Duration.ofSeconds(30))) {
                String base = "http://127.0.0.1:" + server.port();
                checkAnswers(base, token);
                commitsBefore = database.transactionsCommitted();
                for (String route : routes) {
                    wrk(base, route, token, warmupSeconds, false);
                    if (round == 0) {
                        continue;
                    }
                    Measured m = wrk(base, route, token, measureSeconds, true);
                    WrkResult r = m.result();
                    rows.add(new Row(mode, route, r, m));
                    System.out.printf(Locale.ROOT, "| %d | %s | %s | %,.0f | %.2f | %.2f | %.2f | %.1f | %,.0f | %.0f | %.2f | %.2f | %.2f | %d | %d |%n",
                            round, mode, route, r.requestsPerSecond(), r.p50Micros() / 1e3, r.p90Micros() / 1e3,
                            r.p99Micros() / 1e3, r.maxMicros() / 1e3, r.bytesPerAnswer(), m.serverCores() * 1e6 / r.requestsPerSecond(),
                            m.serverCores(), m.wrkCores(), m.otherCores(), r.statusErrors(), r.socketErrors());
                }
            }
            long commits = database.transactionsCommitted() - commitsBefore;
            AuditVerification chain = auditLog.verify();
            if (auditStore != null) {
                commits = auditStore.transactionsCommitted();
                auditStore.close();
            }
            if (round > 0) {
                System.err.printf(Locale.ROOT, "round %d, audit %s: %d audit records (chain %s), %d store commits during the runs%n",
                        round, mode, auditLog instanceof DiscardingAuditLog d ? d.appended() : chain.recordsChecked(),
                        chain.ok() ? "intact" : "BROKEN: " + chain.reason(), commits);
            }
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Registers the cameras (group-committed) and gives each a health entry as a playing camera would have. */
    private MapCameraHealth register(SqliteCameraRegistry registry, InstantSource clock) throws Exception {
        Map<CameraId, CameraHealth> health = new HashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 1; i <= cameras; i++) {
            CameraId id = CameraId.of(id(i));
            List<String> region = List.of("县" + (i % 3), "镇" + (i % 30), "村" + (i % 300));
            Camera camera = new Camera(id, "卡口 " + i, region, new Location(27.7 + i * 1e-5, 112.9 + i * 1e-5),
                    URI.create("rtsp://admin:secret" + i + "@10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256)
                            + ":554/Streaming/Channels/101"),
                    null, Transport.TCP, true, true, i % 20 == 0, true, null);
            pending.add(registry.put(camera, CameraOrigin.API));
            health.put(id, new CameraHealth(id, CameraState.PLAYING, 25L * 3600 * i % 1_000_000, 1_000_000L * i, 0, i % 5,
                    now, null));
            if (pending.size() == 1000) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return new MapCameraHealth(health);
    }

    private static String id(int serial) {
        return ID_PREFIX + String.format(Locale.ROOT, "%07d", serial);
    }

    /** Each route answers 200 once before any load, so that no run measures error answers. */
    private void checkAnswers(String base, String token) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/index.html", "/api/v1/cameras", "/api/v1/cameras/" + id(cameras) + "/status")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /** @param otherCores what the rest of the machine used meanwhile (other processes, the kernel's own threads) */
    private record Measured(WrkResult result, double serverCores, double wrkCores, double otherCores) {
    }

    private Measured wrk(String base, String route, String token, int seconds, boolean report) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s"));
        switch (route) {
            case "static" -> cmd.addAll(List.of("-s", scripts.resolve("report.lua").toString(), base + "/index.html"));
            case "list" -> cmd.addAll(List.of("-H", "Authorization: Bearer " + token,
                    "-s", scripts.resolve("report.lua").toString(), base + "/api/v1/cameras"));
            case "status" -> cmd.addAll(List.of("-H", "Authorization: Bearer " + token,
                    "-s", scripts.resolve("status.lua").toString(), base, "--", Integer.toString(cameras), ID_PREFIX));
            default -> throw new IllegalArgumentException("route is static, list or status, not " + route);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long self = ProcessHandle.current().pid();
        ProcessSample server0 = ProcReader.sample(List.of(self));
        ProcessSample wrk0 = ProcReader.sample(List.of(p.pid()));
        ProcessSample machine0 = ProcReader.machine();
        Map<String, Long> threads0 = ProcReader.threadCpuNanos();
        // wrk's /proc entry goes when it exits: keep its last sample, taken every 100 ms.
        ProcessSample wrkLast = wrk0;
        ProcessSample serverLast = server0;
        ProcessSample machineLast = machine0;
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            ProcessSample s = ProcReader.sample(List.of(p.pid()));
            if (s.cpuNanos() > 0) {
                wrkLast = s;
                serverLast = ProcReader.sample(List.of(self));
                machineLast = ProcReader.machine();
            }
        }
        Map<String, Long> threads1 = ProcReader.threadCpuNanos();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("wrk exited with " + p.exitValue() + ":\n" + output);
        }
        WrkResult result = WrkResult.parse(output);
        if (report) {
            // Where the server's CPU went, per request, by thread (the harness's own threads are idle meanwhile).
            StringBuilder line = new StringBuilder("  " + route + " server CPU µs/request by thread:");
            threads1.forEach((name, nanos) -> {
                double us = (nanos - threads0.getOrDefault(name, 0L)) / 1e3 / result.requests();
                if (us >= 1) {
                    line.append(String.format(Locale.ROOT, " %s=%.0f", name.replace(' ', '_'), us));
                }
            });
            System.err.println(line);
        }
        double server = serverLast.coresSince(server0);
        double wrk = wrkLast.coresSince(wrk0);
        return new Measured(result, server, wrk, Math.max(0, machineLast.coresSince(machine0) - server - wrk));
    }

    /** About the size of one camera's status answer, so the baseline moves a like amount of bytes. */
    private static String staticPage() {
        StringBuilder page = new StringBuilder("<!doctype html><title>xueliang</title>\n");
        while (page.length() < 400) {
            page.append("<p>static baseline</p>\n");
        }
        return page.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ApiLoadHarness.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
