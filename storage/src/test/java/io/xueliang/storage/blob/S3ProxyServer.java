package io.xueliang.storage.blob;

import io.xueliang.config.S3Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real S3 server for tests (DESIGN.md §13): S3Proxy's jar-with-dependencies as a child process, filesystem backend
 * in a directory of the test, on a free loopback port. It can be stopped and started again on the same port with
 * the same objects, as an S3 outage would look to a client.
 *
 * <p>The jar is copied to {@code target/s3proxy/s3proxy.jar} by the build (maven-dependency-plugin) and named by the
 * system property {@code s3proxy.jar}; when it is missing the test is skipped, saying why.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "xueliang-test";
    public static final String CREDENTIAL = "xueliang-test-secret";
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Path jar;
    private final Path dir;
    private final int port;
    private Process process;

    private S3ProxyServer(Path jar, Path dir, int port) {
        this.jar = jar;
        this.dir = dir;
        this.port = port;
    }

    /** The jar, from the system property or the build's copy. */
    public static Optional<Path> jar() {
        String property = System.getProperty("s3proxy.jar");
        Path candidate = property != null ? Path.of(property) : Path.of("target", "s3proxy", "s3proxy.jar");
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** Starts a server keeping its objects under {@code dir}, or skips the calling test when there is no jar. */
    public static S3ProxyServer startOrSkip(Path dir) throws IOException {
        Optional<Path> jar = jar();
        if (jar.isEmpty()) {
            String why = "S3Proxy jar not found (system property s3proxy.jar, or target/s3proxy/s3proxy.jar copied by"
                    + " 'mvn test'): skipping the tests against a real S3 server";
            System.out.println(why);
            Assumptions.abort(why);
        }
        S3ProxyServer server = new S3ProxyServer(jar.get(), dir, freePort());
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Starts the process (again, after {@link #stop}) and waits until it accepts connections. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path data = Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.identity=unused",
                "jclouds.credential=unused",
                "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--properties", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("S3Proxy did not start on port " + port + "; its log:\n" + tail(log));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting S3Proxy", e);
            }
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process; the port then refuses connections, as a store that went away does. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The configuration of a client of this server for {@code bucket}, with keys under {@code prefix}. */
    public S3Config config(String bucket, String prefix) {
        return new S3Config(endpoint(), S3Config.DEFAULT_REGION, bucket, IDENTITY, CREDENTIAL, prefix, true);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
