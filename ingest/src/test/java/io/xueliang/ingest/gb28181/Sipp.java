package io.xueliang.ingest.gb28181;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** SIPp (Debian {@code sip-tester}) as a third-party SIP peer for tests; skips the test when it is missing. */
final class Sipp {
    private Sipp() {
    }

    static boolean available() {
        try {
            return new ProcessBuilder("sipp", "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "SIPp is not on the PATH (Debian sip-tester): no third-party SIP peer");
    }

    /** A scenario of the test resources' sipp folder, as a file. */
    static Path scenario(String name) {
        try {
            return Path.of(Sipp.class.getResource("/sipp/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A free UDP port for SIPp's own socket. */
    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The outcome of a run: its exit status (0: every call passed) and what it printed and logged as errors. */
    record Run(int exitCode, String output) {
    }

    /**
     * Runs SIPp with {@code args} (the target, scenarios and options) in {@code dir} until it ends, at most
     * {@code timeoutSeconds}; SIPp's error log is part of the output.
     */
    static Run run(Path dir, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-trace_err", "-error_file", dir.resolve("errors.log").toString(), "-nostdin"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(dir.resolve("sipp.out"), StandardCharsets.ISO_8859_1);
        Path errors = dir.resolve("errors.log");
        if (Files.exists(errors)) {
            out += "\n--- errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1);
        }
        return new Run(p.isAlive() ? -1 : p.exitValue(), out);
    }
}
