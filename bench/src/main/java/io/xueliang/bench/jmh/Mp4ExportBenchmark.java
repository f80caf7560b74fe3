package io.xueliang.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.Depacketizers;
import io.xueliang.ingest.rtp.RtpTrackReceiver;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.storage.fmp4.FragmentListener;
import io.xueliang.storage.fmp4.Fmp4SegmentWriter;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.fmp4.SegmentSummary;
import io.xueliang.storage.fmp4.SegmentTracks;
import io.xueliang.storage.playback.ExportPlan;
import io.xueliang.storage.playback.PlaybackPlan;
import io.xueliang.storage.playback.RangeSelection;
import io.xueliang.storage.playback.RangeSelector;
import io.xueliang.storage.playback.RangeSettings;
import io.xueliang.storage.playback.SourceSegment;
import io.xueliang.storage.playback.WrittenMp4;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Clip export and playback assembly of one camera (DESIGN.md §12: export of 1 h of one camera above 200× real
 * time). Setup records {@code minutes} one-minute segments with the real segment writer from the project's 720p road
 * clip (H.264, 25 fps, 2 s GOP, 1.54 Mbit/s, looped), into a temporary folder; one operation assembles the whole
 * range from a mid-GOP instant in the first minute to one in the last and writes it:
 * <ul>
 * <li>{@code exportToFile}: the evidence MP4 written to a new file, SHA-256 computed while writing;</li>
 * <li>{@code exportHashed}: the same bytes hashed and discarded (no output disk);</li>
 * <li>{@code playbackToNull}: the fragmented playback file written to a discarding stream (what an HTTP response
 * of the whole range costs before the network);</li>
 * <li>{@code selectOnly}: reading the segments' fragment heads and laying out the plan, no sample data.</li>
 * </ul>
 * The segments are in the page cache after setup, as recent footage is; real time factor = minutes × 60 s / score.
 *
 * <pre>
 * java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main Mp4ExportBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class Mp4ExportBenchmark {
    private static final CameraId CAMERA = CameraId.of("bench");
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final int SEGMENT_FRAMES = 1_500;

    @Param({"60"})
    public int minutes;

    private Path dir;
    private List<SourceSegment> segments;
    private Instant from;
    private Instant to;
    private long sourceBytes;

    @Setup(Level.Trial)
    public void record() throws IOException {
        List<AccessUnit> clip = clipUnits();
        dir = Files.createTempDirectory("mp4-export-bench");
        segments = new ArrayList<>();
        long frame = 0;
        for (int m = 0; m < minutes; m++) {
            Path file = dir.resolve("seg-" + m + ".mp4");
            try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, CAMERA,
                    SegmentTracks.videoOnly(clip.get(0).description()), T0.plusSeconds(60L * m),
                    Fmp4WriterSettings.defaults(), FragmentListener.NONE)) {
                for (int i = 0; i < SEGMENT_FRAMES; i++, frame++) {
                    AccessUnit u = clip.get((int) (frame % clip.size()));
                    if (i == 0 && !u.isKeyframe()) {
                        throw new IllegalStateException("segment " + m + " would not start with a keyframe");
                    }
                    w.append(AccessUnit.handOver(CAMERA, u.description(), frame * 3_600,
                            T0.plusMillis(frame * 40), u.isKeyframe(), u.copyPayload()));
                }
                SegmentSummary s = w.finish();
                sourceBytes += s.bytes();
                segments.add(new SourceSegment(s.wallClockStart(), SegmentSource.of(file)));
            }
        }
        from = T0.plusMillis(1_530);
        to = T0.plusSeconds(60L * minutes).minusMillis(470);
        System.out.printf("%n%d segments, %.1f MiB, range %s .. %s%n", minutes, sourceBytes / 1048576.0, from, to);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private RangeSelection select() throws IOException {
        return RangeSelector.select(segments, from, to, RangeSettings.export());
    }

    @Benchmark
    public WrittenMp4 exportToFile() throws IOException {
        Path out = dir.resolve("export.mp4");
        try {
            return ExportPlan.of(select()).writeTo(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Benchmark
    public WrittenMp4 exportHashed() throws IOException {
        return ExportPlan.of(select()).writeAll(OutputStream.nullOutputStream());
    }

    @Benchmark
    public long playbackToNull() throws IOException {
        PlaybackPlan plan = PlaybackPlan.of(RangeSelector.select(segments, from, to, RangeSettings.playback()));
        plan.write(0, plan.length(), OutputStream.nullOutputStream());
        return plan.length();
    }

    @Benchmark
    public long selectOnly() throws IOException {
        return ExportPlan.of(select()).length();
    }

    /** The simulator's clip as the receive path hands it over: one access unit per frame, SPS/PPS known. */
    static List<AccessUnit> clipUnits() {
        return clipUnits(SimulatorSource.defaultClip(), CAMERA);
    }

    /** The access units of one pass of {@code clip}, as the depacketiser makes them from the simulator's packets. */
    public static List<AccessUnit> clipUnits(SimulatorSource clip, CameraId camera) {
        List<byte[]> ps = clip.parameterSets();
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> fmtp = Map.of("packetization-mode", "1",
                "sprop-parameter-sets", b64.encodeToString(ps.get(0)) + "," + b64.encodeToString(ps.get(1)));
        List<AccessUnit> units = new ArrayList<>();
        RtpTrackReceiver receiver = new RtpTrackReceiver(Depacketizers.create(camera, "H264", 90000, 0, fmtp,
                4 << 20, units::add), 90000, InstantSource.system(), 1, "bench");
        int sequence = 0;
        for (int loop = 0; loop < 2 && units.size() < clip.frameCount(); loop++) {
            for (int f = 0; f < clip.frameCount(); f++) {
                int first = clip.firstPacket(f);
                int n = clip.packetCount(f);
                for (int p = first; p < first + n; p++) {
                    ByteBuf rtp = Unpooled.buffer(12 + clip.packetLength(p));
                    rtp.writeByte(0x80);
                    rtp.writeByte((p == first + n - 1 ? 0x80 : 0) | 96);
                    rtp.writeShort(sequence++);
                    rtp.writeInt((int) (clip.timestamp90k(f) + loop * clip.clipDuration90k()));
                    rtp.writeInt(0x1234_5678);
                    clip.copyPayload(p, rtp);
                    receiver.onRtp(rtp);
                }
            }
        }
        return List.copyOf(units.subList(0, clip.frameCount()));
    }
}
