package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mvnw}, run by sh on a copy of itself, against a "Maven Central" in a local folder
 * (MVNW_REPOURL) that serves a stand-in distribution whose {@code bin/mvn} echoes its arguments.
 */
class MavenWrapperTest {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    @TempDir
    Path project;

    @TempDir
    Path central;

    @TempDir
    Path userHome;

    private String sha512;

    @BeforeEach
    void distribution() throws Exception {
        Files.createDirectories(project.resolve(".mvn/wrapper"));
        Files.copy(Path.of("..", "mvnw"), project.resolve("mvnw"));
        Files.copy(Path.of("..", ".mvn/wrapper/Download.java"), project.resolve(".mvn/wrapper/Download.java"));
        Path bin = Files.createDirectories(central.resolve("build/apache-maven-3.9.99/bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"stand-in maven: $*\"\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = Files.createDirectories(central.resolve("org/apache/maven/apache-maven/3.9.99"))
                .resolve("apache-maven-3.9.99-bin.tar.gz");
        assertThat(new ProcessBuilder("tar", "czf", archive.toString(), "-C", central.resolve("build").toString(),
                "apache-maven-3.9.99").inheritIO().start().waitFor()).isZero();
        sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(archive)));
    }

    private void pin(String sha) throws IOException {
        Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), """
                distributionUrl=%sorg/apache/maven/apache-maven/3.9.99/apache-maven-3.9.99-bin.tar.gz
                distributionSha512Sum=%s
                """.formatted(CENTRAL, sha));
    }

    @Test
    void fetchesThePinnedMavenOnceChecksItAndRunsIt() throws Exception {
        pin(sha512);
        Result first = mvnw("-v");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("stand-in maven: -v\n");
        assertThat(first.err()).contains("mvnw: fetching file://" + central + "/org/apache/maven/apache-maven/3.9.99/");
        Result second = mvnw("-q", "package");
        assertThat(second.out()).isEqualTo("stand-in maven: -q package\n");
        assertThat(second.err()).as("fetched once").doesNotContain("fetching");
        try (var left = Files.list(userHome.resolve("wrapper/dists/apache-maven-3.9.99"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no download left behind")
                    .containsExactly("apache-maven-3.9.99");
        }
    }

    @Test
    void refusesADistributionWhoseChecksumDiffers() throws Exception {
        pin("0".repeat(128));
        Result r = mvnw("-v");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("mvnw: apache-maven-3.9.99-bin.tar.gz has SHA-512 " + sha512 + ", not the "
                + "0".repeat(128) + " that .mvn/wrapper/maven-wrapper.properties pins; not using it");
        assertThat(userHome.resolve("wrapper/dists/apache-maven-3.9.99/apache-maven-3.9.99")).doesNotExist();
    }

    @Test
    void twoWrappersAtOnceBothRun() throws Exception {
        pin(sha512);
        CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> mvnwUnchecked("a"));
        CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> mvnwUnchecked("b"));
        assertThat(a.get(60, TimeUnit.SECONDS).out()).isEqualTo("stand-in maven: a\n");
        assertThat(b.get(60, TimeUnit.SECONDS).out()).isEqualTo("stand-in maven: b\n");
    }

    @Test
    void theProjectPinsAMaven39FromCentralWithItsChecksum() throws Exception {
        Properties pinned = new Properties();
        try (var in = Files.newInputStream(Path.of("..", ".mvn/wrapper/maven-wrapper.properties"))) {
            pinned.load(in);
        }
        assertThat(pinned.getProperty("distributionUrl"))
                .matches(CENTRAL.replace(".", "\\.") + "org/apache/maven/apache-maven/(3\\.9\\.\\d+)/apache-maven-\\1-bin\\.tar\\.gz");
        assertThat(pinned.getProperty("distributionSha512Sum")).matches("[0-9a-f]{128}");
    }

    private record Result(int exit, String out, String err) {}

    private Result mvnwUnchecked(String... args) {
        try {
            return mvnw(args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Result mvnw(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "sh";
        command[1] = "./mvnw";
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("MAVEN_USER_HOME", userHome.toString());
        pb.environment().put("MVNW_REPOURL", "file://" + central);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
