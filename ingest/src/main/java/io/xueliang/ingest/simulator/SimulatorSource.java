package io.xueliang.ingest.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.h264.H264Packetizer;
import io.xueliang.ingest.rtp.h265.H265Packetizer;
import io.xueliang.ingest.ts.TsAccessUnit;
import io.xueliang.ingest.ts.TsDemuxer;
import io.xueliang.ingest.ts.TsVideoType;
import io.xueliang.media.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A clip demuxed and packetised once, shared read-only by every simulated camera.
 * <pre>
 *  payloads: one direct buffer  [pkt0][pkt1][pkt2]...[pktN]      (RTP payloads, no RTP header)
 *  packets:  offset[p], length[p]
 *  frames:   firstPacket[f], packetCount[f], timestamp90k[f] (from 0), keyframe[f]
 *  units:    one heap array [frame0][frame1]...   (each frame's NAL units, 4-byte length prefixed)
 * </pre>
 * RTSP sessions send slices of the shared buffer, so a frame costs no copy and no allocation beyond
 * Netty's slice and header objects. Muxers that carry whole frames (MPEG-PS for the GB/T 28181
 * device simulator) take {@link #frameUnits(int)}. Immutable and thread-safe.
 */
public final class SimulatorSource {
    /** Classpath location of the default clip (16 s of 720p H.264 traffic, 2 s GOP). */
    public static final String DEFAULT_CLIP = "/clips/road-720p-h264.ts";
    /** RTP payload bound that keeps UDP packets under a 1500-byte Ethernet MTU. */
    public static final int DEFAULT_MAX_PAYLOAD = 1400;
    /** Largest PES (one encoded frame) accepted from a clip file. */
    private static final int MAX_PES_BYTES = 8 * 1024 * 1024;

    private final Codec codec;
    private final ByteBuf payloads;
    private final int[] packetOffset;
    private final int[] packetLength;
    private final int[] firstPacket;
    private final int[] packetCount;
    private final long[] timestamp90k;
    private final boolean[] keyframe;
    private final long frameDuration90k;
    private final List<byte[]> parameterSets;
    private final byte[] units;
    private final int[] unitOffset;

    private SimulatorSource(Codec codec, ByteBuf payloads, int[] packetOffset, int[] packetLength, int[] firstPacket,
            int[] packetCount, long[] timestamp90k, boolean[] keyframe, long frameDuration90k,
            List<byte[]> parameterSets, byte[] units, int[] unitOffset) {
        this.codec = codec;
        this.payloads = payloads;
        this.packetOffset = packetOffset;
        this.packetLength = packetLength;
        this.firstPacket = firstPacket;
        this.packetCount = packetCount;
        this.timestamp90k = timestamp90k;
        this.keyframe = keyframe;
        this.frameDuration90k = frameDuration90k;
        this.parameterSets = parameterSets;
        this.units = units;
        this.unitOffset = unitOffset;
    }

    /** The committed default clip from the classpath. */
    public static SimulatorSource defaultClip() {
        try (InputStream in = SimulatorSource.class.getResourceAsStream(DEFAULT_CLIP)) {
            if (in == null) {
                throw new IllegalStateException("clip " + DEFAULT_CLIP + " is not on the classpath");
            }
            return fromTransportStream(in.readAllBytes(), DEFAULT_MAX_PAYLOAD);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DEFAULT_CLIP, e);
        }
    }

    /** Loads an MPEG-TS file holding H.264 or H.265 video. */
    public static SimulatorSource load(Path ts) throws IOException {
        return fromTransportStream(Files.readAllBytes(ts), DEFAULT_MAX_PAYLOAD);
    }

    /**
     * Demuxes and packetises a transport stream.
     *
     * @throws IllegalArgumentException when the stream has no H.264/H.265 video, no keyframe, or fewer than 2 frames
     */
    public static SimulatorSource fromTransportStream(byte[] ts, int maxPayloadBytes) {
        List<TsAccessUnit> units = TsDemuxer.demuxAll(ts, MAX_PES_BYTES);
        if (units.size() < 2) {
            throw new IllegalArgumentException("transport stream holds " + units.size()
                    + " video access units; a clip needs at least 2");
        }
        // start at the first keyframe so that every loop begins decodable
        int start = 0;
        while (start < units.size() && !units.get(start).keyframe()) {
            start++;
        }
        if (start == units.size()) {
            throw new IllegalArgumentException("transport stream has no keyframe");
        }
        units = units.subList(start, units.size());
        TsVideoType type = units.get(0).type();
        Codec codec = type == TsVideoType.H264 ? Codec.H264 : Codec.H265;
        List<byte[]> parameterSets = parameterSets(type, units.get(0));
        H264Packetizer h264 = type == TsVideoType.H264 ? new H264Packetizer(maxPayloadBytes) : null;
        H265Packetizer h265 = type == TsVideoType.H265 ? new H265Packetizer(maxPayloadBytes) : null;

        int n = units.size();
        List<byte[]> packets = new ArrayList<>();
        int[] firstPacket = new int[n];
        int[] packetCount = new int[n];
        long[] timestamps = new long[n];
        boolean[] keyframe = new boolean[n];
        long pts0 = units.get(0).pts90k();
        ByteArrayOutputStream frameUnits = new ByteArrayOutputStream();
        int[] unitOffset = new int[n + 1];
        for (int f = 0; f < n; f++) {
            TsAccessUnit au = units.get(f);
            List<byte[]> nals = new ArrayList<>();
            for (byte[] nal : au.nalUnits()) {
                if (!isAccessUnitDelimiter(type, nal)) {
                    nals.add(nal);
                    frameUnits.write(nal.length >>> 24);
                    frameUnits.write(nal.length >>> 16);
                    frameUnits.write(nal.length >>> 8);
                    frameUnits.write(nal.length);
                    frameUnits.writeBytes(nal);
                }
            }
            unitOffset[f + 1] = frameUnits.size();
            List<byte[]> framePackets = h264 != null ? h264.packetize(nals) : h265.packetize(nals);
            firstPacket[f] = packets.size();
            packetCount[f] = framePackets.size();
            packets.addAll(framePackets);
            // 33-bit wrap of the PES clock between two frames of the file
            timestamps[f] = (au.pts90k() - pts0) & 0x1_FFFF_FFFFL;
            keyframe[f] = au.keyframe();
        }
        long frameDuration = frameDuration(timestamps);
        int total = 0;
        for (byte[] p : packets) {
            total += p.length;
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(total);
        int[] offsets = new int[packets.size()];
        int[] lengths = new int[packets.size()];
        for (int p = 0; p < packets.size(); p++) {
            offsets[p] = direct.position();
            lengths[p] = packets.get(p).length;
            direct.put(packets.get(p));
        }
        direct.flip();
        // never released: it lives as long as the source, and slices handed to channels must not free it
        ByteBuf shared = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
        return new SimulatorSource(codec, shared, offsets, lengths, firstPacket, packetCount, timestamps, keyframe,
                frameDuration, List.copyOf(parameterSets), frameUnits.toByteArray(), unitOffset);
    }

    private static boolean isAccessUnitDelimiter(TsVideoType type, byte[] nal) {
        return type == TsVideoType.H264 ? (nal[0] & 0x1F) == 9 : ((nal[0] >> 1) & 0x3F) == 35;
    }

    private static List<byte[]> parameterSets(TsVideoType type, TsAccessUnit keyframe) {
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : keyframe.nalUnits()) {
            if (type == TsVideoType.H264) {
                int t = nal[0] & 0x1F;
                if (t == 7 && sps == null) {
                    sps = nal;
                } else if (t == 8 && pps == null) {
                    pps = nal;
                }
            } else {
                int t = (nal[0] >> 1) & 0x3F;
                if (t == 32 && vps == null) {
                    vps = nal;
                } else if (t == 33 && sps == null) {
                    sps = nal;
                } else if (t == 34 && pps == null) {
                    pps = nal;
                }
            }
        }
        if (sps == null || pps == null || (type == TsVideoType.H265 && vps == null)) {
            throw new IllegalArgumentException("the first keyframe carries no in-band parameter sets (" + type
                    + "); encode with repeated headers");
        }
        return type == TsVideoType.H264 ? List.of(sps, pps) : List.of(vps, sps, pps);
    }

    /** The most common difference between consecutive timestamps: robust against one odd gap. */
    private static long frameDuration(long[] ts) {
        long[] d = new long[ts.length - 1];
        for (int i = 1; i < ts.length; i++) {
            d[i - 1] = ts[i] - ts[i - 1];
        }
        Arrays.sort(d);
        long median = d[d.length / 2];
        if (median <= 0) {
            throw new IllegalArgumentException("frame timestamps do not increase (median step " + median + ")");
        }
        return median;
    }

    public Codec codec() {
        return codec;
    }

    /** SPS, PPS (H.264) or VPS, SPS, PPS (H.265), for the SDP. */
    public List<byte[]> parameterSets() {
        return parameterSets;
    }

    public int frameCount() {
        return firstPacket.length;
    }

    public int packetCount() {
        return packetOffset.length;
    }

    /** Nominal duration of one frame on the 90 kHz clock. */
    public long frameDuration90k() {
        return frameDuration90k;
    }

    /** Length of one loop on the 90 kHz clock: last frame's timestamp plus one frame. */
    public long clipDuration90k() {
        return timestamp90k[timestamp90k.length - 1] + frameDuration90k;
    }

    /** Frames per second, rounded. */
    public int framesPerSecond() {
        return (int) Math.round(90_000.0 / frameDuration90k);
    }

    public long timestamp90k(int frame) {
        return timestamp90k[frame];
    }

    public boolean keyframe(int frame) {
        return keyframe[frame];
    }

    /**
     * The frame of the clip's {@code n}th keyframe, counting from 0 at the first frame and around the loop
     * either way ({@code -1} is the last keyframe).
     */
    public int keyframeIndex(int n) {
        int count = 0;
        for (boolean k : keyframe) {
            count += k ? 1 : 0;
        }
        int wanted = Math.floorMod(n, count);
        for (int f = 0; f < keyframe.length; f++) {
            if (keyframe[f] && wanted-- == 0) {
                return f;
            }
        }
        throw new IllegalStateException("unreachable: " + count + " keyframes counted");
    }

    public int firstPacket(int frame) {
        return firstPacket[frame];
    }

    public int packetCount(int frame) {
        return packetCount[frame];
    }

    public int packetLength(int packet) {
        return packetLength[packet];
    }

    /** The payload of a packet as a slice of the shared buffer; releasing it is harmless. */
    public ByteBuf payload(int packet) {
        return payloads.slice(packetOffset[packet], packetLength[packet]);
    }

    /**
     * A copy of one frame as an access unit's payload: its NAL units (access unit delimiters left out), each
     * after a 4-byte big-endian length, ready for {@code AccessUnit.handOver} and a muxer.
     */
    public byte[] frameUnits(int frame) {
        return Arrays.copyOfRange(units, unitOffset[frame], unitOffset[frame + 1]);
    }

    /** Copies a packet's payload, for tests and UDP. */
    public void copyPayload(int packet, ByteBuf into) {
        into.writeBytes(payloads, packetOffset[packet], packetLength[packet]);
    }
}
