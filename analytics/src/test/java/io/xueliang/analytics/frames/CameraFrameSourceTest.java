package io.xueliang.analytics.frames;

import static io.xueliang.analytics.decode.PatternCheck.assertPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xueliang.analytics.decode.DecodedFrame;
import io.xueliang.analytics.decode.DecoderSettings;
import io.xueliang.analytics.decode.SamplingMode;
import io.xueliang.analytics.decode.SamplingSettings;
import io.xueliang.analytics.decode.TestStreams;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.FakeClock;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.StreamHub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CameraFrameSourceTest {
    private static final int FRAMES = 100;
    private static final int GOP = 25;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final FakeClock clock = new FakeClock();
    private final List<DecodedFrame> frames = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    /** Waits for a condition the source reaches on its own thread; fails after a generous bound, never times it. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static FrameSourceSettings roomy() {
        return FrameSourceSettings.defaults().withQueue(400, 64L << 20, 400);
    }

    private static int index(DecodedFrame f) {
        return TestStreams.index(f.pts90k(), TestStreams.FIRST_PTS);
    }

    @Test
    void handsOnFivePicturesASecondReadFromTheHub() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        try (CameraFrameSource source = new CameraFrameSource(hub, roomy(), frames::add, executor, clock).start()) {
            v.units().forEach(hub::publish);
            await(() -> source.stats().unitsRead() == FRAMES, "all units read");
            assertEquals(FRAMES / 5, frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(5 * i, index(frames.get(i)));
                assertPattern(frames.get(i).image(), 5 * i);
                assertEquals(v.units().get(5 * i).wallClock(), frames.get(i).wallClock());
            }
            FrameSourceStats stats = source.stats();
            assertEquals(FRAMES / 5, stats.framesDelivered());
            assertEquals(FRAMES, stats.decoder().unitsDecoded());
            assertEquals(0, stats.unitsSkipped());
        }
    }

    @Test
    void keyframesOnlyModeDecodesOnlyKeyframes() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H265, FRAMES, GOP);
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        FrameSourceSettings settings = roomy().withSampling(new SamplingSettings(SamplingMode.KEYFRAMES, 5))
                .withDecoder(DecoderSettings.defaults().withMaxWidth(320));
        try (CameraFrameSource source = new CameraFrameSource(hub, settings, frames::add, executor, clock).start()) {
            v.units().forEach(hub::publish);
            await(() -> source.stats().unitsRead() == FRAMES, "all units read");
            assertEquals(List.of(0, 25, 50, 75), frames.stream().map(CameraFrameSourceTest::index).toList());
            frames.forEach(f -> assertEquals(320, f.image().width()));
            assertPattern(frames.get(3).image(), 75);
            assertEquals(FRAMES / GOP, source.stats().decoder().unitsDecoded());
        }
    }

    @Test
    void skipsToTheNextKeyframeWhileTheConsumerLagsAndNeverHoldsUpThePublisher() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstFrame = new CountDownLatch(1);
        FrameSourceSettings settings = FrameSourceSettings.defaults().withQueue(400, 64L << 20, 10)
                .withSampling(new SamplingSettings(SamplingMode.RATE, 25));
        try (CameraFrameSource source = new CameraFrameSource(hub, settings, f -> {
            frames.add(f);
            firstFrame.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, executor, clock).start()) {
            hub.publish(v.units().get(0));
            assertTrue(firstFrame.await(30, TimeUnit.SECONDS));
            // The consumer is stuck on picture 0: the rest of the camera's units must still publish at once.
            v.units().subList(1, 60).forEach(hub::publish);
            release.countDown();
            await(() -> source.stats().unitsRead() == 60, "units read");
            // Caught up: the camera's next units, arriving one at a time, are all decoded.
            for (AccessUnit u : v.units().subList(60, FRAMES)) {
                long read = source.stats().unitsRead();
                hub.publish(u);
                await(() -> source.stats().unitsRead() == read + 1, "unit read");
            }
            FrameSourceStats stats = source.stats();
            // 59 units queued behind the stuck consumer: skipped up to keyframe 25, still 34 behind there, so
            // skipped again up to keyframe 50, from where the backlog is under 10.
            List<Integer> expected = new java.util.ArrayList<>(List.of(0, 25));
            java.util.stream.IntStream.range(50, FRAMES).forEach(expected::add);
            assertEquals(expected, frames.stream().map(CameraFrameSourceTest::index).toList());
            assertEquals(24 + 24, stats.unitsSkipped(), stats.toString());
            for (DecodedFrame f : frames) {
                assertPattern(f.image(), index(f));
            }
        }
    }

    @Test
    void aFullReaderQueueIsDroppedByTheHubAndCounted() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        CountDownLatch release = new CountDownLatch(1);
        FrameSourceSettings settings = FrameSourceSettings.defaults().withQueue(10, 64L << 20, 10);
        try (CameraFrameSource source = new CameraFrameSource(hub, settings, f -> {
            frames.add(f);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, executor, clock).start()) {
            hub.publish(v.units().get(0));
            await(() -> frames.size() == 1, "first picture");
            v.units().subList(1, FRAMES).forEach(hub::publish);
            release.countDown();
            await(() -> source.stats().unitsRead() + source.stats().unitsDropped() == FRAMES, "all units accounted");
            assertTrue(source.stats().unitsDropped() > 0, source.stats().toString());
            for (DecodedFrame f : frames) {
                assertPattern(f.image(), index(f));
            }
        }
    }

    @Test
    void aQuietCameraFreesItsDecoderAndResumesAtItsNextKeyframe() throws Exception {
        TestStreams.Video v = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        FrameSourceSettings settings = roomy().withSampling(new SamplingSettings(SamplingMode.RATE, 25));
        CameraFrameSource source = new CameraFrameSource(hub, settings, frames::add, executor, clock).start();
        v.units().subList(0, 30).forEach(hub::publish);
        await(() -> source.stats().unitsRead() == 30, "units read");
        assertTrue(source.decoding());
        clock.advance(Duration.ofSeconds(11));
        await(() -> source.stats().idles() == 1, "camera seen quiet");
        assertFalse(source.decoding());
        assertEquals(30, frames.size());
        // The camera comes back mid-GOP: nothing until its next keyframe.
        v.units().subList(40, FRAMES).forEach(hub::publish);
        await(() -> source.stats().unitsRead() == 90, "units read after the pause");
        assertEquals(30 + 50, frames.size());
        assertEquals(50, index(frames.get(30)));
        assertPattern(frames.get(30).image(), 50);

        source.stop().get(30, TimeUnit.SECONDS);
        assertTrue(hub.readers().isEmpty(), "reader left the hub");
        v.units().forEach(hub::publish);
        assertEquals(80, frames.size());
        source.close(); // again: nothing happens
    }

    @Test
    void stopsCleanlyWhenTheCameraNeverPublished() throws Exception {
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        CameraFrameSource source = new CameraFrameSource(hub, FrameSourceSettings.defaults(), frames::add, executor,
                clock).start();
        source.close();
        assertTrue(source.stopped().isDone());
        assertTrue(hub.readers().isEmpty());
        CameraFrameSource never = new CameraFrameSource(hub, FrameSourceSettings.defaults(), frames::add, executor,
                clock);
        never.close();
        assertTrue(never.stopped().isDone());
    }

    @Test
    void ignoresAudioAndFollowsACodecSwitch() throws Exception {
        TestStreams.Video h264 = TestStreams.pattern(Codec.H264, FRAMES, GOP);
        TestStreams.Video h265 = TestStreams.pattern(Codec.H265, FRAMES, GOP);
        StreamHub hub = new StreamHub(TestStreams.CAMERA);
        FrameSourceSettings settings = roomy().withSampling(new SamplingSettings(SamplingMode.RATE, 25));
        StreamDescription audio = StreamDescription.audio(Codec.PCMA, 8000, 1, null);
        try (CameraFrameSource source = new CameraFrameSource(hub, settings, frames::add, executor, clock).start()) {
            for (int i = 0; i < 50; i++) {
                AccessUnit u = h264.units().get(i);
                hub.publish(u);
                hub.publish(AccessUnit.copyOf(u.camera(), audio, u.pts90k(), u.wallClock(), true, new byte[160]));
            }
            long pts = h264.units().get(50).pts90k();
            for (int i = 0; i < 50; i++) {
                AccessUnit u = h265.units().get(i);
                hub.publish(TestStreams.shifted(u, pts + (long) i * TestStreams.FRAME_TICKS, u.wallClock()));
            }
            await(() -> source.stats().unitsRead() == 100, "all video read");
            assertEquals(100, frames.size());
            assertPattern(frames.get(49).image(), 49);
            assertPattern(frames.get(50).image(), 0);
            assertEquals(1, source.stats().decoder().reopens());
        }
    }
}
