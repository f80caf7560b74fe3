package io.xueliang.ingest.ps;

import static io.xueliang.ingest.ps.PsClips.CAMERA;
import static io.xueliang.ingest.ps.PsRtpTest.OFFERED_SSRC;
import static io.xueliang.ingest.ps.PsRtpTest.deliver;
import static io.xueliang.ingest.ps.PsRtpTest.packetize;
import static io.xueliang.ingest.ps.PsRtpTest.receiver;
import static io.xueliang.ingest.ps.PsStreams.assertSameUnits;
import static io.xueliang.ingest.ps.PsStreams.concat;
import static io.xueliang.ingest.ps.PsStreams.frames;
import static io.xueliang.ingest.ps.PsStreams.video;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.ps.PsRtpTest.Frame;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What GB/T 28181 devices do in the field, one named test each. */
@ExtendWith(NettyLeakCheck.class)
class PsVendorQuirksTest {
    static final Clock CLOCK = PsRtpTest.CLOCK;
    static final int MAX_FRAME = 1 << 20;

    @TempDir
    static Path dir;

    private static List<AccessUnit> demux(byte[] ps, PsDemuxer[] out) {
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, CLOCK, units::add);
        d.feed(ps, 0, ps.length);
        d.endOfFrame();
        out[0] = d;
        return units;
    }

    @Test
    void deviceThatSendsNoProgramStreamMap() throws Exception {
        List<AccessUnit> source = PsClips.interleave(PsClips.videoUnits(dir, "h265", 12, 6),
                PsClips.aacUnits(dir, 0.5));
        byte[] ps = withoutIds(concat(frames(new PsMuxer(Codec.H265, Codec.AAC), source)), 0xBB, 0xBC);
        PsDemuxer[] d = new PsDemuxer[1];
        List<AccessUnit> units = demux(ps, d);
        assertThat(d[0].programStreamMaps()).isZero();
        assertThat(d[0].videoCodec()).isEqualTo(Codec.H265);
        assertThat(d[0].audioCodec()).isEqualTo(Codec.AAC);
        assertSameUnitsPerKind(units, source);
    }

    @Test
    void mapOnlyBeforeKeyframesAndAJoinInMidGop() throws Exception {
        List<AccessUnit> source = PsClips.interleave(PsClips.videoUnits(dir, "h264", 25, 10),
                PsClips.g711Units(Codec.PCMA, 25));
        List<byte[]> frames = frames(new PsMuxer(Codec.H264, Codec.PCMA), source);
        int join = 6; // the receiver joins at the fourth video frame: no map until frame 10
        PsDemuxer[] d = new PsDemuxer[1];
        List<AccessUnit> units = demux(concat(frames.subList(join, frames.size())), d);

        int firstKey = source.indexOf(source.stream().filter(u -> u.isVideo() && u.pts90k() > source.get(join)
                .pts90k() && u.isKeyframe()).findFirst().orElseThrow());
        assertThat(d[0].programStreamMaps()).isEqualTo(2);
        assertThat(d[0].unknownAudioPes()).as("G.711 before the first map cannot be told").isEqualTo(
                source.subList(join, firstKey).stream().filter(u -> !u.isVideo()).count());
        assertSameUnitsPerKind(units, source.subList(firstKey, source.size()));
    }

    @Test
    void lossInsideAMultiSliceKeyframeNeverLetsItsLaterSlicesOutAsAKeyframe() throws Exception {
        List<AccessUnit> sliced = new ArrayList<>();
        for (AccessUnit u : PsClips.videoUnits(dir, "h264", 10, 5)) {
            sliced.add(u.isKeyframe() ? withExtraSlices(u) : u);
        }
        List<Frame> frames = packetize(sliced, new PsMuxer(Codec.H264, null, 300), OFFERED_SSRC, 500);
        // lose a packet of the second keyframe's first slice: its three later slices still arrive whole
        List<ByteBuf> hit = frames.get(5).packets();
        hit.remove(3).release();
        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        deliver(receiver, frames);
        assertThat(receiver.lostPackets()).isEqualTo(1);
        assertSameUnits(received, sliced.subList(0, 5));
    }

    /** The unit with three more IDR slices (first_mb_in_slice above 0) after its own. */
    private static AccessUnit withExtraSlices(AccessUnit u) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(u.copyPayload());
        for (int i = 0; i < 3; i++) {
            byte[] slice = new byte[300];
            Arrays.fill(slice, (byte) (0x30 + i));
            slice[0] = 0x65;
            slice[1] = 0x40; // ue(v) of first_mb_in_slice starts with 0: not the first slice
            out.writeBytes(ByteBuffer.allocate(4).putInt(slice.length).array());
            out.writeBytes(slice);
        }
        return AccessUnit.handOver(u.camera(), u.description(), u.pts90k(), u.wallClock(), true, out.toByteArray());
    }

    @Test
    void deviceRestartingItsPtsMidStreamKeepsTimesMonotonic() throws Exception {
        List<AccessUnit> source = PsClips.videoUnits(dir, "h264", 20, 10);
        List<AccessUnit> restarted = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            AccessUnit u = source.get(i);
            long pts = i < 10 ? u.pts90k() : 3600L * (i - 10); // the encoder restarts at 0 with the second GOP
            restarted.add(AccessUnit.handOver(CAMERA, u.description(), pts, u.wallClock(), u.isKeyframe(),
                    u.copyPayload()));
        }
        Instant[] now = {PsClips.START};
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer d = new PsDemuxer(CAMERA, MAX_FRAME, () -> now[0], units::add);
        for (byte[] frame : frames(new PsMuxer(Codec.H264, null), restarted)) {
            d.feed(frame, 0, frame.length);
            d.endOfFrame();
            now[0] = now[0].plusMillis(40);
        }
        assertThat(d.ptsRebases()).isEqualTo(1);
        assertThat(units).hasSize(20);
        for (int i = 1; i < units.size(); i++) {
            assertThat(units.get(i).pts90k() - units.get(i - 1).pts90k()).as("step %d", i).isEqualTo(3600);
        }
    }

    @Test
    void frameSplitOverSeveralPesOnlyTheFirstWithPts() throws Exception {
        List<AccessUnit> source = PsClips.videoUnits(dir, "h264", 10, 5);
        byte[] ps = concat(frames(new PsMuxer(Codec.H264, null, 1000), source));
        PsDemuxer[] d = new PsDemuxer[1];
        List<AccessUnit> units = demux(ps, d);
        assertThat(d[0].pesPackets()).isGreaterThan(2L * source.size());
        assertThat(d[0].untimedFrames()).isZero();
        assertSameUnits(units, source);
    }

    @Test
    void hikvisionPrivateStreamPacketsBetweenVideoPes() throws Exception {
        List<AccessUnit> source = PsClips.videoUnits(dir, "h265", 10, 5);
        byte[] ps = concat(frames(new PsMuxer(Codec.H265, null, 1000), source));
        // Hikvision puts its own 0xBD packets between the PES of a frame; this one even holds a fake start code.
        byte[] privateData = {0, 0, 1, (byte) 0xBD, 0, 8, 0, 0, 1, (byte) 0xE0, 0x12, 0x34, 0x56, 0x78};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int inserted = 0;
        for (int i = 0; i < ps.length;) {
            int next = nextVideoPes(ps, i + 1);
            out.write(ps, i, next - i);
            if (next < ps.length) {
                out.writeBytes(privateData);
                inserted++;
            }
            i = next;
        }
        PsDemuxer[] d = new PsDemuxer[1];
        List<AccessUnit> units = demux(out.toByteArray(), d);
        assertThat(d[0].privatePackets()).isEqualTo(inserted);
        assertThat(d[0].bytesSkipped()).isZero();
        assertSameUnits(units, source);
    }

    @Test
    void mapSaysH264ButTheVideoIsH265() throws Exception {
        // ZLMediaKit issues 266 and 1192: cameras label H.265 as H.264 in their maps; the data wins.
        List<AccessUnit> source = PsClips.videoUnits(dir, "h265", 12, 6);
        byte[] ps = concat(frames(new PsMuxer(Codec.H265, null), source));
        int relabelled = 0;
        for (int i = 0; i + 1 < ps.length; i++) {
            if ((ps[i] & 0xFF) == 0x24 && (ps[i + 1] & 0xFF) == 0xE0 && ps[i + 2] == 0 && ps[i + 3] == 0) {
                ps[i] = 0x1B;
                relabelled++;
            }
        }
        assertThat(relabelled).isEqualTo(2);
        PsDemuxer[] d = new PsDemuxer[1];
        List<AccessUnit> units = demux(ps, d);
        assertThat(d[0].videoCodec()).isEqualTo(Codec.H265);
        assertThat(d[0].mislabelledVideo()).isPositive();
        assertSameUnits(units, source);
    }

    @Test
    void deviceAnswersWithAnotherSsrcThanOffered() throws Exception {
        List<AccessUnit> source = PsClips.interleave(PsClips.videoUnits(dir, "h264", 10, 5),
                PsClips.g711Units(Codec.PCMU, 10));
        List<Frame> frames = packetize(source, new PsMuxer(Codec.H264, Codec.PCMU), 0x0BADF00DL, 1400);
        long packets = frames.stream().mapToLong(f -> f.packets().size()).sum();
        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        deliver(receiver, frames);
        assertThat(receiver.otherSsrcPackets()).isEqualTo(packets);
        assertThat(receiver.tracker().ssrc()).isEqualTo(0x0BADF00DL);
        assertSameUnits(received, source);
    }

    @Test
    void lostRtpPacketDropsTheDamagedFrameAndItsDependantsOnly() throws Exception {
        List<AccessUnit> video = PsClips.videoUnits(dir, "h264", 30, 10);
        List<AccessUnit> audio = PsClips.g711Units(Codec.PCMA, 30);
        List<AccessUnit> source = PsClips.interleave(video, audio);
        List<Frame> frames = packetize(source, new PsMuxer(Codec.H264, Codec.PCMA), OFFERED_SSRC, 100);
        AccessUnit damaged = video.get(13);
        Frame hit = frames.stream().filter(f -> f.unit() == damaged).findFirst().orElseThrow();
        assertThat(hit.packets()).hasSizeGreaterThan(2);
        hit.packets().remove(hit.packets().size() / 2).release();

        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        deliver(receiver, frames);

        assertThat(receiver.lostPackets()).isEqualTo(1);
        assertThat(receiver.demuxer().droppedDamagedFrames()).isEqualTo(1);
        List<AccessUnit> expectedVideo = new ArrayList<>(video.subList(0, 13));
        expectedVideo.addAll(video.subList(20, 30));
        assertSameUnits(video(received, true), expectedVideo);
        assertSameUnits(video(received, false), audio);
        assertThat(receiver.demuxer().videoCounters().droppedAwaitingKey()).as("frames 14-19 lost their reference")
                .isEqualTo(6);
    }

    @Test
    void cameraThatNeverSetsTheMarkerBit() throws Exception {
        List<AccessUnit> video = PsClips.videoUnits(dir, "h265", 12, 6);
        List<AccessUnit> audio = PsClips.g711Units(Codec.PCMA, 12);
        List<Frame> frames = packetize(PsClips.interleave(video, audio), new PsMuxer(Codec.H265, Codec.PCMA),
                OFFERED_SSRC, 1400);
        for (Frame f : frames) {
            for (ByteBuf p : f.packets()) {
                p.setByte(1, p.getByte(1) & 0x7F);
            }
        }
        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        deliver(receiver, frames);
        receiver.demuxer().endOfFrame();
        assertSameUnits(video(received, true), video);
        assertSameUnits(video(received, false), audio);
    }

    @Test
    void packetsOfAnotherPayloadTypeAreIgnored() throws Exception {
        List<AccessUnit> source = PsClips.videoUnits(dir, "h264", 6, 3);
        List<Frame> frames = packetize(source, new PsMuxer(Codec.H264, null), OFFERED_SSRC, 1400);
        List<AccessUnit> received = new ArrayList<>();
        PsRtpReceiver receiver = receiver(received);
        for (Frame f : frames) {
            ByteBuf stray = Unpooled.buffer();
            stray.writeByte(0x80).writeByte(8).writeShort(7).writeInt(0).writeInt((int) OFFERED_SSRC)
                    .writeBytes(new byte[] {0, 0, 1, (byte) 0xBA, 1, 2, 3});
            receiver.onRtp(stray);
            stray.release();
            for (ByteBuf p : f.packets()) {
                receiver.onRtp(p);
                p.release();
            }
        }
        assertThat(receiver.otherPayloadTypePackets()).isEqualTo(frames.size());
        assertThat(receiver.lostPackets()).isZero();
        assertSameUnits(received, source);
    }

    /**
     * Video and audio each in order. Read from a file, a video unit is handed out when the next one starts, so an
     * audio unit muxed after it may come first; over RTP the marker hands it out at once.
     */
    private static void assertSameUnitsPerKind(List<AccessUnit> actual, List<AccessUnit> expected) {
        assertSameUnits(video(actual, true), video(expected, true));
        assertSameUnits(video(actual, false), video(expected, false));
    }

    /** The stream without the packets of the given start codes (each skipped by its length field). */
    static byte[] withoutIds(byte[] ps, int... ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        outer:
        while (i < ps.length) {
            if (i + 6 <= ps.length && ps[i] == 0 && ps[i + 1] == 0 && ps[i + 2] == 1) {
                for (int id : ids) {
                    if ((ps[i + 3] & 0xFF) == id) {
                        i += 6 + ((ps[i + 4] & 0xFF) << 8 | (ps[i + 5] & 0xFF));
                        continue outer;
                    }
                }
            }
            out.write(ps[i++]);
        }
        return out.toByteArray();
    }

    /** Offset of the next 00 00 01 E0 at or after {@code from}, or the length. */
    private static int nextVideoPes(byte[] ps, int from) {
        for (int i = from; i + 3 < ps.length; i++) {
            if (ps[i] == 0 && ps[i + 1] == 0 && ps[i + 2] == 1 && (ps[i + 3] & 0xFF) == 0xE0) {
                return i;
            }
        }
        return ps.length;
    }
}
