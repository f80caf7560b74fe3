package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.XueliangConfig;
import io.xueliang.config.yaml.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts that are refused: they say why in one line and leave nothing open behind them. */
class XueliangServerStartTest {
    @TempDir
    Path tmp;

    private XueliangConfig config(int port) {
        return ConfigLoader.parse("http: { port: %d }\nstorage: { root: %s }\n".formatted(port, tmp.resolve("data")),
                "test.yaml", Map.of());
    }

    @Test
    void aTakenHttpPortIsOneLineNamingItAndTheFailedStartLeavesNoThreadPortOrLockBehind() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("xueliang.yaml"),
                "http: { port: PORT }\nstorage: { root: %s }\n".formatted(tmp.resolve("data")));
        // A start and stop first, so that threads a library starts once per JVM (the JDK's process reaper,
        // Prometheus' scheduler) are there before the count.
        XueliangServer.start(config(0), "127.0.0.1").close();
        Set<Thread> before = threads();
        int port;
        Captured run;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            Files.writeString(yaml, Files.readString(yaml).replace("PORT", Integer.toString(port)));
            run = run("run", "--config", yaml.toString(), "--http-host", "127.0.0.1");
        }
        assertThat(run.exit()).as(run.err()).isEqualTo(StartRefusedException.EXIT_CODE);
        assertThat(run.lines()).containsExactly("xueliang: http.port " + port + " is in use (another process listens on "
                + "127.0.0.1:" + port + "; stop it or choose another port)");
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(newThreads(before)).as("threads the failed start left").isEmpty();
        assertThat(openFilesUnder(tmp.resolve("data"))).as("files the failed start left open").isEmpty();

        // The port is free again and the store unlocked: a second start in this JVM on the same root takes both.
        try (XueliangServer server = XueliangServer.start(config(port), "127.0.0.1")) {
            assertThat(server.httpPort()).isEqualTo(port);
        }
        assertThat(newThreads(before)).as("threads a stopped server left").isEmpty();
        assertThat(openFilesUnder(tmp.resolve("data"))).as("files a stopped server left open").isEmpty();
    }

    @Test
    void theDemoNamesItsOwnOptionForATakenPortAndStopsItsSimulator() throws Exception {
        XueliangServer.start(config(0), "127.0.0.1").close(); // once-per-JVM threads, as above
        Set<Thread> before = threads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path data = tmp.resolve("demo").toAbsolutePath();
            Captured rtsp = run("demo", "--rtsp-port", Integer.toString(port), "--http-port", "0", "--data", data.toString());
            assertThat(rtsp.exit()).as(rtsp.err()).isEqualTo(StartRefusedException.EXIT_CODE);
            assertThat(rtsp.lines()).containsExactly("xueliang: --rtsp-port " + port + " is in use (another process "
                    + "listens on 127.0.0.1:" + port + "; stop it or choose another port)");
            Captured http = run("demo", "--rtsp-port", "0", "--http-port", Integer.toString(port), "--data", data.toString());
            assertThat(http.exit()).as(http.err()).isEqualTo(StartRefusedException.EXIT_CODE);
            assertThat(http.lines()).containsExactly("xueliang: --http-port " + port + " is in use (another process "
                    + "listens on 127.0.0.1:" + port + "; stop it or choose another port)");
        }
        assertThat(newThreads(before)).as("threads the failed demos left").isEmpty();
    }

    private record Captured(int exit, String err) {
        /** The lines the command itself printed (log lines have a time stamp first). */
        List<String> lines() {
            return err.lines().filter(l -> l.startsWith("xueliang: ")).toList();
        }
    }

    private static Captured run(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(args);
            return new Captured(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void aSecondServerOnTheSameStoreIsRefusedAndTheFirstGoesOn() throws Exception {
        try (XueliangServer first = XueliangServer.start(config(0), "127.0.0.1")) {
            assertThatThrownBy(() -> XueliangServer.start(config(0), "127.0.0.1"))
                    .isInstanceOf(StoreLock.StoreInUseException.class)
                    .hasMessage("storage.root " + tmp.resolve("data") + " is in use by another xueliang server (process "
                            + ProcessHandle.current().pid() + "); stop it or choose another root");
            assertThat(first.users().get("admin")).isPresent();
        }
        try (XueliangServer again = XueliangServer.start(config(0), "127.0.0.1")) {
            assertThat(again.httpPort()).isPositive();
        }
    }

    /**
     * Names of the threads that appeared since {@code before}, waiting up to 10 s for those that are
     * ending. The common fork-join pool, which grows and shrinks by itself, is not counted.
     */
    private static Set<String> newThreads(Set<Thread> before) throws InterruptedException {
        Set<Thread> left = Set.of();
        for (int i = 0; i < 100; i++) {
            left = threads();
            left.removeAll(before);
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return left.stream().map(Thread::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("ForkJoinPool.commonPool"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Files under {@code root} this process holds open (Linux: its descriptors in /proc/self/fd). */
    private static List<Path> openFilesUnder(Path root) throws IOException {
        Path real = root.toRealPath();
        List<Path> open = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return open;
    }
}
