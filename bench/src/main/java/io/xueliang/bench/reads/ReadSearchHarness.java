package io.xueliang.bench.reads;

import io.xueliang.config.Location;
import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.search.FuzzyPlateSearch;
import io.xueliang.reads.search.PlateEdits;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.trajectory.CameraPlace;
import io.xueliang.reads.trajectory.TrajectoryBuilder;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The read store's searches and trajectories on a store of {@code --reads} reads: {@code --cameras} checkpoints
 * spread over a county's square (300 by default, 20 townships), {@code --plates} distinct plates (湘 mostly, one in
 * ten of another province) each read at random checkpoints and times over {@code --days} days, written in time order
 * in batches of 1,000 (the insert rate is reported). Then, for {@code --queries} random plates each, in this JVM
 * (the store's and reads module's calls, as the API makes them) and through the HTTP API of a server started on the
 * same store (an admin's token, so every camera): an exact search, a wildcard ({@code 湘A12?4*}), a partial plate
 * (three characters with one unknown), a fuzzy search (one confusable character swapped) and a trajectory, each over
 * the last {@code --window} days. Latency percentiles go to stdout. An existing {@code --root} with reads.db is
 * reused (no insert).
 *
 * <pre>
 * java -cp 'bench/target/xueliang-bench-*.jar:bench/target/lib/*' io.xueliang.bench.reads.ReadSearchHarness \
 *     --reads 5000000 --plates 100000 --days 90 --window 30 --queries 200 --root target/readbench
 * </pre>
 */
public final class ReadSearchHarness {
    private long reads = 5_000_000;
    private int plates = 100_000;
    private int cameras = 300;
    private int days = 90;
    private int window = 30;
    private int queries = 200;
    private boolean http = true;
    private Path root = Path.of("target/readbench");
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        ReadSearchHarness h = new ReadSearchHarness();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--reads" -> h.reads = Long.parseLong(args[i + 1]);
                case "--plates" -> h.plates = Integer.parseInt(args[i + 1]);
                case "--cameras" -> h.cameras = Integer.parseInt(args[i + 1]);
                case "--days" -> h.days = Integer.parseInt(args[i + 1]);
                case "--window" -> h.window = Integer.parseInt(args[i + 1]);
                case "--queries" -> h.queries = Integer.parseInt(args[i + 1]);
                case "--http" -> h.http = Boolean.parseBoolean(args[i + 1]);
                case "--root" -> h.root = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        h.run();
    }

    private String[] plateNames() {
        Random random = new Random(7);
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String[] out = new String[plates];
        for (int i = 0; i < plates; i++) {
            char province = random.nextInt(10) == 0 ? PlateEdits.PROVINCES.charAt(random.nextInt(31)) : '湘';
            StringBuilder s = new StringBuilder().append(province).append(letters.charAt(random.nextInt(8)));
            for (int k = 0; k < 5; k++) {
                s.append(random.nextInt(5) == 0 ? letters.charAt(random.nextInt(letters.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            out[i] = s.toString();
        }
        return out;
    }

    private Location location(int camera) {
        return new Location(27.5 + (camera % 20) * 0.03 + (camera / 20) * 0.002, 112.6 + (camera / 20) * 0.04);
    }

    private void run() throws Exception {
        Files.createDirectories(root);
        String[] names = plateNames();
        boolean fresh = !Files.exists(root.resolve(SqliteReadStore.FILE_NAME));
        try (SqliteReadStore store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(),
                InstantSource.system())) {
            if (fresh) {
                fill(store, names);
            }
            System.out.printf(Locale.ROOT, "store: %,d reads, %,d bytes on disk (%.1f MB a million reads)%n",
                    store.count(), size(), size() / 1e6 / (store.count() / 1e6));
            inProcess(store, names);
        }
        if (http) {
            overHttp(names);
        }
    }

    private long size() throws Exception {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith("reads.db")).mapToLong(p -> p.toFile()
                    .length()).sum();
        }
    }

    private void fill(SqliteReadStore store, String[] names) throws Exception {
        Random random = new Random(11);
        Instant start = END.minus(Duration.ofDays(days));
        long spanMicros = Duration.ofDays(days).toNanos() / 1000;
        long began = System.nanoTime();
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        List<PlateRead> batch = new ArrayList<>(1000);
        for (long i = 0; i < reads; i++) {
            Instant time = start.plusNanos(spanMicros * 1000 / reads * i);
            String plate = names[random.nextInt(names.length)];
            String camera = String.format(Locale.ROOT, "cp%03d", random.nextInt(cameras));
            batch.add(new PlateRead(new java.util.UUID(random.nextLong(), random.nextLong()), new CameraId(camera),
                    time, plate, plate, "blue", "BLUE", 0.9, List.of(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9),
                    new PlateRead.Box(10, 20, 120, 40), i, PlateRead.Direction.APPROACHING, 4,
                    camera + "/2026-12-01/000000000-crop.jpg", camera + "/2026-12-01/000000000-overview.jpg"));
            if (batch.size() == 1000) {
                pending.add(store.insert(batch));
                batch = new ArrayList<>(1000);
                if (pending.size() >= 16) {
                    pending.removeFirst().get();
                }
            }
        }
        pending.add(store.insert(batch));
        for (CompletableFuture<Integer> f : pending) {
            f.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "insert: %,d reads in %.1f s, %,.0f reads/s%n", reads, seconds, reads / seconds);
    }

    /** A plate with one of its characters swapped for a confusable one, or its province dropped. */
    static String misread(String plate, Random random) {
        for (int tries = 0; tries < 20; tries++) {
            int at = 1 + random.nextInt(plate.length() - 1);
            String others = PlateEdits.confusions(plate.charAt(at));
            if (!others.isEmpty()) {
                return plate.substring(0, at) + others.charAt(0) + plate.substring(at + 1);
            }
        }
        return plate.substring(1);
    }

    private void inProcess(SqliteReadStore store, String[] names) {
        Instant from = END.minus(Duration.ofDays(window));
        FuzzyPlateSearch fuzzy = new FuzzyPlateSearch(store);
        TrajectoryBuilder trajectories = new TrajectoryBuilder(id -> Optional.of(new CameraPlace(id.value(),
                List.of("县"), location(Integer.parseInt(id.value().substring(2))))), 250);
        Random random = new Random(13);
        measure("in-process exact", () -> {
            String p = names[random.nextInt(names.length)];
            return store.search(new ReadQuery(PlatePattern.exact(p), from, END, CameraSet.all(), null, null, 100,
                    null)).items().size();
        });
        measure("in-process wildcard", () -> {
            String p = names[random.nextInt(names.length)];
            return store.search(new ReadQuery(PlatePattern.parse(wildcard(p), false), from, END, CameraSet.all(),
                    null, null, 100, null)).items().size();
        });
        measure("in-process partial", () -> {
            String p = names[random.nextInt(names.length)];
            return store.search(new ReadQuery(PlatePattern.parse(partial(p), true), from, END, CameraSet.all(), null,
                    null, 100, null)).items().size();
        });
        measure("in-process fuzzy", () -> {
            String p = misread(names[random.nextInt(names.length)], random);
            return fuzzy.search(p, new ReadQuery(null, from, END, CameraSet.all(), null, null, 100, null), null)
                    .items().size();
        });
        measure("in-process trajectory", () -> {
            String p = names[random.nextInt(names.length)];
            return trajectories.trajectory(store, p, from, END, CameraSet.all()).sightings().size();
        });
    }

    static String wildcard(String plate) {
        return plate.substring(0, 4) + "?" + plate.charAt(5) + "*";
    }

    static String partial(String plate) {
        return plate.charAt(2) + "?" + plate.charAt(4) + plate.charAt(5);
    }

    private void measure(String what, Supplier<Integer> query) {
        for (int i = 0; i < Math.min(20, queries); i++) {
            query.get(); // warm-up: JIT, page cache
        }
        long[] micros = new long[queries];
        long results = 0;
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            results += query.get();
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%-24s p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  (%d queries, %.1f %s each)%n",
                what, micros[queries / 2] / 1000.0, micros[(int) Math.ceil(queries * 0.99) - 1] / 1000.0,
                micros[queries - 1] / 1000.0, queries, results / (double) queries,
                what.startsWith("http") ? "bytes" : "results");
    }

    private void overHttp(String[] names) throws Exception {
        // One token asks every query, back to back: above the per-token rate a person's session is held to.
        StringBuilder yaml = new StringBuilder("""
                http: { port: 0, tokenRequestsPerSecond: 100000, tokenRequestBurst: 1000000 }
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                cameras:
                """.formatted(root.toAbsolutePath()));
        for (int c = 0; c < cameras; c++) {
            Location at = location(c);
            yaml.append(String.format(Locale.ROOT, "  - { id: cp%03d, region: [县, 镇%d], location: { lat: %.4f,"
                    + " lon: %.4f }, source: \"rtsp://10.0.0.1/%d\" }%n", c, c % 20, at.lat(), at.lon(), c));
        }
        try (ApiProbe api = new ApiProbe(root, yaml.toString())) {
            String range = "from=" + END.minus(Duration.ofDays(window)) + "&to=" + END
                    + "&caseReference=bench&purpose=benchmark";
            Random random = new Random(17);
            measure("http exact", () -> api.get("/api/v1/reads?" + range + "&plate="
                    + enc(names[random.nextInt(names.length)])));
            measure("http wildcard", () -> api.get("/api/v1/reads?" + range + "&plate="
                    + enc(wildcard(names[random.nextInt(names.length)]))));
            measure("http partial", () -> api.get("/api/v1/reads?" + range + "&match=partial&plate="
                    + enc(partial(names[random.nextInt(names.length)]))));
            measure("http fuzzy", () -> api.get("/api/v1/reads?" + range + "&match=fuzzy&plate="
                    + enc(misread(names[random.nextInt(names.length)], random))));
            measure("http trajectory", () -> api.get("/api/v1/plates/"
                    + enc(names[random.nextInt(names.length)]) + "/trajectory?" + range));
        }
    }

    private static String enc(String s) {
        return ApiProbe.enc(s);
    }
}
