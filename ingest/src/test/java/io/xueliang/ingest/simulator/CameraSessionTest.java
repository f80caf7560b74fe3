package io.xueliang.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pacing and RTCP of one session, driven with explicit times instead of a clock. */
class CameraSessionTest {
    private static final long MS = 1_000_000L;
    static SimulatorSource source;
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SimulatorCounters counters = new SimulatorCounters();

    @BeforeAll
    static void load() {
        source = SimulatorSource.defaultClip();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private CameraSession session() {
        return new CameraSession(1, source, channel, RtpTransport.tcp(0, 1), null, counters, 0x11223344, 65_530,
                -100, 0);
    }

    @Test
    void aStaggeredSessionStartsAtAKeyframeBehindTheClipStartWithMatchingTimestamps() {
        int start = source.keyframeIndex(-1); // the last keyframe: one GOP before the clip's end
        assertThat(start).isGreaterThan(0);
        assertThat(source.keyframe(start)).isTrue();
        assertThat(source.keyframeIndex(0)).isZero();
        assertThat(source.keyframeIndex(1)).isGreaterThan(0).isLessThan(start);
        CameraSession s = new CameraSession(2, source, channel, RtpTransport.tcp(0, 1), null, counters, 1, 0, 0, start);
        int announced = s.nextRtpTimestamp();
        s.play(0);
        s.tick(0);
        List<long[]> first = written();
        assertThat(frames(first)).isEqualTo(1);
        assertThat(first.getFirst()[3]).isEqualTo(announced & 0xFFFFFFFFL).isEqualTo(source.timestamp90k(start));
        // after the rest of the clip, the loop goes on at frame 0 without a time jump
        long clipRest = (source.clipDuration90k() - source.timestamp90k(start)) * 100_000L / 9;
        s.tick(clipRest);
        List<long[]> rest = written();
        assertThat(rest.getLast()[3]).isEqualTo(source.clipDuration90k());
    }

    /** Reads the interleaved frames written so far: {channel, marker, seq, timestamp} per frame. */
    private List<long[]> written() {
        List<long[]> out = new ArrayList<>();
        ByteBuf b;
        channel.flush();
        ByteBuf all = channel.alloc().buffer();
        while ((b = channel.readOutbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        while (all.isReadable()) {
            assertThat(all.readByte()).isEqualTo((byte) '$');
            int ch = all.readUnsignedByte();
            int len = all.readUnsignedShort();
            ByteBuf pkt = all.readSlice(len);
            if (ch == 0) {
                out.add(new long[] {ch, (pkt.getByte(1) & 0x80) != 0 ? 1 : 0, pkt.getUnsignedShort(2),
                    pkt.getUnsignedInt(4)});
            } else {
                out.add(new long[] {ch, pkt.getUnsignedByte(1), len, pkt.getUnsignedInt(4)});
            }
        }
        all.release();
        return out;
    }

    private static long frames(List<long[]> packets) {
        return packets.stream().filter(p -> p[0] == 0 && p[1] == 1).count();
    }

    @Test
    void sendsEachFrameWhenItsTimeComes() {
        CameraSession s = session();
        s.play(0);
        assertThat(s.tick(0)).isTrue();
        assertThat(frames(written())).isEqualTo(1);
        assertThat(s.tick(39 * MS)).isFalse();
        assertThat(s.tick(40 * MS)).isTrue();
        assertThat(frames(written())).isEqualTo(1);
        s.tick(1_000 * MS);
        assertThat(frames(written())).as("frames 2..25").isEqualTo(24);
    }

    @Test
    void loopsWithContinuousSequenceAndTimestampsAndWrapsBoth() {
        CameraSession s = session();
        s.play(0);
        List<long[]> rtp = new ArrayList<>();
        // 17 s in steps of 1 s: one loop of the 16 s clip and a bit
        for (long t = 0; t <= 17_000; t += 1_000) {
            s.tick(t * MS);
            written().stream().filter(p -> p[0] == 0).forEach(rtp::add);
        }
        long frame = 0;
        for (int i = 0; i < rtp.size(); i++) {
            assertThat(rtp.get(i)[2]).isEqualTo((65_530 + i) & 0xFFFF);
            assertThat(rtp.get(i)[3]).isEqualTo((-100 + frame * 3600) & 0xFFFFFFFFL);
            if (rtp.get(i)[1] == 1) {
                frame++;
            }
        }
        assertThat(frame).isEqualTo(17 * 25 + 1);
        assertThat(counters.packets.sum()).isEqualTo(rtp.size());
    }

    @Test
    void sendsSenderReportEveryFiveSeconds() {
        CameraSession s = session();
        s.play(0);
        List<long[]> rtcp = new ArrayList<>();
        for (long t = 0; t <= 10_000; t += 500) {
            s.tick(t * MS);
            written().stream().filter(p -> p[0] == 1).forEach(rtcp::add);
        }
        assertThat(rtcp).hasSize(2);
        assertThat(rtcp.get(0)[1]).as("packet type SR").isEqualTo(200);
        assertThat(rtcp.get(0)[2]).as("28 bytes").isEqualTo(28);
        assertThat(rtcp.get(0)[3]).as("SSRC").isEqualTo(0x11223344L);
    }

    @Test
    void farBehindRestartsPacingInsteadOfBursting() {
        CameraSession s = session();
        s.play(0);
        s.tick(0);
        written();
        s.tick(30_000 * MS);
        assertThat(frames(written())).isEqualTo(1);
        s.tick(30_040 * MS);
        assertThat(frames(written())).isEqualTo(1);
    }
}
