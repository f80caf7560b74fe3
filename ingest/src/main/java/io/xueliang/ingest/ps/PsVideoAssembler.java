package io.xueliang.ingest.ps;

import io.netty.buffer.Unpooled;
import io.xueliang.ingest.rtp.DepacketizerCounters;
import io.xueliang.ingest.rtp.NalUnitDepacketizer;
import io.xueliang.ingest.rtp.RtpPacket;
import io.xueliang.ingest.rtp.h264.H264Depacketizer;
import io.xueliang.ingest.rtp.h265.H265Depacketizer;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cuts the Annex B bytes of a program stream's video PES payloads into access units and hands them to the RTSP
 * path's own H.264/H.265 access-unit assembly, so that PS video comes out exactly as RTSP video does (4-byte NAL
 * lengths, AUD dropped, parameter sets tracked and prepended to keyframes, nothing before the first keyframe).
 *
 * <p>Units are cut on the content, not on PES boundaries: GB devices start every frame with a PES, but ffmpeg and
 * other muxers let a PES carry the tail of one frame and the head of the next. A new unit starts at an access unit
 * delimiter, a parameter set or SEI, or a first slice (H.264 §7.4.1.2.3, H.265 §7.4.2.4.4) after a slice; a PES's
 * PTS belongs to the first unit starting in it (ISO/IEC 13818-1 §2.4.3.7). {@link #endOfFrame()} ends the unit at
 * once when the transport knows (the RTP marker). Not thread-safe.
 */
final class PsVideoAssembler {
    private static final int INITIAL_BYTES = 16 * 1024;
    /** NAL units per access unit; cameras send a few, up to one per slice row (68 for 1080p). */
    private static final int MAX_NALS = 1024;
    private static final int MAX_TAGS = 64;
    /** H.264 profile_idc values (Annex A); with an SPS NAL header they identify H.264. */
    private static final Set<Integer> H264_PROFILES = Set.of(66, 77, 88, 100, 110, 122, 244, 44, 83, 86, 118, 128,
            138, 139, 134, 135);

    private final CameraId camera;
    private final int maxFrameBytes;
    private final InstantSource clock;
    private final Consumer<AccessUnit> sink;

    private Codec codec;
    /** The codec the NAL unit headers showed, or null while none told. */
    private Codec contentCodec;
    private NalUnitDepacketizer depacketizer;

    private byte[] buf = new byte[INITIAL_BYTES];
    private int len;
    private int scanPos;
    /** First byte (header) of the NAL unit being read, or -1 before a start code. */
    private int nalStart = -1;
    /** Start and end offsets of the current unit's NAL units. */
    private int[] nals = new int[64];
    private int nalCount;
    private boolean unitHasSlice;
    /** The unit has more than {@link #MAX_NALS} NAL units. */
    private boolean unitOverflow;
    private long unitPts;
    private Instant unitWallClock;

    /** PTS of PES packets whose payload began at {@code tagPos}; consumed by the first unit starting there or later. */
    private final int[] tagPos = new int[MAX_TAGS];
    private final long[] tagPts = new long[MAX_TAGS];
    private final Instant[] tagWall = new Instant[MAX_TAGS];
    private int tagCount;
    /**
     * Where the latest PES with a PTS began, or -1: when its payload starts with a start code and its PTS differs
     * from the unit's, a new unit starts there (GB devices begin every frame with a PES), so the unit in progress is
     * complete without waiting for the next unit's first NAL unit to end.
     */
    private int boundaryPos = -1;
    private long boundaryPts;
    private boolean timed;
    private long lastTimedPts;
    private int unitsSinceTimed;
    /** Frame duration seen between timed units, for units that start in a PES without PTS; 25 fps until known. */
    private long step = 3600;

    /**
     * Data was lost (or the stream was joined in the middle): NAL units are dropped until a unit starts, so that the
     * later slices of a keyframe whose first slice is gone never go out as a keyframe.
     */
    private boolean broken = true;
    private byte[] scratch = new byte[256];
    private int sequence;

    private long droppedDamaged;
    private long droppedOversize;
    private long untimedUnits;
    private long ignoredNalUnits;
    private long mislabelled;

    PsVideoAssembler(CameraId camera, int maxFrameBytes, InstantSource clock, Consumer<AccessUnit> sink) {
        this.camera = camera;
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
        this.sink = sink;
    }

    Codec codec() {
        return codec;
    }

    /**
     * The codec a PSM names. Ignored once the data has shown the other codec: some cameras label H.265 as H.264
     * (ZLMediaKit issues 266 and 1192), and their maps would otherwise switch the codec back at every keyframe.
     */
    void announce(Codec fromMap) {
        if (contentCodec != null && contentCodec != fromMap) {
            mislabelled++;
            return;
        }
        if (fromMap != codec && codec != null) {
            discard();
            broken = true;
        }
        use(fromMap);
    }

    private void use(Codec newCodec) {
        if (newCodec == codec) {
            return;
        }
        codec = newCodec;
        depacketizer = newCodec == Codec.H264
                ? new H264Depacketizer(camera, 90_000, Map.of(), maxFrameBytes, sink)
                : new H265Depacketizer(camera, 90_000, Map.of(), maxFrameBytes, sink);
    }

    /** A PES begins; its payload follows through {@link #append}. */
    void pesStart(boolean hasPts, long pts, Instant wallClock) {
        if (!hasPts) {
            return;
        }
        if (tagCount == MAX_TAGS) {
            System.arraycopy(tagPos, 1, tagPos, 0, MAX_TAGS - 1);
            System.arraycopy(tagPts, 1, tagPts, 0, MAX_TAGS - 1);
            System.arraycopy(tagWall, 1, tagWall, 0, MAX_TAGS - 1);
            tagCount--;
        }
        tagPos[tagCount] = len;
        tagPts[tagCount] = pts;
        tagWall[tagCount] = wallClock;
        tagCount++;
        boundaryPos = len;
        boundaryPts = pts;
    }

    void append(byte[] data, int off, int n) {
        if (len + n > buf.length || len + n > maxFrameBytes) {
            compact();
            if (len + n > maxFrameBytes) {
                // A unit without an end: a hostile or broken device must not grow the buffer without limit.
                droppedOversize++;
                lose();
                return;
            }
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(maxFrameBytes, Math.max(len + n, buf.length + buf.length / 2)));
            }
        }
        System.arraycopy(data, off, buf, len, n);
        len += n;
        scan();
    }

    /** Forgets the last {@code n} bytes appended (a start code that turned out to end an unbounded PES). */
    void truncate(int n) {
        len = Math.max(0, len - n);
        if (nalStart > len) {
            nalStart = -1;
        }
        scanPos = Math.min(scanPos, len);
        for (int i = 0; i < tagCount; i++) {
            tagPos[i] = Math.min(tagPos[i], len);
        }
    }

    /** The transport says the frame is complete: the unit in progress is handed out now. */
    void endOfFrame() {
        if (nalStart >= 0) {
            nal(nalStart, len);
            nalStart = -1;
        }
        finishUnit();
        broken = false;
        len = 0;
        scanPos = 0;
        tagCount = 0;
        boundaryPos = -1;
    }

    /** Bytes are missing before the next ones: the unit in progress is dropped, then units until a keyframe. */
    void lose() {
        if (nalCount > 0 || len > 0) {
            droppedDamaged++;
        }
        discard();
        broken = true;
        if (depacketizer != null) {
            depacketizer.onLoss();
        }
    }

    private void discard() {
        len = 0;
        scanPos = 0;
        nalStart = -1;
        nalCount = 0;
        unitHasSlice = false;
        unitOverflow = false;
        tagCount = 0;
        boundaryPos = -1;
    }

    private void scan() {
        int i = Math.max(scanPos, nalStart < 0 ? 0 : nalStart);
        byte[] b = buf;
        while (i + 2 < len) {
            if ((b[i + 2] & 0xFF) > 1) {
                i += 3;
            } else if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                if (nalStart >= 0) {
                    nal(nalStart, i);
                }
                if (boundaryPos >= 0 && i >= boundaryPos) {
                    if (i <= boundaryPos + 1 && nalCount > 0 && boundaryPts != unitPts) {
                        finishUnit();
                    }
                    boundaryPos = -1;
                }
                i += 3;
                nalStart = i;
            } else {
                i++;
            }
        }
        scanPos = i;
    }

    /** A complete NAL unit in {@code [start, end)} (trailing zero bytes are the next start code's). */
    private void nal(int start, int end) {
        while (end > start && buf[end - 1] == 0) {
            end--;
        }
        if (end - start < 2) {
            return;
        }
        Codec shown = infer(buf[start] & 0xFF, buf[start + 1] & 0xFF);
        if (shown != null) {
            contentCodec = shown;
            if (shown != codec) {
                if (codec != null) {
                    // The map named the other codec: what was gathered was read with the wrong NAL header layout.
                    mislabelled++;
                    nalCount = 0;
                    unitHasSlice = false;
                    unitOverflow = false;
                }
                use(shown);
            }
        }
        if (codec == null) {
            return;
        }
        boolean h264 = codec == Codec.H264;
        int h0 = buf[start] & 0xFF;
        int type = h264 ? h0 & 0x1F : (h0 >> 1) & 0x3F;
        boolean slice = h264 ? type >= 1 && type <= 5 : type < 32;
        int firstSliceByte = start + (h264 ? 1 : 2);
        boolean firstSlice = slice && firstSliceByte < end && (buf[firstSliceByte] & 0x80) != 0;
        boolean startsUnit = h264 ? type == 9 || type == 7 || type == 8 || type == 6
                : type >= 32 && type <= 35 || type == 39;
        if (broken) {
            if (!firstSlice && !startsUnit) {
                return;
            }
            broken = false;
        }
        if (unitHasSlice && (firstSlice || startsUnit)) {
            finishUnit();
        }
        if (nalCount == 0) {
            startUnit(start);
        }
        if (nalCount == MAX_NALS) {
            // A unit missing NAL units would decode wrong: it is dropped whole when it ends.
            unitOverflow = true;
            return;
        }
        if (2 * nalCount + 2 > nals.length) {
            nals = Arrays.copyOf(nals, nals.length * 2);
        }
        nals[2 * nalCount] = start;
        nals[2 * nalCount + 1] = end;
        nalCount++;
        unitHasSlice |= slice;
    }

    private void startUnit(int start) {
        int tag = -1;
        while (tag + 1 < tagCount && tagPos[tag + 1] <= start) {
            tag++;
        }
        unitsSinceTimed++;
        if (tag >= 0) {
            long pts = tagPts[tag];
            if (timed && pts > lastTimedPts) {
                step = (pts - lastTimedPts) / unitsSinceTimed;
            }
            timed = true;
            lastTimedPts = pts;
            unitsSinceTimed = 0;
            unitPts = pts;
            unitWallClock = tagWall[tag];
            int rest = tagCount - tag - 1;
            System.arraycopy(tagPos, tag + 1, tagPos, 0, rest);
            System.arraycopy(tagPts, tag + 1, tagPts, 0, rest);
            System.arraycopy(tagWall, tag + 1, tagWall, 0, rest);
            tagCount = rest;
        } else {
            // A unit starting in a PES without PTS (ffmpeg puts several frames in one PES): timed on from the last.
            untimedUnits++;
            unitPts = timed ? lastTimedPts + step * unitsSinceTimed : 0;
            unitWallClock = clock.instant();
        }
    }

    private void finishUnit() {
        if (nalCount == 0) {
            return;
        }
        if (unitOverflow) {
            droppedOversize++;
            nalCount = 0;
            unitHasSlice = false;
            unitOverflow = false;
            depacketizer.onLoss();
            return;
        }
        int last = -1;
        for (int i = 0; i < nalCount; i++) {
            if (deliverable(nals[2 * i])) {
                last = i;
            } else {
                ignoredNalUnits++;
            }
        }
        for (int i = 0; i <= last; i++) {
            int start = nals[2 * i];
            if (deliverable(start)) {
                deliver(start, nals[2 * i + 1], i == last);
            }
        }
        nalCount = 0;
        unitHasSlice = false;
    }

    /** NAL types the RTP depacketisers would read as aggregation or fragmentation units are not passed on. */
    private boolean deliverable(int start) {
        int h0 = buf[start] & 0xFF;
        return codec == Codec.H264 ? (h0 & 0x1F) >= 1 && (h0 & 0x1F) <= 23 : ((h0 >> 1) & 0x3F) < 48;
    }

    /**
     * Hands one NAL unit to the depacketiser as a single-NAL-unit RTP packet (RFC 6184 §5.6, RFC 7798 §4.4.1), the
     * way the RTSP path sees it, so that both paths share one set of access-unit rules. The 12-byte header is
     * written over the bytes just before the NAL unit (its start code and NAL units already handed over), which
     * saves a copy of every video byte; only a NAL unit at the very start of the buffer goes through a scratch copy.
     */
    private void deliver(int start, int end, boolean last) {
        int n = end - start;
        byte[] packet;
        int at;
        if (start >= RtpPacket.HEADER_BYTES) {
            packet = buf;
            at = start - RtpPacket.HEADER_BYTES;
        } else {
            if (scratch.length < RtpPacket.HEADER_BYTES + n) {
                scratch = new byte[RtpPacket.HEADER_BYTES + n];
            }
            System.arraycopy(buf, start, scratch, RtpPacket.HEADER_BYTES, n);
            packet = scratch;
            at = 0;
        }
        long ts = unitPts;
        packet[at] = (byte) 0x80;
        packet[at + 1] = (byte) ((last ? 0x80 : 0) | PsRtpPacketizer.PAYLOAD_TYPE);
        packet[at + 2] = (byte) (sequence >>> 8);
        packet[at + 3] = (byte) sequence;
        packet[at + 4] = (byte) (ts >>> 24);
        packet[at + 5] = (byte) (ts >>> 16);
        packet[at + 6] = (byte) (ts >>> 8);
        packet[at + 7] = (byte) ts;
        Arrays.fill(packet, at + 8, at + 12, (byte) 0);
        sequence = (sequence + 1) & 0xFFFF;
        RtpPacket rtp = RtpPacket.parse(Unpooled.wrappedBuffer(packet, at, RtpPacket.HEADER_BYTES + n));
        depacketizer.onPacket(rtp, unitPts, unitWallClock);
    }

    /** Drops the bytes no unit needs any more, keeping offsets consistent. */
    private void compact() {
        int from = nalCount > 0 ? nals[0] : nalStart >= 0 ? nalStart : Math.max(0, scanPos - 2);
        if (from == 0) {
            return;
        }
        System.arraycopy(buf, from, buf, 0, len - from);
        len -= from;
        scanPos -= from;
        if (nalStart >= 0) {
            nalStart -= from;
        }
        for (int i = 0; i < 2 * nalCount; i++) {
            nals[i] -= from;
        }
        for (int i = 0; i < tagCount; i++) {
            tagPos[i] = Math.max(0, tagPos[i] - from);
        }
        boundaryPos = boundaryPos < from ? -1 : boundaryPos - from;
    }

    /**
     * The codec a NAL unit header shows, or null when it does not tell: an H.265 VPS, SPS or PPS header ({@code 40
     * 01}, {@code 42 01}, {@code 44 01}), an H.264 SPS whose next byte is a known profile, or an H.264 access unit
     * delimiter. Used when no program stream map names the stream type.
     */
    static Codec infer(int h0, int h1) {
        if ((h0 & 0x80) != 0) {
            return null;
        }
        int h265Type = (h0 >> 1) & 0x3F;
        if (h265Type >= 32 && h265Type <= 34 && (h0 & 1) == 0 && h1 == 1) {
            return Codec.H265;
        }
        int h264Type = h0 & 0x1F;
        if (h264Type == 7 && H264_PROFILES.contains(h1) || h264Type == 9 && (h1 & 0x1F) == 0x10) {
            return Codec.H264;
        }
        return null;
    }

    /** Units dropped because bytes were lost in them (sequence gap, damage in the stream). */
    long droppedDamaged() {
        return droppedDamaged;
    }

    long droppedOversize() {
        return droppedOversize;
    }

    long untimedUnits() {
        return untimedUnits;
    }

    /** Times the map named another video codec than the data shows. */
    long mislabelled() {
        return mislabelled;
    }

    long ignoredNalUnits() {
        return ignoredNalUnits;
    }

    DepacketizerCounters counters() {
        return depacketizer == null ? DepacketizerCounters.NONE : depacketizer.counters();
    }
}
