package io.xueliang.media.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a fuzz target under Jazzer (coverage-guided, libFuzzer's engine) in a JVM of its own, from a seed corpus.
 * A target is a class with {@code public static void fuzzerTestOneInput(byte[])} that throws on a defect: an
 * exception its parser is not allowed to throw, a leak, an answer it must never give.
 *
 * <pre>
 *   seeds (golden files, case tables, regression inputs) --replayed in this JVM--> target
 *        \--> work/seeds --> java ... com.code_intelligence.jazzer.Jazzer --target_class=T work/corpus work/seeds
 *                           (-Xmx bounds what an input can make the parser allocate; -timeout=10 catches a hang;
 *                            Netty leak detection paranoid; a crash stops the run and fails the test with its input)
 * </pre>
 *
 * The length of a run: {@code -Dfuzz.runs=N} inputs (the campaign command, docs/BENCHMARKS.md "Fuzzing"), else
 * {@code -Dfuzz.seconds=S} seconds (default {@value #DEFAULT_SECONDS}: the bounded run of every build). The run is
 * deterministic for a given seed ({@code -Dfuzz.seed}, default 1) and run count.
 */
public final class FuzzCampaign {
    /** The length of the bounded run in each build, per target. */
    public static final int DEFAULT_SECONDS = 5;
    /** The child JVM's heap: an input that makes a parser allocate beyond its limits ends in OutOfMemoryError. */
    private static final String HEAP = "-Xmx384m";
    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");

    private final Class<?> target;
    private final List<byte[]> seeds = new ArrayList<>();
    private int maxLength = 4096;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> jazzerOptions = new ArrayList<>();

    private FuzzCampaign(Class<?> target) {
        this.target = target;
    }

    public static FuzzCampaign of(Class<?> target) {
        return new FuzzCampaign(target);
    }

    /** Starting inputs: valid messages of every kind the parser knows, and the inputs of crashes once found. */
    public FuzzCampaign seeds(List<byte[]> inputs) {
        seeds.addAll(inputs);
        return this;
    }

    /**
     * Adds the regression inputs kept in the resources under {@code fuzz/<target's simple name>/} (files named
     * after the defect they found), if any.
     */
    public FuzzCampaign regressionSeeds() {
        Path dir = Path.of("src", "test", "resources", "fuzz", target.getSimpleName());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    seeds.add(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Longest input tried: a little above the largest message the parser accepts, so its limits are crossed. */
    public FuzzCampaign maxLength(int bytes) {
        maxLength = bytes;
        return this;
    }

    /** A JVM option for the fuzzing JVM (a system property the target reads, say). */
    public FuzzCampaign jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** An option for Jazzer itself ({@code --disabled_hooks=...}). */
    public FuzzCampaign jazzerOption(String option) {
        jazzerOptions.add(option);
        return this;
    }

    /** What a run did. */
    public record Result(long runs, long seconds) {
    }

    /**
     * Replays the seeds here, then fuzzes in a child JVM.
     *
     * @throws AssertionError naming the input (base64) and the failure, when a seed or a fuzzed input fails
     */
    public Result run() throws IOException, InterruptedException {
        replaySeeds();
        Path work = Path.of("target", "fuzz", target.getSimpleName());
        deleteRecursively(work);
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        Path seedDir = Files.createDirectories(work.resolve("seeds"));
        for (byte[] seed : seeds) {
            Files.write(seedDir.resolve(HexFormat.of().formatHex(sha1(seed))), seed);
        }
        long runs = Long.getLong("fuzz.runs", 0);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseParallelGC", "-Dio.netty.leakDetection.level=paranoid",
                "-Dio.netty.leakDetection.targetRecords=4", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.getName(),
                "--instrumentation_includes=io.xueliang.**",
                // Jazzer's bug detectors hook our code only: hooking every class of Vert.x, SQLite and the JDK made
                // a server's start under it take minutes.
                "--custom_hook_includes=io.xueliang.**",
                "--reproducer_path=" + work.toAbsolutePath(),
                "-artifact_prefix=" + work.toAbsolutePath() + "/",
                "-seed=" + Long.getLong("fuzz.seed", 1),
                "-max_len=" + maxLength,
                "-timeout=10",
                "-rss_limit_mb=4096",
                "-print_final_stats=1"));
        command.addAll(jazzerOptions);
        command.addAll(List.of(
                runs > 0 ? "-runs=" + runs : "-max_total_time=" + Integer.getInteger("fuzz.seconds", DEFAULT_SECONDS),
                corpus.toAbsolutePath().toString(), seedDir.toAbsolutePath().toString()));
        Path log = work.resolve("jazzer.log");
        Process jazzer = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long limitSeconds = runs > 0 ? TimeUnit.DAYS.toSeconds(1) : Integer.getInteger("fuzz.seconds", DEFAULT_SECONDS) + 300L;
        if (!jazzer.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            jazzer.destroyForcibly();
            throw new AssertionError(target.getSimpleName() + ": Jazzer did not finish; log " + log.toAbsolutePath());
        }
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        if (jazzer.exitValue() != 0) {
            throw new AssertionError(target.getSimpleName() + ": fuzzing found a failure (exit " + jazzer.exitValue()
                    + "; the input is in " + work.toAbsolutePath() + "):\n" + tail(output, 6000));
        }
        Matcher done = DONE.matcher(output);
        Result result = null;
        while (done.find()) {
            result = new Result(Long.parseLong(done.group(1)), Long.parseLong(done.group(2)));
        }
        if (result == null) {
            throw new AssertionError(target.getSimpleName() + ": no summary from Jazzer:\n" + tail(output, 4000));
        }
        long corpusSize;
        try (Stream<Path> files = Files.list(corpus)) {
            corpusSize = files.count();
        }
        System.out.printf("fuzz %s: %d inputs in %d s, no crash, hang or leak; %d seeds, corpus grew by %d%n",
                target.getSimpleName(), result.runs(), result.seconds(), seeds.size(), corpusSize);
        return result;
    }

    /** Runs every seed through the target in this JVM: quick, with a plain stack trace when one fails. */
    private void replaySeeds() {
        MethodHandle test;
        try {
            test = MethodHandles.publicLookup().findStatic(target, "fuzzerTestOneInput",
                    MethodType.methodType(void.class, byte[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(target + " is not a fuzz target: Jazzer needs a public class with a public "
                    + "static void fuzzerTestOneInput(byte[])", e);
        }
        for (byte[] seed : seeds) {
            try {
                test.invokeExact(seed.clone());
            } catch (Throwable t) {
                throw new AssertionError(target.getSimpleName() + " fails on seed (base64) "
                        + Base64.getEncoder().encodeToString(seed), t);
            }
        }
    }

    private static String tail(String s, int chars) {
        return s.length() <= chars ? s : "…" + s.substring(s.length() - chars);
    }

    private static byte[] sha1(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
