package io.xueliang.ingest.ps;

import static io.xueliang.ingest.ps.PsClips.CAMERA;
import static io.xueliang.ingest.ps.PsStreams.assertSameUnits;
import static io.xueliang.ingest.ps.PsStreams.concat;
import static io.xueliang.ingest.ps.PsStreams.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PsDemuxerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    static final int MAX_FRAME = 1 << 20;

    @TempDir
    static Path dir;

    @ParameterizedTest
    @CsvSource({"h264,vob", "h265,vob", "h264,mpeg", "h265,mpeg"})
    void readsFfmpegProgramStreamsWithoutPsm(String codec, String format) throws Exception {
        byte[] ps = PsClips.programStream(dir, codec, 50, 10, format);
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, units::add);
        d.feed(ps, 0, ps.length);
        d.endOfFrame();

        Codec expected = codec.equals("h264") ? Codec.H264 : Codec.H265;
        assertThat(d.videoCodec()).isEqualTo(expected);
        assertThat(d.programStreamMaps()).isZero();
        assertThat(d.packs()).isPositive();
        assertThat(d.bytesSkipped()).isZero();
        assertThat(d.malformed()).isZero();
        assertThat(units).hasSize(50);
        StreamDescription description = units.get(0).description();
        assertThat(description.codec()).isEqualTo(expected);
        assertThat(description.hasParameterSets()).isTrue();
        assertThat(description.width()).isEqualTo(320);
        assertThat(description.height()).isEqualTo(240);
        for (int i = 0; i < units.size(); i++) {
            AccessUnit u = units.get(i);
            assertThat(u.codec()).isEqualTo(expected);
            assertThat(u.isKeyframe()).as("frame %d keyframe", i).isEqualTo(i % 10 == 0);
            assertThat(u.description()).as("one description while nothing changes").isSameAs(description);
            assertThat(u.wallClock()).isEqualTo(CLOCK.instant());
            assertLengthPrefixed(u);
            if (i > 0) {
                assertThat(u.pts90k() - units.get(i - 1).pts90k()).as("frame %d PTS step", i).isEqualTo(3600);
            }
        }
    }

    static Stream<Integer> sliceSizes() {
        return Stream.concat(IntStream.rangeClosed(1, 13).boxed(), Stream.of(100, 188, 1400, 2047, 2048, 4096));
    }

    @ParameterizedTest
    @MethodSource("sliceSizes")
    void givesTheSameUnitsWhateverTheInputSlicing(int slice) throws Exception {
        List<AccessUnit> source = PsClips.interleave(PsClips.videoUnits(dir, "h264", 12, 5),
                PsClips.aacUnits(dir, 0.5));
        byte[] ps = concat(frames(new PsMuxer(Codec.H264, Codec.AAC), source));
        List<AccessUnit> whole = PsDemuxer.demuxAll(CAMERA, ps, MAX_FRAME, CLOCK);
        List<AccessUnit> sliced = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, sliced::add);
        for (int o = 0; o < ps.length; o += slice) {
            int n = Math.min(slice, ps.length - o);
            if (o / slice % 2 == 0) {
                d.feed(Unpooled.wrappedBuffer(ps, o, n));
            } else {
                // direct buffers, as sockets deliver them, go through the demuxer's transfer array
                ByteBuf direct = Unpooled.directBuffer(n).writeBytes(ps, o, n);
                d.feed(direct);
                direct.release();
            }
        }
        d.endOfFrame();
        assertSameUnits(sliced, whole);
        assertSameUnits(PsStreams.video(whole, true), PsStreams.video(source, true));
        assertSameUnits(PsStreams.video(whole, false), PsStreams.video(source, false));
    }

    @Test
    void resyncsOnGarbageBetweenPacksAndDropsUntilTheNextKeyframe() throws Exception {
        List<AccessUnit> source = PsClips.videoUnits(dir, "h265", 15, 5);
        List<byte[]> frames = frames(new PsMuxer(Codec.H265, null), source);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            if (i == 2) {
                damaged.writeBytes(new byte[] {0, 0, 1, 0x42, 0x13, 0, 0, 0, 1}); // a fake video start code inside
            }
            damaged.writeBytes(frames.get(i));
        }
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, units::add);
        byte[] b = damaged.toByteArray();
        d.feed(b, 0, b.length);
        d.endOfFrame();

        assertThat(d.bytesSkipped()).isEqualTo(9);
        assertThat(d.resyncs()).isEqualTo(1);
        // frame 1 ended where the garbage began: it may be cut, so it and the rest of its GOP are dropped
        List<AccessUnit> expected = new ArrayList<>(source.subList(0, 1));
        expected.addAll(source.subList(5, 15));
        assertSameUnits(units, expected);
    }

    @Test
    void unboundedVideoPesRunsToTheNextStartCode() throws Exception {
        List<AccessUnit> source = PsClips.videoUnits(dir, "h264", 6, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames(new PsMuxer(Codec.H264, null), source)) {
            out.writeBytes(withUnboundedVideoPes(frame));
        }
        byte[] ps = out.toByteArray();
        assertSameUnits(PsDemuxer.demuxAll(CAMERA, ps, MAX_FRAME, CLOCK), source);
    }

    /** Sets every video PES length to 0, as some devices do (only transport streams may). */
    private static byte[] withUnboundedVideoPes(byte[] frame) {
        byte[] b = frame.clone();
        for (int i = 0; i + 5 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1 && (b[i + 3] & 0xFF) == 0xE0) {
                int length = ((b[i + 4] & 0xFF) << 8) | (b[i + 5] & 0xFF);
                b[i + 4] = 0;
                b[i + 5] = 0;
                i += 5 + length;
            }
        }
        return b;
    }

    @Test
    void dropsAFrameOverTheLimitAndResumesAtTheNextKeyframe() throws Exception {
        List<AccessUnit> source = new ArrayList<>(PsClips.videoUnits(dir, "h264", 10, 5));
        AccessUnit first = source.get(0);
        ByteBuffer big = ByteBuffer.allocate(4 + 20_000 + first.size());
        big.putInt(20_000).put((byte) 0x0C); // filler data NAL unit
        for (int i = 1; i < 20_000; i++) {
            big.put((byte) 0xFF);
        }
        big.put(first.payload());
        source.set(0, AccessUnit.handOver(CAMERA, first.description(), first.pts90k(), first.wallClock(), true,
                big.array()));
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, 16 * 1024, CLOCK, units::add);
        byte[] ps = concat(frames(new PsMuxer(Codec.H264, null), source));
        d.feed(ps, 0, ps.length);
        d.endOfFrame();
        assertThat(d.droppedOversizeFrames()).isEqualTo(1);
        assertSameUnits(units, source.subList(5, 10));
    }

    @Test
    void dropsAFrameOfTooManyNalUnits() throws Exception {
        List<AccessUnit> source = new ArrayList<>(PsClips.videoUnits(dir, "h264", 10, 5));
        ByteBuffer slices = ByteBuffer.allocate(2000 * 7);
        for (int i = 0; i < 2000; i++) {
            slices.putInt(3).put((byte) 0x41).put((byte) (i == 0 ? 0x80 : 0x40)).put((byte) 0x80); // first_mb > 0
        }
        AccessUnit second = source.get(1);
        source.set(1, AccessUnit.handOver(CAMERA, second.description(), second.pts90k(), second.wallClock(), false,
                slices.array()));
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, units::add);
        byte[] ps = concat(frames(new PsMuxer(Codec.H264, null), source));
        d.feed(ps, 0, ps.length);
        d.endOfFrame();
        assertThat(d.droppedOversizeFrames()).isEqualTo(1);
        List<AccessUnit> expected = new ArrayList<>(source.subList(0, 1));
        expected.addAll(source.subList(5, 10));
        assertSameUnits(units, expected);
    }

    @Test
    void skipsAnOversizedProgramStreamMap() {
        byte[] psm = new byte[6 + PsDemuxer.MAX_PSM_BYTES + 1];
        psm[2] = 1;
        psm[3] = (byte) 0xBC;
        psm[4] = (byte) ((PsDemuxer.MAX_PSM_BYTES + 1) >> 8);
        psm[5] = (byte) (PsDemuxer.MAX_PSM_BYTES + 1);
        List<AccessUnit> g711 = PsClips.g711Units(Codec.PCMA, 3);
        byte[] audio = concat(frames(new PsMuxer(Codec.H264, Codec.PCMA), g711));
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, u -> { });
        d.feed(psm, 0, psm.length);
        d.feed(audio, 0, audio.length);
        assertThat(d.oversizedPsms()).isEqualTo(1);
        assertThat(d.bytesSkipped()).isZero();
        assertThat(d.unknownAudioPes()).as("without a map G.711 cannot be told from mu-law").isEqualTo(3);
    }

    @Test
    void unwrapsThe33BitPtsOntoOneTimeline() {
        // Hikvision streams run for days: PTS wraps at 2^33 (ZLMediaKit issue 1867 shows 8589932482 then 1490).
        long start = (1L << 33) - 2 * 3600;
        List<AccessUnit> source = new ArrayList<>();
        for (AccessUnit u : PsClips.g711Units(Codec.PCMU, 5)) {
            source.add(AccessUnit.copyOf(CAMERA, u.description(), start + u.pts90k() - PsClips.FIRST_PTS,
                    u.wallClock(), true, u.copyPayload()));
        }
        PsMuxer muxer = new PsMuxer(Codec.H264, Codec.PCMU);
        byte[] ps = concat(List.of(muxer.streamHeaders(start), concat(frames(muxer, source))));
        List<AccessUnit> units = PsDemuxer.demuxAll(CAMERA, ps, MAX_FRAME, CLOCK);
        assertThat(units).extracting(AccessUnit::pts90k)
                .containsExactly(start, start + 3600, start + 7200, start + 10800, start + 14400);
        assertThat(units.get(0).codec()).isEqualTo(Codec.PCMU);
    }

    static void assertLengthPrefixed(AccessUnit u) {
        ByteBuffer p = u.payload();
        while (p.hasRemaining()) {
            int n = p.getInt();
            assertThat(n).isPositive().isLessThanOrEqualTo(p.remaining());
            p.position(p.position() + n);
        }
    }
}
