package io.xueliang.bench.system;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulator and the server of one {@link ServerSetup}, each in its own JVM started from this JVM's class path,
 * logging into the work folder. Closing stops both (SIGTERM, then SIGKILL after 15 s).
 */
public final class RunningSystem implements AutoCloseable {
    private final ServerSetup setup;
    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    /** Stops the children when the harness itself is stopped (Ctrl-C, SIGTERM) in the middle of a run. */
    private final Thread onExit = new Thread(this::close, "stop-load-processes");
    private Process simulator;
    private Process server;

    private RunningSystem(ServerSetup setup, Path work) {
        this.setup = setup;
        this.work = work;
    }

    /** Writes the configuration into {@code work}, starts the simulator, then the server, and waits for both ports. */
    public static RunningSystem start(ServerSetup setup, Path work) throws Exception {
        Files.createDirectories(work);
        Path config = work.resolve("xueliang.yaml");
        Files.writeString(config, setup.yaml());
        RunningSystem system = new RunningSystem(setup, work);
        Runtime.getRuntime().addShutdownHook(system.onExit);
        try {
            List<String> simulate = new ArrayList<>(List.of("simulate", "--cameras", Integer.toString(setup.cameras()),
                    "--port", Integer.toString(setup.simulatorPort())));
            if (setup.clip() != null) {
                simulate.add("--source");
                simulate.add(setup.clip().toAbsolutePath().toString());
            }
            system.simulator = system.java(setup.simulatorJvm(), work.resolve("simulator.log"), simulate);
            waitForPort(setup.simulatorPort(), 60);
            system.server = system.java(setup.serverJvm(), work.resolve("server.log"),
                    List.of("run", "--config", config.toString()));
            waitForPort(setup.httpPort(), 60);
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    public Process server() {
        return server;
    }

    public Process simulator() {
        return simulator;
    }

    public Path work() {
        return work;
    }

    public MetricsScrape metrics() throws Exception {
        return MetricsScrape.of(setup.httpPort(), ServerSetup.METRICS_TOKEN);
    }

    /** Waits until every camera is playing ({@code xueliang_camera_up} summed equals N). */
    public void awaitCamerasUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metrics().up() < setup.cameras()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all cameras playing after " + timeout.toSeconds() + " s; see "
                        + work);
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited; see " + work.resolve("server.log"));
            }
            Thread.sleep(1000);
        }
    }

    @Override
    public void close() {
        stopAll(processes);
        if (Thread.currentThread() != onExit) {
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
    }

    /** SIGTERM to each, newest first, then SIGKILL to those still running after 15 s. */
    static void stopAll(List<Process> processes) {
        for (Process p : processes.reversed()) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private Process java(String jvmOptions, Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (String option : jvmOptions.trim().split("\\s+")) {
            if (option.startsWith("env:")) { // an environment variable, as the launcher sets (ServerSetup.LAUNCHER_ENV)
                String[] kv = option.substring(4).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            } else if (!option.isEmpty()) { // "" runs the JVM with its own defaults
                cmd.add(option);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.xueliang.server.Main");
        cmd.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private static void waitForPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("nothing listening on port " + port + " after " + seconds + " s");
    }
}
