package io.xueliang.ingest.ts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TsDemuxerTest {
    private static final int MAX_PES = 1 << 20;

    @TempDir
    static Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h265"})
    void demuxesEveryFrameWithKeyframeCadenceAndMonotonicPts(String codec) throws Exception {
        byte[] ts = FfmpegClips.make(dir, codec, 50, 25, 10);
        List<TsAccessUnit> units = TsDemuxer.demuxAll(ts, MAX_PES);

        assertThat(units).hasSize(50);
        assertThat(units.get(0).type()).isEqualTo(codec.equals("h264") ? TsVideoType.H264 : TsVideoType.H265);
        for (int i = 0; i < units.size(); i++) {
            assertThat(units.get(i).keyframe()).as("frame %d keyframe", i).isEqualTo(i % 10 == 0);
            assertThat(units.get(i).nalUnits()).isNotEmpty();
            if (i > 0) {
                assertThat(units.get(i).pts90k() - units.get(i - 1).pts90k()).isEqualTo(3600);
                assertThat(units.get(i).dts90k()).isGreaterThan(units.get(i - 1).dts90k());
            }
        }
    }

    static Stream<Integer> sliceSizes() {
        return Stream.concat(IntStream.rangeClosed(1, 9).boxed(), Stream.of(187, 188, 189, 376, 1000, 4096));
    }

    @ParameterizedTest
    @MethodSource("sliceSizes")
    void givesTheSameUnitsWhateverTheInputSlicing(int slice) throws Exception {
        byte[] ts = FfmpegClips.make(dir, "h264", 12, 25, 5);
        List<TsAccessUnit> whole = TsDemuxer.demuxAll(ts, MAX_PES);
        List<TsAccessUnit> sliced = new ArrayList<>();
        TsDemuxer d = new TsDemuxer(MAX_PES, sliced::add);
        for (int o = 0; o < ts.length; o += slice) {
            d.feed(ts, o, Math.min(slice, ts.length - o));
        }
        d.end();
        assertSameUnits(sliced, whole);
    }

    @Test
    void resyncsAfterGarbageBetweenPackets() throws Exception {
        byte[] ts = FfmpegClips.make(dir, "h264", 12, 25, 5);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(ts, 0, 188 * 3);
        damaged.write(new byte[] {0x47, 1, 2, 3, 0x47, 9, 9}, 0, 7); // fake sync bytes included
        damaged.write(ts, 188 * 3, ts.length - 188 * 3);
        List<TsAccessUnit> units = new ArrayList<>();
        TsDemuxer d = new TsDemuxer(MAX_PES, units::add);
        byte[] b = damaged.toByteArray();
        d.feed(b, 0, b.length);
        d.end();
        assertSameUnits(units, TsDemuxer.demuxAll(ts, MAX_PES));
        assertThat(d.bytesSkipped()).isEqualTo(7);
    }

    // ---- hand-built streams ----

    /** Table: a stream description, the packets, and the expected units (pts list) and counters. */
    static Stream<Arguments> handBuilt() {
        byte[] idr = {0, 0, 0, 1, 0x65, (byte) 0x88, 0x11};
        byte[] p = {0, 0, 1, 0x41, (byte) 0x9A, 0x22};
        byte[] big = new byte[3000];
        big[2] = 1;
        big[3] = 0x41;
        return Stream.of(
                Arguments.of("two frames", packets(pat(), pmt(0x1B), pes(0, 9000, idr), pes(1, 12600, p)),
                        List.of(9000L, 12600L), List.of(true, false), 0L, 0L),
                Arguments.of("H.265 stream type", packets(pat(), pmt(0x24), pes(0, 9000, new byte[] {0, 0, 1, 0x26, 1, 5})),
                        List.of(9000L), List.of(true), 0L, 0L),
                Arguments.of("lost packet in a PES drops it", packets(pat(), pmt(0x1B), pesPackets(0, 9000, big, 1),
                        pes(1, 12600, p)), List.of(12600L), List.of(false), 1L, 0L),
                Arguments.of("PES above the limit is dropped", packets(pat(), pmt(0x1B), pesPackets(0, 9000, big, -1),
                        pes(1, 12600, p)), List.of(12600L), List.of(false), 0L, 1L),
                Arguments.of("video before the PMT is ignored", packets(pat(), pes(0, 1, idr), pmt(0x1B), pes(1, 9000, idr)),
                        List.of(9000L), List.of(true), 0L, 0L),
                Arguments.of("audio-only program yields nothing", packets(pat(), pmt(0x0F), pes(0, 9000, idr)),
                        List.of(), List.of(), 0L, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handBuilt")
    void handlesHandBuiltStreams(String name, byte[] ts, List<Long> pts, List<Boolean> keyframes, long ccErrors,
            long oversized) {
        List<TsAccessUnit> units = new ArrayList<>();
        TsDemuxer d = new TsDemuxer(2048, units::add);
        d.feed(ts, 0, ts.length);
        d.end();
        assertThat(units).extracting(TsAccessUnit::pts90k).containsExactlyElementsOf(pts);
        assertThat(units).extracting(TsAccessUnit::keyframe).containsExactlyElementsOf(keyframes);
        assertThat(d.continuityErrors()).isEqualTo(ccErrors);
        assertThat(d.oversizedPes()).isEqualTo(oversized);
    }

    @Test
    void splitsAnnexBWithThreeAndFourByteStartCodes() {
        byte[] data = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 4};
        List<byte[]> nals = AnnexB.split(data, 0, data.length);
        assertThat(nals).containsExactly(new byte[] {0x67, 1, 2}, new byte[] {0x68, 3}, new byte[] {0x65, 4});
    }

    private static void assertSameUnits(List<TsAccessUnit> actual, List<TsAccessUnit> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).pts90k()).isEqualTo(expected.get(i).pts90k());
            assertThat(actual.get(i).keyframe()).isEqualTo(expected.get(i).keyframe());
            assertThat(actual.get(i).nalUnits()).hasSameSizeAs(expected.get(i).nalUnits());
            for (int n = 0; n < actual.get(i).nalUnits().size(); n++) {
                assertThat(actual.get(i).nalUnits().get(n)).isEqualTo(expected.get(i).nalUnits().get(n));
            }
        }
    }

    private static final int PMT_PID = 0x1000;
    private static final int VIDEO_PID = 0x100;

    @SuppressWarnings("unchecked")
    private static byte[] packets(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof byte[] b) {
                out.writeBytes(b);
            } else {
                for (byte[] b : (List<byte[]>) p) {
                    out.writeBytes(b);
                }
            }
        }
        return out.toByteArray();
    }

    /** A packet with payload, stuffed with an adaptation field when the payload is short. */
    private static byte[] packet(int pid, boolean start, int cc, byte[] payload) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) ((start ? 0x40 : 0) | (pid >> 8));
        p[2] = (byte) pid;
        int stuffing = 184 - payload.length;
        if (stuffing > 0) {
            p[3] = (byte) (0x30 | cc);
            p[4] = (byte) (stuffing - 1);
            if (stuffing > 1) {
                p[5] = 0;
                for (int i = 6; i < 4 + stuffing; i++) {
                    p[i] = (byte) 0xFF;
                }
            }
        } else {
            p[3] = (byte) (0x10 | cc);
        }
        System.arraycopy(payload, 0, p, 4 + Math.max(0, stuffing), payload.length);
        return p;
    }

    private static byte[] pat() {
        byte[] s = {0, 0x00, (byte) 0xB0, 13, 0, 1, (byte) 0xC1, 0, 0, 0, 1, (byte) (0xE0 | (PMT_PID >> 8)),
            (byte) PMT_PID, 0, 0, 0, 0};
        return packet(0, true, 0, s);
    }

    private static byte[] pmt(int streamType) {
        byte[] s = {0, 0x02, (byte) 0xB0, 18, 0, 1, (byte) 0xC1, 0, 0, (byte) 0xE1, 0, (byte) 0xF0, 0,
            (byte) streamType, (byte) (0xE0 | (VIDEO_PID >> 8)), (byte) VIDEO_PID, (byte) 0xF0, 0, 0, 0, 0, 0};
        return packet(PMT_PID, true, 0, s);
    }

    private static byte[] pesHeader(long pts, int dataLength) {
        return new byte[] {0, 0, 1, (byte) 0xE0, 0, 0, (byte) 0x80, (byte) 0x80, 5,
            (byte) (0x21 | ((pts >> 29) & 0x0E)), (byte) (pts >> 22), (byte) (0x01 | ((pts >> 14) & 0xFE)),
            (byte) (pts >> 7), (byte) (0x01 | ((pts << 1) & 0xFE))};
    }

    private static byte[] pes(int cc, long pts, byte[] data) {
        byte[] h = pesHeader(pts, data.length);
        byte[] payload = new byte[h.length + data.length];
        System.arraycopy(h, 0, payload, 0, h.length);
        System.arraycopy(data, 0, payload, h.length, data.length);
        return packet(VIDEO_PID, true, cc, payload);
    }

    /** A PES spread over several packets starting at cc 0; {@code skip} leaves that packet out (-1: none). */
    private static List<byte[]> pesPackets(int ccStart, long pts, byte[] data, int skip) {
        byte[] h = pesHeader(pts, data.length);
        byte[] all = new byte[h.length + data.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(data, 0, all, h.length, data.length);
        List<byte[]> out = new ArrayList<>();
        int cc = ccStart;
        for (int o = 0, i = 0; o < all.length; o += 184, i++) {
            byte[] chunk = java.util.Arrays.copyOfRange(all, o, Math.min(all.length, o + 184));
            byte[] pkt = packet(VIDEO_PID, o == 0, cc & 0xF, chunk);
            if (i != skip) {
                out.add(pkt);
            }
            cc++;
        }
        return out;
    }
}
