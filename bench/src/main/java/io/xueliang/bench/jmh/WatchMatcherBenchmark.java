package io.xueliang.bench.jmh;

import io.xueliang.reads.watch.WatchMatcher;
import io.xueliang.reads.watch.Watchlist;
import io.xueliang.reads.watch.Watchlists;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching one read against every watch-list entry: {@code entries} entries (half exact plates, half patterns such as
 * {@code 湘A12*}), of which {@code unanchored} start with a wildcard ({@code ?A1234*}, tried on every read), spread over
 * 100 lists; reads are 4,096 plates of the same province, one in 64 on a list. One operation matches one read.
 *
 * <pre>
 * java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main WatchMatcherBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WatchMatcherBenchmark {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    @Param({"10000", "100000"})
    public int entries;

    @Param({"0", "100"})
    public int unanchored;

    private WatchMatcher matcher;
    private String[] reads;
    private int next;

    private static String plate(Random r) {
        StringBuilder s = new StringBuilder("湘").append(LETTERS.charAt(r.nextInt(13)));
        for (int i = 0; i < 5; i++) {
            s.append(r.nextInt(10));
        }
        return s.toString();
    }

    @Setup
    public void setUp() {
        Random r = new Random(11);
        List<List<String>> perList = new ArrayList<>();
        for (int l = 0; l < 100; l++) {
            perList.add(new ArrayList<>());
        }
        List<String> exact = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String p = plate(r);
            String entry;
            if (i < unanchored) {
                entry = "?" + p.substring(1, 6) + "*";
            } else if (i % 2 == 0) {
                entry = p;
                exact.add(p);
            } else {
                entry = p.substring(0, 4) + p.charAt(4) + "*";
            }
            perList.get(i % 100).add(entry);
        }
        List<Watchlist> lists = new ArrayList<>();
        for (int l = 0; l < 100; l++) {
            lists.add(new Watchlist(l + 1, "list " + l, "bench", "case", new Watchlist.Owner("inv", "u", List.of()),
                    NOW.plus(Duration.ofDays(1)), NOW, NOW, "inv",
                    perList.get(l).stream().map(e -> Watchlists.entry("plates", e)).toList()));
        }
        matcher = WatchMatcher.of(lists, NOW);
        reads = new String[4096];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = i % 64 == 0 ? exact.get(r.nextInt(exact.size())) : plate(r);
        }
    }

    @Benchmark
    public List<WatchMatcher.Match> match() {
        next = (next + 1) & (reads.length - 1);
        return matcher.match(reads[next], NOW);
    }
}
