package io.xueliang.storage.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.CameraConfig;
import io.xueliang.config.Transport;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.FakeClock;
import io.xueliang.media.StreamHub;
import io.xueliang.media.QueueBudget;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.StreamHubs;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.RecordingClips;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The recorder against generated H.264 and H.265 streams published into a hub, as ingest publishes them. */
class RecordingServiceTest {
    static final CameraId CAM = CameraId.of("cam1");
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path root;
    private EmbeddedDatabase database;
    private SqliteRecordingIndex index;
    private final StreamHubs hubs = new StreamHubs(4096);

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system());
        index = new SqliteRecordingIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private RecordingService service(Duration segmentLength) {
        return service(index, segmentLength);
    }

    private RecordingService service(RecordingIndex index, Duration segmentLength) {
        return new RecordingService(hubs, index, RecordingLayout.under(root), segmentLength, Fmp4WriterSettings.defaults(),
                InstantSource.system(), new RecordingGate(), 2, new QueueBudget(64L << 20));
    }

    private static Camera camera() {
        return Camera.from(new CameraConfig(CAM.value(), null, List.of("县"), null, URI.create("rtsp://10.0.0.1/x"), null,
                Transport.TCP, true, true, false, true, null));
    }

    /** The 4 s clip repeated {@code loops} times from frame offset {@code frame0}: continuous pts and wall clock. */
    private static void publish(StreamHub hub, List<AccessUnit> clip, int loops, long frame0) {
        for (int loop = 0; loop < loops; loop++) {
            for (int i = 0; i < clip.size(); i++) {
                AccessUnit u = clip.get(i);
                long frame = frame0 + (long) loop * clip.size() + i;
                hub.publish(AccessUnit.copyOf(CAM, u.description(), 1_000_000L + frame * RecordingClips.FRAME_TICKS,
                        T0.plusMillis(frame * 1000 / RecordingClips.FPS), u.isKeyframe(), u.copyPayload()));
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * A broken or hostile camera: every frame a keyframe whose parameters alternate between two sets, as if its SPS
     * changed with every frame. Frames {@code from..to}, 25 fps.
     */
    private static void publishStorm(StreamHub hub, List<AccessUnit> clip, StreamDescription a, StreamDescription b,
            int from, int to) {
        for (int f = from; f < to; f++) {
            hub.publish(AccessUnit.copyOf(CAM, f % 2 == 0 ? a : b, 1_000_000L + (long) f * RecordingClips.FRAME_TICKS,
                    T0.plusMillis(f * 1000L / RecordingClips.FPS), true, clip.get(f % clip.size()).copyPayload()));
        }
    }

    private static StreamDescription otherParameters(StreamDescription d) {
        byte[] sps = d.sps().getFirst().clone();
        sps[sps.length - 1] ^= 0x10;
        return StreamDescription.h264(List.of(sps), d.pps(), d.width(), d.height());
    }

    @Test
    void aCameraWithNewParametersInEveryFrameMakesOneFilePerIntervalNotOnePerFrame() throws Exception {
        List<AccessUnit> clip = RecordingClips.video(Codec.H264, 25);
        StreamDescription a = clip.getFirst().description();
        StreamDescription b = otherParameters(a);
        FakeClock clock = new FakeClock(T0);
        StreamHub hub = hubs.hub(CAM);
        try (RecordingService recording = new RecordingService(hubs, index, RecordingLayout.under(root),
                Duration.ofSeconds(60), Duration.ofSeconds(10), Fmp4WriterSettings.defaults(), clock, new RecordingGate(), 2,
                new QueueBudget(64L << 20))) {
            recording.put(camera());
            publishStorm(hub, clip, a, b, 0, 250);
            await(() -> handled(recording) >= 250, "the first 10 s handled");
            clock.advance(Duration.ofSeconds(10));
            publishStorm(hub, clip, a, b, 250, 500);
            await(() -> handled(recording) >= 500, "the next 10 s handled");
            RecorderStats stats = recording.stats().getFirst();
            assertThat(stats.segments()).as("one change per 10 s of the server's clock starts a file").isEqualTo(3);
            assertThat(stats.rotationsDeferred()).isGreaterThan(200);
        }
        assertThat(index.segments(CAM, T0, T0.plusSeconds(60), 1000)).hasSize(3)
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(SegmentState.FINISHED));
    }

    @Test
    void withoutTheIntervalTheSameCameraMakesAFilePerFrame() throws Exception {
        List<AccessUnit> clip = RecordingClips.video(Codec.H264, 25);
        StreamDescription a = clip.getFirst().description();
        StreamHub hub = hubs.hub(CAM);
        try (RecordingService recording = new RecordingService(hubs, index, RecordingLayout.under(root),
                Duration.ofSeconds(60), Duration.ZERO, Fmp4WriterSettings.defaults(), new FakeClock(T0),
                new RecordingGate(), 2, new QueueBudget(64L << 20))) {
            recording.put(camera());
            publishStorm(hub, clip, a, otherParameters(a), 0, 40);
            await(() -> handled(recording) >= 40, "every unit handled");
            assertThat(recording.stats().getFirst().segments()).isEqualTo(40);
        }
    }

    private static long handled(RecordingService recording) {
        RecorderStats s = recording.stats().getFirst();
        return s.units() + s.droppedUnits();
    }

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264", "H265"})
    void rotatesAtKeyframesIndexesGapsAndEveryFilePlays(Codec codec) throws Exception {
        List<AccessUnit> clip = RecordingClips.video(codec, 25);
        StreamHub hub = hubs.hub(CAM);
        try (RecordingService recording = service(Duration.ofSeconds(5))) {
            recording.put(camera());
            publish(hub, clip, 3, 0);              // 0 .. 12 s
            publish(hub, clip, 1, 3 * 100 + 75);   // camera away 3 s: 15 .. 19 s
            await(() -> recording.stats().getFirst().units() + recording.stats().getFirst().droppedUnits() >= 400,
                    "every unit handled");
        }
        List<RecordedSegment> segments = index.segments(CAM, T0, T0.plusSeconds(60), 100);
        assertThat(segments).extracting(RecordedSegment::start).containsExactly(T0, T0.plusSeconds(5),
                T0.plusSeconds(10), T0.plusSeconds(15));
        assertThat(segments).extracting(RecordedSegment::end).containsExactly(T0.plusSeconds(5), T0.plusSeconds(10),
                T0.plusSeconds(12), T0.plusSeconds(19));
        assertThat(segments).extracting(RecordedSegment::frames).containsExactly(125L, 125L, 50L, 100L);
        assertThat(index.gaps(CAM, T0, T0.plusSeconds(60), 10)).containsExactly(
                new RecordingGap(CAM, T0.plusSeconds(12), T0.plusSeconds(15), GapReason.DISCONNECTED));
        for (RecordedSegment s : segments) {
            assertThat(s.state()).isEqualTo(SegmentState.FINISHED);
            assertThat(s.codec()).isEqualTo(codec);
            Path file = RecordingLayout.under(root).file(s.key());
            assertThat(Files.size(file)).isEqualTo(s.bytes());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                    .isEqualTo(s.sha256());
            RecordingClips.Probe probe = RecordingClips.probe(file);
            assertThat(probe.errors()).as(s.key()).isEmpty();
            assertThat(probe.frames()).as(s.key()).isEqualTo(s.frames());
            assertThat(probe.tag()).isEqualTo(codec == Codec.H264 ? "avc1" : "hvc1");
        }
    }

    /**
     * The store stops answering (a disk busy with a checkpoint, for seconds) just as a camera sends a burst larger than
     * one camera's share of the queues used to be: 900 units and 2.6 MiB at once (each unit carries a 2 KB filler
     * NAL unit), more than the 512 units and 1 MiB a recorder was allowed. The writer used to wait for the segment's
     * index row on its thread while the camera's queue overflowed, and dropped most of the burst; now the camera waits
     * without holding a thread, its queue borrows from the shared budget, and when the store answers again every unit
     * is written.
     */
    @org.junit.jupiter.api.Test
    void aBurstLargerThanACamerasQueueWhileTheStoreStallsIsWrittenWhole() throws Exception {
        List<AccessUnit> clip = RecordingClips.video(Codec.H264, 25);
        int loops = 9;
        long units = (long) loops * clip.size();
        byte[] filler = new byte[2 + 2048]; // NAL unit type 12, filler data, ignored by decoders
        filler[0] = 12;
        StallingIndex stalling = new StallingIndex(index);
        StreamHub hub = hubs.hub(CAM);
        long burstBytes = 0;
        try (RecordingService recording = service(stalling, Duration.ofSeconds(5))) {
            recording.put(camera());
            for (int loop = 0; loop < loops; loop++) {
                for (int i = 0; i < clip.size(); i++) {
                    AccessUnit u = clip.get(i);
                    long frame = (long) loop * clip.size() + i;
                    byte[] payload = java.util.Arrays.copyOf(u.copyPayload(), u.size() + 4 + filler.length);
                    java.nio.ByteBuffer.wrap(payload, u.size(), 4).putInt(filler.length);
                    System.arraycopy(filler, 0, payload, u.size() + 4, filler.length);
                    burstBytes += payload.length;
                    hub.publish(AccessUnit.copyOf(CAM, u.description(), 1_000_000L + frame * RecordingClips.FRAME_TICKS,
                            T0.plusMillis(frame * 1000 / RecordingClips.FPS), u.isKeyframe(), payload));
                }
            }
            RecorderStats whileStalled = recording.stats().getFirst();
            stalling.resume();
            await(() -> recording.stats().getFirst().units() + recording.stats().getFirst().droppedUnits() >= units,
                    "every unit handled");
            assertThat(burstBytes).as("the burst is larger than the old 1 MiB limit").isGreaterThan(2L << 20);
            assertThat(whileStalled.units()).as("nothing written while the store stalled").isZero();
            assertThat(recording.stats().getFirst().droppedUnits()).isZero();
            assertThat(recording.stats().getFirst().units()).isEqualTo(units);
        }
        List<RecordedSegment> segments = index.segments(CAM, T0, T0.plusSeconds(3600), 100);
        assertThat(segments).extracting(RecordedSegment::state).containsOnly(SegmentState.FINISHED);
        assertThat(segments.stream().mapToLong(RecordedSegment::frames).sum()).isEqualTo(units);
        assertThat(index.gaps(CAM, T0, T0.plusSeconds(3600), 10)).isEmpty();
    }
}
