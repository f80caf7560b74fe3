package io.xueliang.ingest.gb28181;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** SIPp (Debian {@code sip-tester}) as a third-party SIP peer for tests; skips the test when it is missing. */
public final class Sipp {
    private Sipp() {
    }

    public static boolean available() {
        try {
            return new ProcessBuilder("sipp", "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "SIPp is not on the PATH (Debian sip-tester): no third-party SIP peer");
    }

    /** A scenario of the test resources' sipp folder, copied into {@code dir} (the resources may be in a jar). */
    public static Path scenario(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name)) {
            if (in == null) {
                throw new IOException("no SIPp scenario " + name);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** A free UDP port for SIPp's own socket. */
    public static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The outcome of a run: its exit status (0: every call passed) and what it printed and logged as errors. */
    public record Run(int exitCode, String output) {
    }

    /**
     * Runs SIPp with {@code args} (the target, scenarios and options) in {@code dir} until it ends, at most
     * {@code timeoutSeconds}; SIPp's error log is part of the output.
     */
    public static Run run(Path dir, int timeoutSeconds, String... args) throws IOException, InterruptedException {
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
