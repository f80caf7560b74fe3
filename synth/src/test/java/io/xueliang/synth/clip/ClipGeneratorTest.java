package io.xueliang.synth.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipGeneratorTest {

    static boolean ffmpegAvailable() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void writesTransportStreamAndGroundTruthSidecar(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ffmpegAvailable(), "ffmpeg is not on the PATH");
        Path out = dir.resolve("tiny.ts");
        ClipOptions o = new ClipOptions(out, ClipCodec.H264, 1, 10, 0.5, 300_000, 5, "测试", ClipOptions.DEFAULT_OSD_START);
        Path truth = new ClipGenerator(o).generate();
        byte[] ts = Files.readAllBytes(out);
        assertThat(ts.length % 188).isZero();
        assertThat(ts[0]).isEqualTo((byte) 0x47);
        assertThat(truth).isEqualTo(dir.resolve("tiny.json"));
        String json = Files.readString(truth, StandardCharsets.UTF_8);
        assertThat(json).contains("\"codec\": \"h264\"", "\"frames\": 10", "\"gopFrames\": 5", "\"direction\": ");
    }

    @Test
    void missingFfmpegIsNamedInTheError(@TempDir Path dir) {
        ClipOptions o = ClipOptions.standard(dir.resolve("x.ts"), ClipCodec.H265, 1);
        assertThatThrownBy(() -> new ClipGenerator(o, "/nonexistent/ffmpeg-xyz").generate())
                .isInstanceOf(FfmpegNotFoundException.class).hasMessageContaining("ffmpeg-xyz")
                .hasMessageContaining("ffmpeg is required");
    }

    @Test
    void parsesBitrateSuffixes() {
        assertThat(ClipArguments.parseBitrate("1500k")).isEqualTo(1_500_000);
        assertThat(ClipArguments.parseBitrate("1.5M")).isEqualTo(1_500_000);
        assertThat(ClipArguments.parseBitrate("800000")).isEqualTo(800_000);
    }
}
