package io.xueliang.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.Depacketizers;
import io.xueliang.ingest.rtp.RtpTrackReceiver;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The receive path of one camera: RTP parsing, sequence and clock tracking and H.264
 * depacketising (single NAL units and FU-A) of the project's 720p road clip, 16 s at 25 fps,
 * packetised as the simulator sends it. One operation is the whole clip (400 frames); divide by
 * the packet count printed at setup for the cost per packet.
 *
 * <pre>
 * java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main H264DepacketizerBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class H264DepacketizerBenchmark {
    private ByteBuf[] packets;
    private long[] clipTimestamps;
    private RtpTrackReceiver receiver;
    private Blackhole sink;
    private int sequence;
    private long timestamp;
    private long clipTicks;

    @Setup
    public void setUp(Blackhole blackhole) {
        SimulatorSource clip = SimulatorSource.defaultClip();
        packets = new ByteBuf[clip.packetCount()];
        clipTimestamps = new long[clip.packetCount()];
        for (int f = 0; f < clip.frameCount(); f++) {
            int first = clip.firstPacket(f);
            int n = clip.packetCount(f);
            for (int p = first; p < first + n; p++) {
                ByteBuf rtp = Unpooled.buffer(12 + clip.packetLength(p));
                rtp.writeByte(0x80);
                rtp.writeByte((p == first + n - 1 ? 0x80 : 0) | 96);
                rtp.writeShort(0);
                rtp.writeInt((int) clip.timestamp90k(f));
                rtp.writeInt(0x1234_5678);
                clip.copyPayload(p, rtp);
                packets[p] = rtp;
                clipTimestamps[p] = clip.timestamp90k(f);
            }
        }
        clipTicks = clip.clipDuration90k();
        List<byte[]> ps = clip.parameterSets();
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> fmtp = Map.of("packetization-mode", "1",
                "sprop-parameter-sets", b64.encodeToString(ps.get(0)) + "," + b64.encodeToString(ps.get(1)));
        sink = blackhole;
        receiver = new RtpTrackReceiver(Depacketizers.create(CameraId.of("bench"), "H264", 90000, 0, fmtp,
                4 << 20, this::accept), 90000, InstantSource.system(), 1, "bench");
        System.out.println("\n" + packets.length + " RTP packets, " + clip.frameCount() + " frames per operation");
    }

    private void accept(AccessUnit unit) {
        sink.consume(unit);
    }

    /** Feeds the whole clip once, sequence numbers and timestamps continuing as a looping camera's do. */
    @Benchmark
    public void wholeClip() {
        for (int i = 0; i < packets.length; i++) {
            ByteBuf p = packets[i];
            p.setShort(2, sequence++);
            p.setInt(4, (int) (timestamp + clipTimestamps[i]));
            receiver.onRtp(p);
        }
        timestamp += clipTicks;
    }
}
