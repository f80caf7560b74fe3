package io.xueliang.ingest.gst;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The GStreamer RTSP server (gst-rtsp-server through python3-gi) as a child process, serving
 * MPEG-TS files in a loop on {@code rtsp://127.0.0.1:PORT/MOUNT}. Closing kills it.
 * <pre>
 * try (GstRtspServer gst = GstRtspServer.builder().mount("/cam1", ts, "h264").start()) {
 *     URI uri = gst.uri("/cam1");
 * }
 * </pre>
 */
public final class GstRtspServer implements AutoCloseable {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static volatile String unavailable;
    private static volatile boolean probed;

    private final Process process;
    private final int port;
    private final Path log;

    private GstRtspServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** True when /usr/bin/python3 can import gi with GstRtspServer 1.0. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Why {@link #available()} is false, for {@code assumeTrue(available(), reason)}; null when available. */
    public static synchronized String unavailableReason() {
        if (!probed) {
            probed = true;
            unavailable = probe();
        }
        return unavailable;
    }

    private static String probe() {
        if (!Files.isExecutable(PYTHON)) {
            return "GStreamer RTSP server tests skipped: " + PYTHON + " not found";
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c",
                    "import gi; gi.require_version('GstRtspServer','1.0'); from gi.repository import GstRtspServer")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "GStreamer RTSP server tests skipped: python3-gi / gir1.2-gst-rtsp-server-1.0 missing: " + out.strip();
            }
            return null;
        } catch (IOException e) {
            return "GStreamer RTSP server tests skipped: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** {@code rtsp://127.0.0.1:PORT/mount}. */
    public URI uri(String mount) {
        return URI.create("rtsp://127.0.0.1:" + port + mount);
    }

    /** With userinfo, percent-encoded by {@link URI}'s multi-argument constructor. */
    public URI uri(String mount, String user, String password) {
        try {
            return new URI("rtsp", user + ":" + password, "127.0.0.1", port, mount, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The server's stderr so far, for assertion messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private static Path script;

        private final List<String> mounts = new ArrayList<>();
        private String auth = "none";
        private String user = "admin";
        private String password = "";
        private int sessionTimeoutSeconds;
        private String protocols = "tcp+udp";

        /** @param codec {@code h264} or {@code h265}, the video codec inside the TS file */
        public Builder mount(String path, Path tsFile, String codec) {
            mounts.add(path + "=" + tsFile.toAbsolutePath() + ":" + codec);
            return this;
        }

        public Builder basicAuth(String user, String password) {
            this.auth = "basic";
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder digestAuth(String user, String password) {
            this.auth = "digest";
            this.user = user;
            this.password = password;
            return this;
        }

        /** The {@code timeout=} the server announces and enforces; 0 keeps GStreamer's 60 s. */
        public Builder sessionTimeout(int seconds) {
            this.sessionTimeoutSeconds = seconds;
            return this;
        }

        /** {@code udp} makes a server that answers a SETUP for TCP interleaved with 461 Unsupported Transport. */
        public Builder protocols(String value) {
            this.protocols = value;
            return this;
        }

        public GstRtspServer start() throws IOException, InterruptedException, TimeoutException {
            Path script = script();
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                Path log = Files.createTempFile("gst-rtsp-server", ".log");
                List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), "--port", Integer.toString(port),
                        "--auth", auth, "--user", user, "--password", password,
                        "--session-timeout", Integer.toString(sessionTimeoutSeconds), "--protocols", protocols));
                for (String m : mounts) {
                    cmd.add("--mount");
                    cmd.add(m);
                }
                Process process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
                CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (line.startsWith("READY") || line.startsWith("FAILED")) {
                                return line;
                            }
                        }
                        return "EXITED";
                    } catch (IOException e) {
                        return "EXITED " + e.getMessage();
                    }
                });
                String line;
                try {
                    line = ready.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    line = "EXITED " + e.getCause();
                } catch (TimeoutException e) {
                    process.destroyForcibly();
                    throw new TimeoutException("GStreamer RTSP server not ready in 20 s: " + Files.readString(log));
                }
                if (line.startsWith("READY")) {
                    return new GstRtspServer(process, port, log);
                }
                process.destroyForcibly();
                last = new IOException("GStreamer RTSP server did not start (" + line + "): " + Files.readString(log));
            }
            throw last;
        }

        /** The server script, copied out of the classpath (it may sit in the ingest test jar). */
        private static synchronized Path script() throws IOException {
            if (script == null) {
                try (InputStream in = GstRtspServer.class.getResourceAsStream("/gst/rtsp_server.py")) {
                    if (in == null) {
                        throw new IOException("gst/rtsp_server.py not on the test classpath");
                    }
                    Path file = Files.createTempFile("xueliang-gst-", ".py");
                    file.toFile().deleteOnExit();
                    Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    script = file;
                }
            }
            return script;
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
