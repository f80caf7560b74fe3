package io.xueliang.ingest.sdp.gb28181;

import io.xueliang.ingest.sdp.SdpParseException;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fuzz target: GB INVITE SDP. Only {@link SdpParseException} may leave the parser; what it reads, it can write. */
public class GbSdpFuzzTest {
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            GbSdp sdp = GbSdp.parse(new String(data, StandardCharsets.UTF_8));
            sdp.format();
            sdp.sessionType();
            sdp.start();
        } catch (SdpParseException e) {
            // the documented failure: the INVITE is refused
        }
    }

    @Test
    void fuzzesGbSdp() throws Exception {
        FuzzCampaign.of(GbSdpFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(16 * 1024).run();
    }

    static List<byte[]> seeds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/sdp"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("gb_")).sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
