package io.xueliang.analytics.decode;

import static io.xueliang.analytics.decode.PatternCheck.assertPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VideoDecoderTest {
    private static final int FRAMES = 100;
    private static final int GOP = 25;

    private static List<DecodedFrame> decodeAll(VideoDecoder decoder, List<AccessUnit> units,
            java.util.function.LongPredicate select) {
        List<DecodedFrame> out = new ArrayList<>();
        for (AccessUnit u : units) {
            out.addAll(decoder.decode(u, select));
        }
        out.addAll(decoder.flush(select));
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264", "H265"})
    void decodesEveryPictureWithItsColoursAndTimes(Codec codec) throws Exception {
        TestStreams.Video v = TestStreams.pattern(codec, FRAMES, GOP);
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            List<DecodedFrame> frames = decodeAll(decoder, v.units(), pts -> true);
            assertEquals(FRAMES, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                DecodedFrame f = frames.get(i);
                assertEquals(v.units().get(i).pts90k(), f.pts90k());
                assertEquals(v.units().get(i).wallClock(), f.wallClock());
                assertEquals(TestStreams.CAMERA, f.camera());
                assertEquals(TestStreams.WIDTH, f.image().width());
                assertEquals(TestStreams.HEIGHT, f.image().height());
                assertPattern(f.image(), i);
            }
            DecoderCounters c = decoder.counters();
            assertEquals(FRAMES, c.unitsDecoded());
            assertEquals(FRAMES, c.picturesConverted());
            assertEquals(0, c.errors());
        }
    }

    @Test
    void convertsFivePicturesASecondOfTwentyFiveButDecodesThemAll() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        FrameSampler sampler = new FrameSampler(SamplingSettings.defaults());
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            List<DecodedFrame> frames = decodeAll(decoder, v.units().stream().filter(sampler::decodes).toList(),
                    sampler);
            assertEquals(FRAMES / 5, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(TestStreams.FIRST_PTS + i * 18_000L, frames.get(i).pts90k());
                assertPattern(frames.get(i).image(), 5 * i);
            }
            assertEquals(FRAMES, decoder.counters().unitsDecoded());
            assertEquals(FRAMES, decoder.counters().picturesDecoded());
            assertEquals(FRAMES / 5, decoder.counters().picturesConverted());
        }
    }

    @Test
    void keyframesOnlyModeDecodesNothingElse() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H265, FRAMES, GOP);
        FrameSampler sampler = new FrameSampler(new SamplingSettings(SamplingMode.KEYFRAMES, 5));
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            List<DecodedFrame> frames = new ArrayList<>();
            for (AccessUnit u : v.units()) {
                if (sampler.decodes(u)) {
                    frames.addAll(decoder.decode(u, sampler));
                    frames.addAll(decoder.flush(sampler));
                }
            }
            assertEquals(FRAMES / GOP, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertPattern(frames.get(i).image(), i * GOP);
            }
            assertEquals(FRAMES / GOP, decoder.counters().unitsDecoded());
        }
    }

    @Test
    void scalesDownToTheConfiguredWidth() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults().withMaxWidth(320))) {
            List<DecodedFrame> frames = decodeAll(decoder, v.units().subList(0, 10), pts -> true);
            assertEquals(10, frames.size());
            assertEquals(320, frames.get(9).image().width());
            assertEquals(180, frames.get(9).image().height());
            assertPattern(frames.get(9).image(), 9);
        }
    }

    @Test
    void reopensWhenTheCameraSwitchesFromH264ToH265() throws Exception {
        TestStreams.Video h264 = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        TestStreams.Video h265 = TestStreams.pattern(Codec.H265, FRAMES, GOP);
        List<AccessUnit> units = new ArrayList<>(h264.units().subList(0, 40));
        long pts = h264.units().get(40).pts90k();
        for (int i = 0; i < 50; i++) {
            AccessUnit u = h265.units().get(i);
            units.add(TestStreams.shifted(u, pts + (long) i * TestStreams.FRAME_TICKS,
                    h264.units().get(40 + i).wallClock()));
        }
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            List<DecodedFrame> frames = decodeAll(decoder, units, p -> true);
            assertEquals(90, frames.size());
            for (int i = 0; i < 40; i++) {
                assertPattern(frames.get(i).image(), i);
            }
            for (int i = 0; i < 50; i++) {
                assertPattern(frames.get(40 + i).image(), i);
            }
            assertEquals(1, decoder.counters().reopens());
            assertEquals(0, decoder.counters().errors());
        }
    }

    @Test
    void anEqualDescriptionInANewInstanceDoesNotReopen() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        StreamDescription d = v.description();
        StreamDescription same = StreamDescription.h264(d.sps(), d.pps(), d.width(), d.height());
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            List<DecodedFrame> frames = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                AccessUnit u = v.units().get(i);
                AccessUnit w = i < 10 ? u : AccessUnit.copyOf(u.camera(), same, u.pts90k(), u.wallClock(),
                        u.isKeyframe(), u.copyPayload());
                frames.addAll(decoder.decode(w, p -> true));
            }
            assertEquals(30, frames.size());
            assertEquals(0, decoder.counters().reopens());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264", "H265"})
    void survivesCorruptPayloadsAndResumesAtTheNextKeyframe(Codec codec) throws Exception {
        TestStreams.Video v = TestStreams.pattern(codec, FRAMES, GOP);
        List<AccessUnit> units = new ArrayList<>(v.units());
        Random random = new Random(7);
        // GOP 2 (units 25..49): a length prefix pointing past the end, then truncated NAL units.
        AccessUnit u30 = units.get(30);
        byte[] p30 = u30.copyPayload();
        ByteBuffer.wrap(p30).putInt(0, p30.length + 100);
        units.set(30, TestStreams.withPayload(u30, p30));
        byte[] p31 = units.get(31).copyPayload();
        units.set(31, TestStreams.withPayload(units.get(31), java.util.Arrays.copyOf(p31, p31.length / 2)));
        // GOP 3 (50..74): random bytes with valid lengths, and a payload of pure noise.
        byte[] noise = new byte[3000];
        random.nextBytes(noise);
        // A slice header type (H.264 non-IDR slice; H.265 TRAIL_R) so the decoder parses the noise as a picture.
        noise[0] = codec == Codec.H264 ? (byte) 0x41 : (byte) 0x02;
        noise[1] = codec == Codec.H264 ? noise[1] : (byte) 0x01;
        byte[] framed = new byte[noise.length + 4];
        ByteBuffer.wrap(framed).putInt(noise.length).put(noise);
        units.set(55, TestStreams.withPayload(units.get(55), framed));
        byte[] pure = new byte[500];
        random.nextBytes(pure);
        units.set(56, TestStreams.withPayload(units.get(56), pure));
        units.set(57, TestStreams.withPayload(units.get(57), new byte[0]));
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            List<DecodedFrame> frames = decodeAll(decoder, units, p -> true);
            List<Integer> seen = frames.stream().map(f -> TestStreams.index(f.pts90k(), TestStreams.FIRST_PTS))
                    .toList();
            for (int i = 0; i < 30; i++) {
                assertTrue(seen.contains(i), "picture " + i + " before the damage is decoded");
            }
            for (int i = 30; i < 50; i++) {
                assertFalse(seen.contains(i), "picture " + i + " after a truncated unit waits for the keyframe");
            }
            for (int i = 50; i < 55; i++) {
                assertTrue(seen.contains(i), "picture " + i + " of the next GOP is decoded");
            }
            for (int i = 57; i < 75; i++) {
                assertFalse(seen.contains(i), "picture " + i + " after a noise payload waits for the keyframe");
            }
            for (int i = 75; i < FRAMES; i++) {
                assertTrue(seen.contains(i), "picture " + i + " of the GOP after the noise is decoded");
            }
            for (DecodedFrame f : frames) {
                int index = TestStreams.index(f.pts90k(), TestStreams.FIRST_PTS);
                if (index < 55 || index >= 75) {
                    assertPattern(f.image(), index);
                }
            }
            assertTrue(decoder.counters().errors() >= 2, "errors counted: " + decoder.counters());
        }
    }

    @Test
    void randomDamageNeverCrashesAndACleanGopDecodesAfterwards() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        Random random = new Random(42);
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            for (int round = 0; round < 5; round++) {
                for (AccessUnit u : v.units().subList(0, 75)) {
                    byte[] p = u.copyPayload();
                    int flips = random.nextInt(8);
                    for (int k = 0; k < flips; k++) {
                        p[random.nextInt(p.length)] = (byte) random.nextInt(256);
                    }
                    if (random.nextInt(10) == 0) {
                        p = java.util.Arrays.copyOf(p, random.nextInt(p.length + 1));
                    }
                    decoder.decode(TestStreams.withPayload(u, p), pts -> true);
                }
            }
            List<DecodedFrame> clean = new ArrayList<>();
            for (AccessUnit u : v.units().subList(75, FRAMES)) {
                clean.addAll(decoder.decode(u, pts -> true));
            }
            assertEquals(25, clean.size());
            for (DecodedFrame f : clean) {
                assertPattern(f.image(), TestStreams.index(f.pts90k(), TestStreams.FIRST_PTS));
            }
            assertTrue(decoder.counters().errors() > 0);
        }
    }

    @Test
    void refusesUnitsAboveTheSizeLimitBeforeNativeCode() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        try (VideoDecoder decoder = new VideoDecoder(new DecoderSettings(0, 1, 100))) {
            assertTrue(decoder.decode(v.units().get(0), p -> true).isEmpty());
            assertEquals(1, decoder.counters().errors());
            assertEquals(0, decoder.counters().unitsDecoded());
            assertFalse(decoder.holdsNativeDecoder());
        }
    }

    @Test
    void manyDecodersOpenedAndClosedLeaveNoNativeMemoryBehind() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        List<AccessUnit> units = v.units().subList(0, 30);
        long last = units.get(29).pts90k();
        // Only the last picture is converted, so the Java heap stays small and resident memory shows native memory.
        Runnable cycle = () -> {
            try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
                assertEquals(1, decodeAll(decoder, units, p -> p == last).size());
                assertEquals(30, decoder.counters().picturesDecoded());
            }
        };
        for (int i = 0; i < 20; i++) {
            cycle.run(); // warm up: code, allocator arenas, the JIT
        }
        System.gc();
        long before = Pointer.physicalBytes();
        for (int i = 0; i < 300; i++) {
            cycle.run();
        }
        System.gc();
        long grown = Pointer.physicalBytes() - before;
        System.out.println("300 decoders opened and closed: resident memory grew by " + (grown >> 20) + " MiB");
        // One leaked 640x360 decoder holds several MiB of picture buffers: 300 of them would be over 300 MiB.
        assertTrue(grown < 100L << 20, "resident memory grew by " + (grown >> 20) + " MiB over 300 decoders");
        VideoDecoder closed = new VideoDecoder(DecoderSettings.defaults());
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.decode(units.get(0), p -> true));
    }

    @Test
    void refusesAudio() {
        try (VideoDecoder decoder = new VideoDecoder(DecoderSettings.defaults())) {
            AccessUnit audio = AccessUnit.copyOf(TestStreams.CAMERA, StreamDescription.audio(Codec.PCMA, 8000, 1,
                    null), 0, TestStreams.FIRST_WALL_CLOCK, true, new byte[160]);
            assertThrows(IllegalArgumentException.class, () -> decoder.decode(audio, p -> true));
        }
    }
}
