package io.xueliang.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code xueliang export verify PACKAGE --key KEY} as a court's expert runs it, its report kept off the test log. */
final class ExportVerifier {
    private ExportVerifier() {
    }

    /** The command's exit status: 0 when the package verifies. */
    static int verify(Path zip, Path key) {
        PrintStream saved = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new Main()).execute("export", "verify", zip.toString(), "--key", key.toString());
        } finally {
            System.setOut(saved);
        }
    }
}
