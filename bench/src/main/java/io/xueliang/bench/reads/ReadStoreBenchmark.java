package io.xueliang.bench.reads;

import io.xueliang.config.Location;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.analysis.AnalysisLimits;
import io.xueliang.reads.analysis.CameraPositions;
import io.xueliang.reads.analysis.ClonedPlateAnalysis;
import io.xueliang.reads.analysis.CompanionAnalysis;
import io.xueliang.reads.analysis.FirstSeenAnalysis;
import io.xueliang.reads.analysis.FrequentAnalysis;
import io.xueliang.reads.analysis.GeoPoint;
import io.xueliang.reads.analysis.NightActivityAnalysis;
import io.xueliang.reads.analysis.Progress;
import io.xueliang.reads.ring.SqliteBoundaryRing;
import io.xueliang.reads.search.FuzzyPlateSearch;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.synth.HistoryPlan;
import io.xueliang.reads.synth.ReadHistoryGenerator;
import io.xueliang.reads.synth.RoadGraph;
import io.xueliang.reads.synth.SynthCamera;
import io.xueliang.reads.trajectory.CameraPlace;
import io.xueliang.reads.trajectory.TrajectoryBuilder;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes a generated history ({@link ReadHistoryGenerator}) into a fresh {@link SqliteReadStore} and times what
 * investigators ask of it: insert rate (sustained, per million), exact, wildcard and partial search, a plate's
 * trajectory over 30 and 365 days, companions over 30 days and the other analyses, and the file's size per million
 * reads. Run by hand, never in tests:
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp 'bench/target/classes:bench/target/lib/*' io.xueliang.bench.reads.ReadStoreBenchmark \
 *     --reads 10000000 --cameras 300 --days 365 [--seed 1] [--dir /tmp/xueliang-reads-bench] [--queries 200]
 *     [--reuse] [--keep] [--generate-only] [--only trajectory] [--http] [--append 10000000 [--append-days 30]]
 * </pre>
 *
 * {@code --reuse} times the queries on the store a {@code --keep} run left (same plan: the truth is rebuilt from the
 * seed without writing anything). {@code --append N} then inserts N more reads (the days after the history, another
 * seed's traffic) and times that insert on a store already the size of the first. {@code --http} then asks searches and trajectories through the HTTP API of a server
 * started on the store (the results are answer sizes in characters).
 */
public final class ReadStoreBenchmark {
    /** Reads one insert call carries: one write task, group-committed with what queues meanwhile. */
    private static final int BATCH = 5_000;
    /**
     * Insert calls outstanding: more than a day of reads at 100 million a year (274,000), so that the writer works
     * through one day while the generator makes the next on the other core. With 4 (20,000 reads) the two took
     * turns: at 100 M the run was generator plus writer, one core, 50,000 reads/s.
     */
    private static final int IN_FLIGHT = 64;
    private static final int SAMPLE = 2_000;
    /** Requests asked before the HTTP timings so that the JIT has compiled the server's request path. */
    private static final int HTTP_WARM_UP = 3_000;
    /** {@code --only}: time only the queries whose description contains it. */
    private static String only;

    private ReadStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        long reads = Long.parseLong(opts.getOrDefault("reads", "1000000"));
        int cameras = Integer.parseInt(opts.getOrDefault("cameras", "300"));
        int days = Integer.parseInt(opts.getOrDefault("days", "365"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "200"));
        Path dir = Path.of(opts.getOrDefault("dir", "/tmp/xueliang-reads-bench"));
        boolean reuse = opts.containsKey("reuse");
        only = opts.get("only");
        HistoryPlan plan = new HistoryPlan(seed, cameras, Instant.parse("2025-12-01T00:00:00Z"), days, reads,
                HistoryPlan.CHINA);
        ReadHistoryGenerator history = new ReadHistoryGenerator(plan);
        if (opts.containsKey("generate-only")) {
            long t0 = System.nanoTime();
            long n = history.generate(day -> { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("generated %,d reads in %.1f s: %,.0f reads/s, nothing stored%n", n, seconds,
                    n / seconds);
            return;
        }
        if (!reuse) {
            deleteStore(dir);
        }
        System.out.printf("plan: %,d background reads, %d cameras (%d on the boundary), %d days, seed %d, %s%n",
                reads, cameras, cameras - history.graph().innerCount(), days, seed, dir);
        List<PlateRead> sample = new ArrayList<>();
        long count;
        try (SqliteReadStore store = SqliteReadStore.open(dir, EmbeddedDatabaseSettings.defaults(),
                InstantSource.system())) {
            if (!reuse) {
                insert(history, store, sample);
            } else {
                sampleFromStore(store, history, sample);
            }
            count = store.count();
            queries(history, store, sample, queries);
            if (opts.containsKey("append")) {
                // The insert rate on a store already this big: the days after its history, another seed's traffic
                // (its plates new to the store: the plate summaries' worst case).
                long more = Long.parseLong(opts.get("append"));
                HistoryPlan next = new HistoryPlan(seed + 1, cameras, history.end(),
                        Integer.parseInt(opts.getOrDefault("append-days", "30")), more, HistoryPlan.CHINA);
                System.out.printf("append: %,d reads over the %s days after the history%n", more,
                        opts.getOrDefault("append-days", "30"));
                insert(new ReadHistoryGenerator(next), store, new ArrayList<>());
                count = store.count();
            }
        }
        // closed: the log is checkpointed into the file and removed
        long bytes = size(dir);
        System.out.printf("store: %,d reads, %,d bytes on disk, %.1f MiB per million reads%n", count, bytes,
                bytes / 1048576.0 / (count / 1e6));
        if (opts.containsKey("http")) {
            overHttp(history, dir, sample, queries);
        }
        if (!opts.containsKey("keep")) {
            deleteStore(dir);
        }
    }

    private static void insert(ReadHistoryGenerator history, SqliteReadStore store, List<PlateRead> sample) {
        SplittableRandom random = new SplittableRandom(42);
        Deque<CompletableFuture<Integer>> pending = new ArrayDeque<>();
        long[] seen = {0};
        long[] nextMark = {1_000_000};
        long start = System.nanoTime();
        double cpuAtStart = processCpuSeconds();
        double writerAtStart = writerCpuSeconds();
        long[] markTime = {start};
        long[] markCount = {0};
        double[] markWriter = {writerAtStart};
        long total = history.generate(day -> {
            for (int i = 0; i < day.size(); i += BATCH) {
                while (pending.size() >= IN_FLIGHT) {
                    pending.removeFirst().join();
                }
                pending.addLast(store.insert(day.subList(i, Math.min(day.size(), i + BATCH))));
            }
            for (PlateRead r : day) {
                // reservoir: a uniform sample of the reads, for the queries' plates
                long n = ++seen[0];
                if (sample.size() < SAMPLE) {
                    sample.add(r);
                } else if (random.nextLong(n) < SAMPLE) {
                    sample.set(random.nextInt(SAMPLE), r);
                }
            }
            if (seen[0] >= nextMark[0]) {
                long now = System.nanoTime();
                double w = writerCpuSeconds();
                System.out.printf("  %,12d reads  %,8.0f reads/s over the last %,d, writer %.1f µs of CPU a read%n",
                        seen[0], (seen[0] - markCount[0]) / ((now - markTime[0]) / 1e9), seen[0] - markCount[0],
                        (w - markWriter[0]) * 1e6 / (seen[0] - markCount[0]));
                markWriter[0] = w;
                markTime[0] = now;
                markCount[0] = seen[0];
                nextMark[0] += 1_000_000;
            }
        });
        while (!pending.isEmpty()) {
            pending.removeFirst().join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = processCpuSeconds() - cpuAtStart;
        double writer = writerCpuSeconds() - writerAtStart;
        System.out.printf("insert: %,d reads in %.1f s: %,.0f reads/s (generation included, on the same 2 cores);"
                + " %.1f CPU s, %.1f µs of CPU a read, %.1f µs of it on the writer thread (%,.0f reads/s for a"
                + " writer with a core of its own); load average now %.2f%n", total, seconds, total / seconds, cpu,
                cpu * 1e6 / total, writer * 1e6 / total, total / writer,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void sampleFromStore(SqliteReadStore store, ReadHistoryGenerator history, List<PlateRead> sample) {
        // the plates of reads at random times: what the reservoir would have picked
        SplittableRandom random = new SplittableRandom(42);
        long span = Duration.between(history.start(), history.end()).toSeconds();
        while (sample.size() < SAMPLE) {
            Instant t = history.start().plusSeconds(random.nextLong(span - 3600));
            var page = store.search(new ReadQuery(null, t, t.plusSeconds(3600), CameraSet.all(), null, null, 1,
                    null));
            page.items().forEach(s -> sample.add(s.read()));
        }
    }

    private static void queries(ReadHistoryGenerator history, SqliteReadStore store, List<PlateRead> sample,
            int n) {
        Instant end = history.end();
        Instant start = history.start();
        Instant month = end.minus(Duration.ofDays(30));
        SplittableRandom random = new SplittableRandom(7);
        List<String> plates = sample.stream().map(PlateRead::normalised).distinct().collect(Collectors.toList());
        Supplier<String> plate = () -> plates.get(random.nextInt(plates.size()));
        time("exact search, whole history, 100 a page", n, () -> store.search(new ReadQuery(
                PlatePattern.exact(plate.get()), start, end, CameraSet.all(), null, null, 100, null)).items().size());
        time("wildcard 湘C12* (prefix), whole history, 100 a page", n, () -> {
            String p = plate.get();
            return store.search(new ReadQuery(PlatePattern.parse(p.substring(0, 4) + "*", false), start, end,
                    CameraSet.all(), null, null, 100, null)).items().size();
        });
        time("wildcard 湘C1?34? (prefix, ? inside), whole history", n, () -> {
            String p = plate.get();
            String pattern = p.substring(0, 3) + "?" + p.substring(4, 6) + "?" + p.substring(7);
            return store.search(new ReadQuery(PlatePattern.parse(pattern, false), start, end, CameraSet.all(),
                    null, null, 100, null)).items().size();
        });
        time("partial '3?8' anywhere, last 30 days", Math.max(5, n / 10), () -> {
            String p = plate.get();
            return store.search(new ReadQuery(PlatePattern.parse(p.substring(3, 4) + "?" + p.substring(5, 6), true),
                    month, end, CameraSet.all(), null, null, 100, null)).items().size();
        });
        java.util.Random misreads = new java.util.Random(17);
        FuzzyPlateSearch fuzzy = new FuzzyPlateSearch(store);
        time("fuzzy (one confusable character or the province misread), 30 days", n, () -> fuzzy.search(
                ReadSearchHarness.misread(plate.get(), misreads), new ReadQuery(null, month, end, CameraSet.all(), null,
                null, 100, null), null).items().size());
        time("fuzzy (one confusable character or the province misread), whole history", n, () -> fuzzy.search(
                ReadSearchHarness.misread(plate.get(), misreads), new ReadQuery(null, start, end, CameraSet.all(), null,
                null, 100, null), null).items().size());
        // What the API's trajectory does below the HTTP layer: the sightings, each camera's place, speeds, clones.
        Map<CameraId, CameraPlace> places = new HashMap<>();
        history.graph().cameras().forEach(c -> places.put(c.id(), new CameraPlace(c.id().value(),
                RoadGraph.COUNTY, new Location(c.position().lat(), c.position().lon()))));
        TrajectoryBuilder trajectories = new TrajectoryBuilder(id -> Optional.ofNullable(places.get(id)), 250);
        time("trajectory, 30 days", n, () -> trajectories.trajectory(store, plate.get(), month, end,
                CameraSet.all()).sightings().size());
        time("trajectory, 365 days", n, () -> trajectories.trajectory(store, plate.get(),
                end.minus(Duration.ofDays(365)), end, CameraSet.all()).sightings().size());

        AnalysisLimits limits = AnalysisLimits.defaults();
        Instant firstMonthEnd = start.plus(Duration.ofDays(30));
        String target = history.truth().convoy().target();
        time("companions of the planted convoy's target, 30 days, Δt 60 s, k 3", 5, () -> new CompanionAnalysis(
                store, limits).run(new CompanionAnalysis.Request(target, start, firstMonthEnd, Duration.ofSeconds(60),
                3, CameraSet.all()), Progress.NONE).items().size());
        // the busiest sampled plate: a commuter, hundreds of sightings in a month
        String busiest = plates.stream().limit(200).max((a, b) -> Integer.compare(
                store.sightings(a, month, end, CameraSet.all(), 10_000).size(),
                store.sightings(b, month, end, CameraSet.all(), 10_000).size())).orElseThrow();
        int busiestSightings = store.sightings(busiest, month, end, CameraSet.all(), 10_000).size();
        time("companions of a commuter (" + busiestSightings + " sightings), 30 days, Δt 60 s, k 3", 5,
                () -> new CompanionAnalysis(store, limits).run(new CompanionAnalysis.Request(busiest, month, end,
                        Duration.ofSeconds(60), 3, CameraSet.all()), Progress.NONE).items().size());
        time("first-seen, last 7 days, look-back 30 days, all cameras", 3, () -> new FirstSeenAnalysis(store,
                limits).run(new FirstSeenAnalysis.Request(end.minus(Duration.ofDays(7)), end, Duration.ofDays(30),
                CameraSet.all()), Progress.NONE).items().size());
        time("night-activity, 30 days, 00:00-05:00, share 0.7, 8 reads", 3, () -> new NightActivityAnalysis(store,
                limits).run(new NightActivityAnalysis.Request(month, end, LocalTime.MIDNIGHT, LocalTime.of(5, 0),
                HistoryPlan.CHINA, 0.7, 8, CameraSet.all()), Progress.NONE).items().size());
        CameraId busyCamera = history.truth().frequent().camera();
        time("frequent, one camera, 30 days, > 60 passes", 3, () -> new FrequentAnalysis(store, limits).run(
                new FrequentAnalysis.Request(month, end, CameraSet.only(java.util.Set.of(busyCamera)), 60),
                Progress.NONE).items().size());
        Map<CameraId, GeoPoint> at = history.graph().cameras().stream()
                .collect(Collectors.toMap(SynthCamera::id, SynthCamera::position));
        CameraPositions positions = id -> Optional.ofNullable(at.get(id));
        time("cloned, 30 days, 150 km/h", 1, () -> new ClonedPlateAnalysis(store, positions, limits).run(
                new ClonedPlateAnalysis.Request(month, end, 150, 1, CameraSet.all()), Progress.NONE).items().size());
        SqliteBoundaryRing ring = new SqliteBoundaryRing(store.database());
        for (SynthCamera c : history.graph().cameras()) {
            if (c.boundary()) {
                ring.put(c.checkpoint(), "bench", end).join();
            }
        }
        time("entered and still inside, 30 days", 3, () -> ring.stillInside(RoadGraph.COUNTY, end,
                Duration.between(month, end), SqliteBoundaryRing.MAX_LIMIT).size());
    }

    /**
     * The same questions through the HTTP API of a server started on the store (an admin's token, so every camera; a
     * case reference and purpose on each): what an investigator's client waits for, the audit record included. The
     * CPU column is then the client's thread, not the server's.
     */
    private static void overHttp(ReadHistoryGenerator history, Path dir, List<PlateRead> sample, int n)
            throws Exception {
        StringBuilder yaml = new StringBuilder("""
                http: { port: 0, tokenRequestsPerSecond: 100000, tokenRequestBurst: 1000000 }
                storage: { root: %s }
                reads: { maxSearchDays: 366, retentionDays: 3650 }
                cameraDefaults: { enabled: false }
                cameras:
                """.formatted(dir.toAbsolutePath()));
        for (SynthCamera c : history.graph().cameras()) {
            yaml.append(String.format(java.util.Locale.ROOT, "  - { id: \"%s\", region: [%s], location: { lat: %.5f,"
                    + " lon: %.5f }, source: \"rtsp://10.0.0.1/%s\" }%n", c.id().value(), RoadGraph.COUNTY.get(0),
                    c.position().lat(), c.position().lon(), c.id().value()));
        }
        Instant end = history.end();
        String year = "from=" + end.minus(Duration.ofDays(365)) + "&to=" + end + "&caseReference=bench&purpose=benchmark";
        String month = "from=" + end.minus(Duration.ofDays(30)) + "&to=" + end + "&caseReference=bench&purpose=benchmark";
        SplittableRandom random = new SplittableRandom(5);
        java.util.Random misreads = new java.util.Random(19);
        Supplier<String> plate = () -> sample.get(random.nextInt(sample.size())).normalised();
        try (ApiProbe api = new ApiProbe(dir, yaml.toString())) {
            // The server's code compiled first, as after minutes of service: requests that touch no read row (the
            // plate_days of a plate never read is all they look at), so the page cache is left as the insert left it.
            for (int i = 0; i < HTTP_WARM_UP; i++) {
                api.get("/healthz");
                api.get("/api/v1/reads?" + year + "&plate=" + ApiProbe.enc("湘Z9Z9Z9"));
            }
            // The HTTP stack alone (no token, no store), then a token's lookup and nothing else: the floors under
            // every search below.
            time("http healthz (no token, no store)", n, () -> api.get("/healthz"));
            time("http auth/session (the token only)", n, () -> api.get("/api/v1/auth/session"));
            // A plate no camera ever read: the store answers from plate_days alone, so this is the HTTP stack, the
            // token, the contract's checks and the audit record, what every search pays beside its store work.
            time("http exact search of a plate never read, 365 days", n, () -> api.get("/api/v1/reads?" + year
                    + "&plate=" + ApiProbe.enc("湘Z9Z9Z9")));
            time("http exact search, 365 days, 100 a page", n, () -> api.get("/api/v1/reads?" + year + "&plate="
                    + ApiProbe.enc(plate.get())));
            time("http wildcard 湘C12* (prefix), 365 days", n, () -> api.get("/api/v1/reads?" + year + "&plate="
                    + ApiProbe.enc(plate.get().substring(0, 4) + "*")));
            time("http fuzzy, 30 days", n, () -> api.get("/api/v1/reads?" + month + "&match=fuzzy&plate="
                    + ApiProbe.enc(ReadSearchHarness.misread(plate.get(), misreads))));
            time("http trajectory, 30 days", n, () -> api.get("/api/v1/plates/" + ApiProbe.enc(plate.get())
                    + "/trajectory?" + month));
            time("http trajectory, 365 days", n, () -> api.get("/api/v1/plates/" + ApiProbe.enc(plate.get())
                    + "/trajectory?" + year));
        }
    }

    /**
     * Times {@code n} runs: wall time (what a user waits) and, beside it, the CPU time of the calling thread (JDBC
     * runs SQLite on it), which the other processes of a shared machine do not inflate.
     */
    private static void time(String what, int n, Supplier<Integer> query) {
        if (only != null && !what.contains(only)) {
            return;
        }
        query.get(); // warm: the first run pulls the index pages into the cache
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[n];
        long[] cpu = new long[n];
        long results = 0;
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            results += query.get();
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        int p99 = Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1);
        System.out.printf("%-68s n=%3d  p50 %8.2f  p99 %8.2f  max %8.2f ms  (CPU p50 %7.2f p99 %7.2f)  %.0f results%n",
                what, n, nanos[n / 2] / 1e6, nanos[p99] / 1e6, nanos[n - 1] / 1e6, cpu[n / 2] / 1e6, cpu[p99] / 1e6,
                (double) results / n);
    }

    /** CPU time of the store's writer thread ({@code sqlite-writer-reads.db}), where inserts run. */
    private static double writerCpuSeconds() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("sqlite-writer-" + SqliteReadStore.FILE_NAME)) {
                return threads.getThreadCpuTime(info.getThreadId()) / 1e9;
            }
        }
        return 0;
    }

    private static double processCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static long size(Path dir) throws IOException {
        long total = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = dir.resolve(SqliteReadStore.FILE_NAME + suffix);
            if (Files.exists(f)) {
                total += Files.size(f);
            }
        }
        return total;
    }

    private static void deleteStore(Path dir) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dir.resolve(SqliteReadStore.FILE_NAME + suffix));
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("reuse") || key.equals("keep") || key.equals("generate-only") || key.equals("http")) {
                out.put(key, "true");
            } else {
                out.put(key, args[++i]);
            }
        }
        return out;
    }
}
