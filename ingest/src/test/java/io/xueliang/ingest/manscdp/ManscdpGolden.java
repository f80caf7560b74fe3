package io.xueliang.ingest.manscdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/** The golden MANSCDP bodies under {@code golden/manscdp}, as bytes. */
final class ManscdpGolden {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Path DIR = Path.of("src/test/resources/golden/manscdp");

    private ManscdpGolden() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = ManscdpGolden.class.getResourceAsStream("/golden/manscdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ManscdpParser parser() {
        return new ManscdpParser(ManscdpLimits.DEFAULTS, ZONE);
    }
}
