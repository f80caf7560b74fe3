package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./xueliang} launcher, run for real by bash on a copy of itself in a small project tree
 * with a stand-in {@code mvn} (first on the PATH): it logs each build, prints noise on stdout as
 * Maven does, and rewrites the server jar in place, as Maven's jar plugin does. The "server" is a
 * tiny program that prints its arguments and its file-descriptor limit.
 */
class LauncherScriptTest {
    @TempDir
    Path project;

    @TempDir
    Path tools;

    private Path buildLog;

    /** The PATH the launcher runs with; the stand-in mvn's folder first. */
    private String path;

    @BeforeEach
    void project() throws Exception {
        Files.copy(Path.of("..", "xueliang"), project.resolve("xueliang"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        for (String module : List.of("media", "server", "bench")) {
            Files.createDirectories(project.resolve(module + "/src/main/java"));
            Files.writeString(project.resolve(module + "/pom.xml"), "<project/>\n");
            Files.writeString(project.resolve(module + "/src/main/java/A.java"), "class A {}\n");
        }
        Path classes = compile("""
                import java.nio.file.*;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        if (args.length > 0 && args[0].equals("wait")) {
                            System.out.println("ready");
                            System.out.flush();
                            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                            System.out.println(Class.forName("Late").getMethod("say").invoke(null));
                            return;
                        }
                        String[] f = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow().trim().split("\\\\s+");
                        System.out.println("probe " + String.join(" ", args) + " nofile " + f[3] + " " + f[4]);
                    }
                }
                """, "Probe", """
                public class Late {
                    public static String say() { return "late class loaded"; }
                }
                """, "Late");
        // Two builds of the "server" whose entries lie at different offsets.
        jar(classes, tools.resolve("probe-0.jar"), 0);
        jar(classes, tools.resolve("probe-1.jar"), 64 * 1024);
        jar(classes, tools.resolve("dep.jar"), 0);
        buildLog = tools.resolve("builds.log");
        Files.createFile(buildLog);
        Path bin = Files.createDirectories(tools.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "$*" >> "%1$s/builds.log"
                echo "[INFO] Maven's noise, on stdout"
                mkdir "%1$s/building" 2>/dev/null || echo OVERLAP >> "%1$s/builds.log"
                sleep 0.5
                mkdir -p server/target/lib
                n=$(wc -l < "%1$s/builds.log")
                cat "%1$s/probe-$((n %% 2)).jar" > server/target/xueliang.jar
                cat "%1$s/dep.jar" > server/target/lib/xueliang-media-0.1.0-SNAPSHOT.jar
                [ -e server/target/lib/dep-1.0.jar ] || cp "%1$s/dep.jar" server/target/lib/dep-1.0.jar
                rmdir "%1$s/building"
                """.formatted(tools));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        path = bin + ":" + System.getenv("PATH");
    }

    @Test
    void buildsOnceThenOnlyWhenTheServersSourcesChangeWithItsOutputOnStderr() throws Exception {
        Result first = launch("plates", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).as("stdout is the command's alone").startsWith("probe plates --json nofile ");
        assertThat(first.err()).contains("Maven's noise");
        assertThat(builds()).containsExactly("-B -q -e -DskipTests package -pl server -am");

        // Outputs and files outside the server's jar are newer now: no build.
        touch("bench/target/generated-sources/annotations/Generated_jmh.java");
        touch("server/target/classes/A.class");
        touch("bench/src/main/java/B.java");
        touch("server/src/test/java/ATest.java");
        touch("data/xueliang.db");
        assertThat(launch("plates").exit()).isZero();
        assertThat(builds()).hasSize(1);

        touch("media/src/main/java/A.java");
        assertThat(launch("plates").exit()).isZero();
        assertThat(builds()).hasSize(2);
        Files.delete(project.resolve("media/src/main/java/A.java"));
        assertThat(launch("plates").exit()).as("a deleted source counts").isZero();
        assertThat(builds()).hasSize(3);
        touch("server/pom.xml");
        assertThat(launch("plates").exit()).isZero();
        assertThat(builds()).hasSize(4);
    }

    @Test
    void twoCallsAtOnceBuildOnceAndBothRun() throws Exception {
        CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> launchUnchecked("a"));
        CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> launchUnchecked("b"));
        assertThat(a.get(60, TimeUnit.SECONDS).out()).startsWith("probe a ");
        assertThat(b.get(60, TimeUnit.SECONDS).out()).startsWith("probe b ");
        assertThat(builds()).as("one build, never two at once").hasSize(1).doesNotContain("OVERLAP");
    }

    @Test
    void aRunningServerKeepsItsClassesWhileAnotherCallRebuilds() throws Exception {
        assertThat(launch("build").exit()).isZero();
        Process running = start("wait");
        BufferedReader out = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");

        touch("server/src/main/java/A.java");
        assertThat(launch("build").exit()).isZero(); // rewrites server/target's jar in place
        try (OutputStream in = running.getOutputStream()) {
            in.write('\n');
        }
        assertThat(out.readLine()).as("a class the running server loads after the rebuild").isEqualTo("late class loaded");
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isZero();

        touch("server/src/main/java/A.java");
        assertThat(launch("build").exit()).isZero();
        try (Stream<Path> kept = Files.list(project.resolve("target/launcher"))) {
            assertThat(kept.filter(p -> p.getFileName().toString().startsWith("build-"))).as("builds no one runs are deleted")
                    .hasSize(1);
        }
    }

    @Test
    void raisesTheFileDescriptorSoftLimitToTheHardLimit() throws Exception {
        // The JVM raises it by itself (MaxFDLimit); switched off here, so that the launcher's raise is what shows.
        Result r = launchAfter("ulimit -Sn $(( $(ulimit -Hn) / 2 ))", "plates");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] limits = r.out().strip().split(" ");
        assertThat(limits[limits.length - 2]).as("soft limit").isEqualTo(limits[limits.length - 1]);
    }

    @Test
    void fuzzRunsOneTargetsTestInItsModuleWithTheRunCount() throws Exception {
        Files.createDirectories(project.resolve("media/src/test/java/io/xueliang/media"));
        Files.writeString(project.resolve("media/src/test/java/io/xueliang/media/RtpThingFuzzTest.java"),
                "class RtpThingFuzzTest { public static void fuzzerTestOneInput(byte[] data) { } }\n");
        Result list = launch("fuzz");
        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err()).contains("RtpThingFuzzTest");
        assertThat(launch("fuzz", "NoSuchFuzzTest").err()).contains("xueliang fuzz: no fuzz target NoSuchFuzzTest");

        Result run = launch("fuzz", "RtpThingFuzzTest", "--runs", "1000000");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(builds()).containsExactly("-B -q -e verify -pl media -am -Dtest=RtpThingFuzzTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.runs=1000000");
    }

    @Test
    void aMachineWithoutMavenBuildsWithTheWrapper() throws Exception {
        // The stand-in Maven becomes the project's mvnw, and the PATH holds only the tools the launcher uses.
        Files.move(tools.resolve("bin/mvn"), project.resolve("mvnw"));
        Path sysbin = Files.createDirectories(tools.resolve("sysbin"));
        for (String tool : List.of("bash", "env", "dirname", "ls", "sort", "awk", "cat", "find", "flock", "touch", "rm",
                "date", "mkdir", "cp", "ln", "mv", "readlink", "sleep", "wc", "rmdir", "head", "sed", "tr", "cut")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + tool));
            Files.createSymbolicLink(sysbin.resolve(tool), real);
        }
        path = sysbin.toString();
        Result r = launch("plates");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("probe plates ");
        assertThat(builds()).hasSize(1);
    }

    private record Result(int exit, String out, String err) {}

    private Result launch(String... args) throws Exception {
        return launchAfter("true", args);
    }

    /** Runs the launcher with {@code args} from a shell that first runs {@code before}. */
    private Result launchAfter(String before, String... args) throws Exception {
        Process p = startAfter(before, args);
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Result(p.exitValue(), out, err.get());
    }

    private Result launchUnchecked(String... args) {
        try {
            return launch(args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Process start(String... args) throws IOException {
        return startAfter("true", args);
    }

    private Process startAfter(String before, String... args) throws IOException {
        StringBuilder command = new StringBuilder(before).append("; exec ./xueliang");
        for (String a : args) {
            command.append(' ').append(a);
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command.toString()).directory(project.toFile());
        pb.environment().put("PATH", path);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("XUELIANG_JAVA_OPTS", "-XX:-MaxFDLimit");
        pb.environment().remove("XUELIANG_MVN_FLAGS");
        return pb.start();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> builds() throws IOException {
        return Files.readAllLines(buildLog);
    }

    /** Creates or updates {@code file} now (nanosecond time stamps: later than any build started before). */
    private void touch(String file) throws IOException {
        Path p = project.resolve(file);
        Files.createDirectories(p.getParent());
        if (!Files.exists(p)) {
            Files.writeString(p, "x\n");
        }
        Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
    }

    private Path compile(String... sourcesAndNames) throws IOException {
        Path src = Files.createDirectories(tools.resolve("src"));
        Path out = Files.createDirectories(tools.resolve("classes"));
        List<String> args = new java.util.ArrayList<>(List.of("-d", out.toString()));
        for (int i = 0; i < sourcesAndNames.length; i += 2) {
            args.add(Files.writeString(src.resolve(sourcesAndNames[i + 1] + ".java"), sourcesAndNames[i]).toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        return out;
    }

    /** A runnable jar of {@code classes}, with {@code padding} bytes stored in front of them. */
    private static void jar(Path classes, Path jar, int padding) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("padding.bin"));
            byte[] noise = new byte[padding];
            new java.util.Random(padding).nextBytes(noise); // stored as is: it moves the classes' offsets
            out.write(noise);
            for (String name : List.of("Probe.class", "Late.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
            }
        }
    }
}
