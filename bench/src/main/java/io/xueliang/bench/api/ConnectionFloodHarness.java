package io.xueliang.bench.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection flood against a real server process (issue 10, item 7): the server ({@code Main run}, default HTTP
 * limits) in its own JVM, then {@code --connections} TCP connections that never send a byte, from
 * {@code --addresses} loopback addresses (127.0.1.x), held for {@code --hold-seconds}, while another address asks
 * {@code /healthz} every 100 ms. Prints how many connections the server held, refused and closed, and how
 * {@code /healthz} fared: answered, failed, slowest.
 *
 * <pre>
 *   java -cp "bench/target/xueliang-bench.jar:bench/target/lib/*" io.xueliang.bench.api.ConnectionFloodHarness \
 *       --connections 19000 --addresses 1 --hold-seconds 30
 * </pre>
 *
 * The harness and the server each need descriptors for their side of every connection: run it where
 * {@code ulimit -Hn} exceeds the connection count.
 */
public final class ConnectionFloodHarness {
    private ConnectionFloodHarness() {
    }

    public static void main(String[] args) throws Exception {
        int connections = 19_000;
        int addresses = 1;
        int holdSeconds = 30;
        int port = 18_080;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--addresses" -> addresses = Integer.parseInt(args[i + 1]);
                case "--hold-seconds" -> holdSeconds = Integer.parseInt(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("xueliang-flood");
        Path config = work.resolve("xueliang.yaml");
        Files.writeString(config, "http: { port: " + port + ", metricsToken: " + TOKEN + " }\nstorage: { root: "
                + work.resolve("data") + " }\n");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.xueliang.server.Main", "run", "--config", config.toString());
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitForHealthz(port);
            Probe probe = new Probe(port);
            Thread probing = Thread.ofPlatform().daemon().start(probe);
            Thread.sleep(2000);
            long floodStart = System.nanoTime();
            List<Socket> held = new ArrayList<>(connections);
            int connectFailures = 0;
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket();
                try {
                    s.bind(new InetSocketAddress(InetAddress.getByName("127.0.1." + (1 + i % addresses)), 0));
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    held.add(s);
                } catch (IOException e) {
                    connectFailures++;
                    s.close();
                }
            }
            double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
            String afterFlood = connectionMetrics(port);
            Thread.sleep(holdSeconds * 1000L);
            int stillOpen = held.size() - countClosed(held, 1);
            String afterHold = connectionMetrics(port);
            probe.stop.set(true);
            probing.join();
            for (Socket s : held) {
                s.close();
            }
            long tooManyFiles;
            try (var lines = Files.lines(log)) {
                tooManyFiles = lines.filter(l -> l.contains("Too many open files")).count();
            }
            System.out.printf(Locale.ROOT, """
                    connections opened: %d of %d (%d failed to connect) from %d address(es) in %.1f s
                    server right after the flood: %s
                    server %d s later: %s; flood connections still open: %d
                    /healthz from another address, every 100 ms: %d answered 200, %d failed %s, slowest %.1f ms
                    "Too many open files" in the server log: %d lines
                    server log: %s
                    """, held.size(), connections, connectFailures, addresses, floodSeconds, afterFlood, holdSeconds,
                    afterHold, stillOpen, probe.ok.get(), probe.failed.get(), probe.reasons, probe.slowestNanos.get() / 1e6,
                    tooManyFiles, log);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static final String TOKEN = "flood-metrics-token-0123456789";

    /** The server's connection metrics, one line. */
    private static String connectionMetrics(int port) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/metrics")).header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        StringBuilder line = new StringBuilder();
        body.lines().filter(l -> l.startsWith("xueliang_http_connections") || l.startsWith("xueliang_http_header"))
                .forEach(l -> line.append(l.replace("xueliang_http_", "")).append("; "));
        return line.toString();
    }

    /** How many of {@code sockets} the server has closed, waiting at most {@code millis} on each. */
    private static int countClosed(List<Socket> sockets, int millis) throws IOException {
        int closed = 0;
        for (Socket s : sockets) {
            if (s.isClosed()) {
                closed++;
                continue;
            }
            s.setSoTimeout(millis);
            try {
                if (s.getInputStream().read() < 0) {
                    closed++;
                    s.close();
                }
            } catch (java.net.SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++;
                s.close();
            }
        }
        return closed;
    }

    private static void waitForHealthz(int port) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (healthz(port) >= 0) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the server did not answer /healthz in 60 s");
    }

    /** Nanoseconds one {@code /healthz} took, from 127.0.0.250. */
    static long healthz(int port) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.250"), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            if (!status.equals("HTTP/1.1 200")) {
                throw new IOException("answered " + status);
            }
        }
        return System.nanoTime() - start;
    }

    private static final class Probe implements Runnable {
        final int port;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong slowestNanos = new AtomicLong();
        final List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        /** When probing began (2 s before the flood). */
        final long started = System.nanoTime();

        Probe(int port) {
            this.port = port;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    long t = healthz(port);
                    ok.incrementAndGet();
                    slowestNanos.accumulateAndGet(t, Math::max);
                } catch (IOException e) {
                    if (failed.incrementAndGet() <= 5) {
                        reasons.add(String.format(Locale.ROOT, "%.1f s: %s", (System.nanoTime() - started) / 1e9, e));
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
