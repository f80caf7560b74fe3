package io.xueliang.analytics.decode;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.synth.scene.SceneRenderer;
import io.xueliang.synth.scene.TrafficPlan;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints what decoding a 720p camera costs on one core (one decoder thread): rendered traffic with sensor noise,
 * encoded at a camera's settings (veryfast, main profile, 2 Mbit/s), decoded whole, with and without BGR conversion
 * of every picture. A measurement, not a test: run with {@code -Dxueliang.measure=true}; numbers go to
 * docs/BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "xueliang.measure", matches = "true")
class DecodeCostMeasurement {
    @Test
    void decodeCostOf720p() throws Exception {
        for (Codec codec : List.of(Codec.H264, Codec.H265)) {
            SceneRenderer renderer = new SceneRenderer(new TrafficPlan(5, 20), 5, "K1+000",
                    ZonedDateTime.parse("2026-05-01T08:00:00+08:00"));
            java.util.Random random = new java.util.Random(5);
            // Sensor noise, so the encoder spends a camera's bit rate instead of coding a clean cartoon almost free.
            TestStreams.Video v = TestStreams.encode(codec, 1280, 720, 250, 50, TestStreams.FIRST_PTS, i -> {
                java.awt.image.BufferedImage img = renderer.render(i / 25.0);
                byte[] p = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
                for (int k = 0; k < p.length; k += 1 + random.nextInt(3)) {
                    p[k] = (byte) Math.clamp((p[k] & 0xFF) + random.nextInt(7) - 3, 0, 255);
                }
                return img;
            }, List.of("-preset", "veryfast", "-profile:v", "main", "-b:v", "2M",
                    "-maxrate", "2M", "-bufsize", "4M"));
            List<AccessUnit> units = v.units();
            long bytes = units.stream().mapToLong(AccessUnit::size).sum();
            for (int round = 0; round < 3; round++) {
                long none = time(units, DecoderSettings.defaults(), p -> false);
                long all = time(units, DecoderSettings.defaults(), p -> true);
                long all640 = time(units, DecoderSettings.defaults().withMaxWidth(640), p -> true);
                System.out.printf("%s 1280x720 %d frames %.1f Mbit/s: decode %.2f ms/frame, decode+BGR %.2f,"
                        + " decode+BGR at 640 px %.2f%n", codec, units.size(), bytes * 8 / 10.0 / 1e6,
                        none / 1e6 / units.size(), all / 1e6 / units.size(), all640 / 1e6 / units.size());
            }
        }
    }

    private static long time(List<AccessUnit> units, DecoderSettings settings,
            java.util.function.LongPredicate select) {
        try (VideoDecoder d = new VideoDecoder(settings)) {
            long t0 = System.nanoTime();
            for (AccessUnit u : units) {
                d.decode(u, select);
            }
            d.flush(select);
            return System.nanoTime() - t0;
        }
    }
}
