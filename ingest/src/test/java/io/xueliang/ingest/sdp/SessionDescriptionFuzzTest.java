package io.xueliang.ingest.sdp;

import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fuzz target: SDP (RFC 8866) as cameras answer DESCRIBE. Only {@link SdpParseException} may leave the parser. */
public class SessionDescriptionFuzzTest {
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            SessionDescription sdp = SessionDescription.parse(new String(data, StandardCharsets.UTF_8));
            sdp.control();
            sdp.toString();
        } catch (SdpParseException e) {
            // the documented failure: the camera's session fails with it
        }
    }

    @Test
    void fuzzesSdp() throws Exception {
        FuzzCampaign.of(SessionDescriptionFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(16 * 1024).run();
    }

    /** The vendors' SDP of the golden files. */
    static List<byte[]> seeds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/sdp"))) {
            return files.sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
