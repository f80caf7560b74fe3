package io.xueliang.ingest.ps;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.DepacketizerCounters;
import io.xueliang.ingest.rtp.RtpClock;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Demultiplexes an MPEG-2 program stream (ISO/IEC 13818-1 §2.5) as GB/T 28181 devices send it into
 * {@link AccessUnit}s of one H.264/H.265 video stream and one AAC/G.711 audio stream. Input may arrive in any
 * slices; state carries over between {@link #feed} calls.
 *
 * <pre>
 *  pack header   00 00 01 BA | 01 SCR(33) SCR_ext(9) markers | mux_rate(22) 11 | 11111 stuffing(3) | stuffing
 *                (MPEG-1:      0010 SCR(33) markers | mux_rate(22), 8 bytes, no stuffing)
 *  system header 00 00 01 BB | length(16) | ...                                   skipped
 *  PSM           00 00 01 BC | length(16) | flags(16) | info_len(16) info | map_len(16)
 *                            | { stream_type(8) stream_id(8) es_info_len(16) es_info } | CRC(32)
 *  PES           00 00 01 E0-EF video / C0-DF audio | length(16) | 10 flags(14) | header_len(8)
 *                            | [PTS(40)] [DTS(40)] ... | payload (Annex B video, ADTS or G.711 audio)
 *  others        00 00 01 BD (private, Hikvision), BE (padding), BF, F0-FF | length(16) | ...  skipped
 * </pre>
 *
 * <p>GB devices split a frame over several PES packets (a PES holds at most 64 KiB), only the first carrying a PTS;
 * video is reassembled into units on its content (see {@code PsVideoAssembler}), and {@link #endOfFrame()} lets the
 * transport end a frame at once (the RTP marker) instead of waiting for the next one. A video PES with length 0
 * (unbounded, allowed in transport streams only, sent by some devices anyway) runs to the next start code. Without a
 * program stream map (ffmpeg's muxer, some devices) the video codec is recognised from its NAL unit headers and AAC
 * from its ADTS syncword; stream types named in a PSM stay in force when later frames come without one, and when the
 * NAL unit headers unmistakably show the other video codec than the map names, the data wins (cameras that label
 * H.265 as H.264). G.711 without a map cannot be told from its bytes (A-law or mu-law?) and is dropped and counted.
 *
 * <p>Limits: {@code maxFrameBytes} bounds a video frame; a map over {@link #MAX_PSM_BYTES} is skipped; stuffing is
 * bounded by the syntax (at most 7 pack stuffing bytes, 16 in an MPEG-1 PES header, an MPEG-2 PES header at most 255
 * bytes); an audio PES is at most 64 KiB and an ADTS frame 8 KiB. Everything else is skipped by its length without
 * being kept.
 *
 * <p>PTS are unwrapped from 33 bits onto one timeline for all streams; a jump (a device restarting its clock, more
 * than {@value RtpClock#MAX_BACKWARD_STEP_SECONDS} s back or {@value RtpClock#MAX_FORWARD_JUMP_SECONDS} s beyond the
 * arrival time that passed) re-bases it, as {@link RtpClock} does for RTP, so presentation times stay monotonic. Damage is survived, never thrown: bytes where a
 * start code should be are skipped to the next start code and counted, and the video unit they may have cut is
 * dropped, then units until the next keyframe. Not thread-safe.
 */
public final class PsDemuxer {
    /**
     * Largest program stream map kept for parsing; larger ones are skipped and counted. A GB map lists two streams in
     * about 30 bytes; the limit stops a hostile device from making us buffer 64 KiB per map.
     */
    public static final int MAX_PSM_BYTES = 1024;
    /** Smallest {@code maxFrameBytes} accepted. */
    public static final int MIN_FRAME_BYTES = 1024;

    private static final int PACK = 0xBA;
    private static final int SYSTEM_HEADER = 0xBB;
    private static final int PSM = 0xBC;
    private static final int PROGRAM_END = 0xB9;
    private static final long PTS_MASK = (1L << 33) - 1;

    private enum State { SYNC, PACK_HEADER, LENGTH, SKIP, PSM_BODY, PES_HEADER, PES_PAYLOAD, PES_UNBOUNDED }

    /** What a stream id is, once a PSM or the first PES has said. */
    private enum Kind { UNKNOWN, VIDEO, AUDIO, IGNORED }

    private final InstantSource clock;
    private final PsVideoAssembler video;
    private final PsAudioAssembler audio;

    private State state = State.SYNC;
    private int code = -1;
    private long syncBytes;
    private int streamId;
    private int remaining;
    private final byte[] header = new byte[260];
    private int headerLength;
    private int headerNeed;
    private final byte[] psm = new byte[MAX_PSM_BYTES];
    /** Bytes of a direct buffer on their way in. */
    private final byte[] transfer = new byte[2048];
    private int psmLength;
    private boolean pesVideo;
    /** The bytes up to the next start code are the rest of what a loss cut: skipped, not counted as garbage. */
    private boolean afterLoss;

    private final Kind[] kinds = new Kind[256];
    private int videoId = -1;
    private int audioId = -1;
    private boolean ptsStarted;
    private long lastPts;
    private final RtpClock timeline = new RtpClock(90_000);

    private long packs;
    private long systemHeaders;
    private long psms;
    private long pesPackets;
    private long privatePackets;
    private long skippedPackets;
    private long bytesSkipped;
    private long resyncs;
    private long malformed;
    private long oversizedPsms;
    private long truncatedPes;
    private long unsupportedStreams;

    /**
     * @param camera whose access units these are
     * @param maxFrameBytes largest video frame kept; bigger ones are dropped and counted, then units until the next
     *     keyframe. Bounds memory when a stream is corrupt or hostile (a frame without an end would otherwise grow
     *     without limit); a 1080p keyframe at camera bitrates stays under 1 MiB, so 4 MiB is a generous choice
     * @param clock wall clock stamped on units: the arrival time of the PES that carried their PTS
     * @param sink receives access units: video in order, audio in order. A video unit goes out once known complete
     *     ({@link #endOfFrame()}, or the next unit starting), so without frame ends from the transport an audio unit
     *     muxed after it may come first
     */
    public PsDemuxer(CameraId camera, int maxFrameBytes, InstantSource clock, Consumer<AccessUnit> sink) {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes " + maxFrameBytes + " is below " + MIN_FRAME_BYTES);
        }
        Arrays.fill(kinds, Kind.UNKNOWN);
        this.video = new PsVideoAssembler(camera, maxFrameBytes, clock, sink);
        this.audio = new PsAudioAssembler(camera, clock, sink);
    }

    /** Demuxes a whole stream held in memory. */
    public static List<AccessUnit> demuxAll(CameraId camera, byte[] ps, int maxFrameBytes, InstantSource clock) {
        List<AccessUnit> units = new ArrayList<>();
        PsDemuxer demuxer = new PsDemuxer(camera, maxFrameBytes, clock, units::add);
        demuxer.feed(ps, 0, ps.length);
        demuxer.endOfFrame();
        return units;
    }

    /**
     * Feeds the readable bytes of {@code data} without moving its indexes. A direct buffer (Netty's default for
     * sockets) is read through a reused array: no allocation per packet.
     */
    public void feed(ByteBuf data) {
        if (data.hasArray()) {
            feed(data.array(), data.arrayOffset() + data.readerIndex(), data.readableBytes());
            return;
        }
        for (int i = data.readerIndex(); i < data.writerIndex(); i += transfer.length) {
            int n = Math.min(transfer.length, data.writerIndex() - i);
            data.getBytes(i, transfer, 0, n);
            feed(transfer, 0, n);
        }
    }

    /** Feeds the next bytes of the stream. */
    public void feed(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        int pos = off;
        int end = off + len;
        while (pos < end) {
            switch (state) {
                case SYNC -> pos = sync(data, pos, end);
                case PACK_HEADER, LENGTH, PES_HEADER -> pos = header(data, pos, end);
                case SKIP -> {
                    int n = Math.min(remaining, end - pos);
                    remaining -= n;
                    pos += n;
                    if (remaining == 0) {
                        toSync();
                    }
                }
                case PSM_BODY -> {
                    int n = Math.min(remaining, end - pos);
                    System.arraycopy(data, pos, psm, psmLength, n);
                    psmLength += n;
                    remaining -= n;
                    pos += n;
                    if (remaining == 0) {
                        parsePsm();
                        toSync();
                    }
                }
                case PES_PAYLOAD -> {
                    int n = Math.min(remaining, end - pos);
                    payload(data, pos, n);
                    remaining -= n;
                    pos += n;
                    if (remaining == 0) {
                        pesEnd();
                        toSync();
                    }
                }
                case PES_UNBOUNDED -> pos = unbounded(data, pos, end);
            }
        }
    }

    /**
     * Ends the video frame in progress now: the transport knows it is complete (RTP marker, or a new RTP timestamp).
     * Also call at the end of the stream.
     */
    public void endOfFrame() {
        if (state == State.PES_UNBOUNDED) {
            pesEnd();
            toSync();
        } else if (state == State.PES_PAYLOAD || state == State.PES_HEADER) {
            // The frame ended inside a PES: its length lied or bytes are missing.
            truncatedPes++;
            video.lose();
            toSync();
        }
        video.endOfFrame();
    }

    /** Bytes are missing before the next ones (an RTP sequence gap): the frame they belonged to is dropped. */
    public void onLoss() {
        video.lose();
        audio.lose();
        toSync();
        afterLoss = true;
    }

    private void toSync() {
        state = State.SYNC;
        code = -1;
        syncBytes = 0;
    }

    private int sync(byte[] d, int pos, int end) {
        while (pos < end) {
            code = (code << 8) | (d[pos++] & 0xFF);
            syncBytes++;
            if ((code & 0xFFFFFF00) == 0x100 && (code & 0xFF) >= PROGRAM_END) {
                long skipped = syncBytes - 4;
                if (skipped > 0) {
                    bytesSkipped += skipped;
                    if (!afterLoss) {
                        // Garbage where a start code belonged: the unit before may have been cut short.
                        resyncs++;
                        video.lose();
                    }
                }
                afterLoss = false;
                startUnit(code & 0xFF);
                return pos;
            }
        }
        return pos;
    }

    private void startUnit(int id) {
        streamId = id;
        headerLength = 0;
        if (id == PROGRAM_END) {
            toSync();
        } else if (id == PACK) {
            state = State.PACK_HEADER;
            headerNeed = 1;
        } else {
            state = State.LENGTH;
            headerNeed = 2;
        }
    }

    private int header(byte[] d, int pos, int end) {
        while (pos < end) {
            header[headerLength++] = d[pos++];
            if (state == State.PES_HEADER) {
                int need = pesHeaderLength();
                if (need == -2 || (remaining > 0 && headerLength > remaining)) {
                    malformed++;
                    video.lose();
                    toSync();
                    return pos;
                }
                if (need == headerLength) {
                    pesHeaderDone();
                    return pos;
                }
                continue;
            }
            if (headerLength < headerNeed) {
                continue;
            }
            if (state == State.PACK_HEADER) {
                if (headerNeed == 1) {
                    int b = header[0] & 0xFF;
                    if ((b & 0xC0) == 0x40) {
                        headerNeed = 10;
                    } else if ((b & 0xF0) == 0x20) {
                        headerNeed = 8;
                    } else {
                        malformed++;
                        toSync();
                        return pos;
                    }
                    continue;
                }
                packDone();
            } else {
                lengthDone((header[0] & 0xFF) << 8 | (header[1] & 0xFF));
            }
            return pos;
        }
        return pos;
    }

    private void packDone() {
        boolean mpeg2 = headerNeed == 10;
        boolean markers = mpeg2
                ? (header[0] & 0x04) != 0 && (header[2] & 0x04) != 0 && (header[4] & 0x04) != 0
                        && (header[5] & 0x01) != 0 && (header[8] & 0x03) == 0x03
                : (header[0] & 0x01) != 0 && (header[2] & 0x01) != 0 && (header[4] & 0x01) != 0
                        && (header[5] & 0x80) != 0 && (header[7] & 0x01) != 0;
        if (!markers) {
            malformed++;
            toSync();
            return;
        }
        packs++;
        int stuffing = mpeg2 ? header[9] & 0x07 : 0;
        skip(stuffing);
    }

    private void lengthDone(int length) {
        int id = streamId;
        if (id == SYSTEM_HEADER) {
            systemHeaders++;
            skip(length);
        } else if (id == PSM) {
            if (length > MAX_PSM_BYTES) {
                oversizedPsms++;
                skip(length);
            } else if (length == 0) {
                malformed++;
                toSync();
            } else {
                state = State.PSM_BODY;
                psmLength = 0;
                remaining = length;
            }
        } else if (id >= 0xE0 && id <= 0xEF || id >= 0xC0 && id <= 0xDF) {
            pes(id, length);
        } else {
            if (id == 0xBD || id == 0xBF) {
                privatePackets++;
            } else if (id != 0xBE) {
                skippedPackets++;
            }
            skip(length);
        }
    }

    private void pes(int id, int length) {
        boolean isVideo = id >= 0xE0;
        if (kinds[id] == Kind.UNKNOWN) {
            // No PSM named it: the first stream of each kind is ours.
            if (isVideo && videoId < 0) {
                videoId = id;
                kinds[id] = Kind.VIDEO;
            } else if (!isVideo && audioId < 0) {
                audioId = id;
                kinds[id] = Kind.AUDIO;
            }
        }
        if (kinds[id] != Kind.VIDEO && kinds[id] != Kind.AUDIO) {
            skippedPackets++;
            skip(length);
            return;
        }
        if (length == 0 && !isVideo) {
            malformed++;
            toSync();
            return;
        }
        pesPackets++;
        pesVideo = kinds[id] == Kind.VIDEO;
        remaining = length; // 0: unbounded
        state = State.PES_HEADER;
        headerLength = 0;
    }

    /**
     * Length of the PES header after the length field once enough bytes are in; -1 for more, -2 when it is not one.
     * MPEG-2 ({@code 10} first) has a length byte; MPEG-1 (ISO/IEC 11172-1 §2.4.3.6) is up to 16 stuffing bytes, an
     * optional STD buffer field and a PTS, PTS+DTS or {@code 0F}.
     */
    private int pesHeaderLength() {
        int n = headerLength;
        int b0 = header[0] & 0xFF;
        if ((b0 & 0xC0) == 0x80) {
            return n < 3 ? -1 : 3 + (header[2] & 0xFF);
        }
        int i = 0;
        while (i < n && (header[i] & 0xFF) == 0xFF) {
            if (++i > 16) {
                return -2;
            }
        }
        if (i == n) {
            return -1;
        }
        if ((header[i] & 0xC0) == 0x40) {
            i += 2;
            if (i >= n) {
                return -1;
            }
        }
        int b = header[i] & 0xFF;
        if ((b & 0xF0) == 0x20) {
            return i + 5;
        } else if ((b & 0xF0) == 0x30) {
            return i + 10;
        } else if (b == 0x0F) {
            return i + 1;
        }
        return -2;
    }

    private void pesHeaderDone() {
        int n = headerLength;
        int ptsAt = -1;
        if ((header[0] & 0xC0) == 0x80) {
            int flags = (header[1] >> 6) & 0x3;
            if (flags >= 2 && n >= 8) {
                ptsAt = 3;
            }
        } else {
            int i = 0;
            while ((header[i] & 0xFF) == 0xFF) {
                i++;
            }
            if ((header[i] & 0xC0) == 0x40) {
                i += 2;
            }
            if ((header[i] & 0xE0) == 0x20) {
                ptsAt = i;
            }
        }
        boolean hasPts = ptsAt >= 0;
        Instant now = clock.instant();
        // Unwrapped from 33 bits, then kept monotonic across a device's restart of its PTS the way RTP timestamps are
        long pts = hasPts ? timeline.onPacket(unwrap(timestamp(header, ptsAt)), false, now) : 0;
        if (pesVideo) {
            video.pesStart(hasPts, pts, now);
        } else {
            audio.pesStart(hasPts, pts, now);
        }
        if (remaining == 0) {
            state = State.PES_UNBOUNDED;
            code = -1;
        } else {
            remaining -= n;
            if (remaining == 0) {
                pesEnd();
                toSync();
            } else {
                state = State.PES_PAYLOAD;
            }
        }
    }

    private void payload(byte[] d, int off, int n) {
        if (pesVideo) {
            video.append(d, off, n);
        } else {
            audio.append(d, off, n);
        }
    }

    private void pesEnd() {
        if (!pesVideo) {
            audio.pesEnd();
        }
    }

    /** Unbounded video PES: runs until a start code of the system layer (video never holds 00 00 01 B9-FF). */
    private int unbounded(byte[] d, int pos, int end) {
        int start = pos;
        while (pos < end) {
            code = (code << 8) | (d[pos++] & 0xFF);
            if ((code & 0xFFFFFF00) == 0x100 && (code & 0xFF) >= PROGRAM_END) {
                video.append(d, start, pos - start);
                video.truncate(4);
                int id = code & 0xFF;
                toSync();
                startUnit(id);
                return pos;
            }
        }
        video.append(d, start, end - start);
        return pos;
    }

    private void skip(int length) {
        if (length == 0) {
            toSync();
        } else {
            state = State.SKIP;
            remaining = length;
        }
    }

    private void parsePsm() {
        byte[] p = psm;
        int n = psmLength;
        if (n < 10) {
            malformed++;
            return;
        }
        psms++;
        int mapLengthAt = 4 + ((p[2] & 0xFF) << 8 | (p[3] & 0xFF));
        if (mapLengthAt + 2 > n) {
            malformed++;
            return;
        }
        int e = mapLengthAt + 2;
        int mapEnd = Math.min(e + ((p[mapLengthAt] & 0xFF) << 8 | (p[mapLengthAt + 1] & 0xFF)), n);
        // The CRC is not checked: devices get it wrong, and a wrong map shows itself in the data anyway.
        while (e + 4 <= mapEnd) {
            int type = p[e] & 0xFF;
            int id = p[e + 1] & 0xFF;
            e += 4 + ((p[e + 2] & 0xFF) << 8 | (p[e + 3] & 0xFF));
            PsStreamType known = PsStreamType.of(type);
            boolean videoId = id >= 0xE0 && id <= 0xEF;
            boolean audioId = id >= 0xC0 && id <= 0xDF;
            if (known != null && known.codec().isVideo() && videoId) {
                mapVideo(id, known.codec());
            } else if (known != null && !known.codec().isVideo() && audioId) {
                mapAudio(id, known.codec());
            } else if (videoId || audioId) {
                if (kinds[id] != Kind.IGNORED) {
                    unsupportedStreams++;
                }
                kinds[id] = Kind.IGNORED;
            }
        }
    }

    private void mapVideo(int id, Codec codec) {
        if (videoId >= 0 && videoId != id) {
            kinds[videoId] = Kind.IGNORED;
        }
        videoId = id;
        kinds[id] = Kind.VIDEO;
        video.announce(codec);
    }

    private void mapAudio(int id, Codec codec) {
        if (audioId >= 0 && audioId != id) {
            kinds[audioId] = Kind.IGNORED;
        }
        audioId = id;
        kinds[id] = Kind.AUDIO;
        audio.codec(codec);
    }

    /** 33-bit PTS/DTS spread over 5 bytes with marker bits: xxxx TTT1 | T*15 1 | T*15 1. */
    private static long timestamp(byte[] b, int o) {
        return ((long) (b[o] & 0x0E) << 29) | ((b[o + 1] & 0xFFL) << 22) | ((b[o + 2] & 0xFEL) << 14)
                | ((b[o + 3] & 0xFFL) << 7) | ((b[o + 4] & 0xFFL) >> 1);
    }

    /** Places a 33-bit timestamp on the continuous timeline next to the last one (audio and video share it). */
    private long unwrap(long pts33) {
        if (!ptsStarted) {
            ptsStarted = true;
            lastPts = pts33;
            return pts33;
        }
        long delta = (pts33 - lastPts) & PTS_MASK;
        if (delta >= 1L << 32) {
            delta -= 1L << 33;
        }
        lastPts += delta;
        return lastPts;
    }

    /** The video codec, from the PSM or recognised in the data; null before. */
    public Codec videoCodec() {
        return video.codec();
    }

    /** The audio codec, from the PSM or the ADTS syncword; null before. */
    public Codec audioCodec() {
        return audio.codec();
    }

    public long packs() {
        return packs;
    }

    public long systemHeaders() {
        return systemHeaders;
    }

    /** Program stream maps parsed. */
    public long programStreamMaps() {
        return psms;
    }

    /** PES packets of our video and audio streams. */
    public long pesPackets() {
        return pesPackets;
    }

    /** Private stream 1 and 2 packets (0xBD, 0xBF; Hikvision sends its own data in 0xBD), skipped. */
    public long privatePackets() {
        return privatePackets;
    }

    /** Packets of other streams (a second video, a stream type we do not carry, reserved ids), skipped. */
    public long skippedPackets() {
        return skippedPackets;
    }

    /** Bytes thrown away while looking for a start code. */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    /** Times a start code was found only after garbage. */
    public long resyncs() {
        return resyncs;
    }

    /** Pack headers, PES headers and maps that did not parse. */
    public long malformed() {
        return malformed;
    }

    /** Program stream maps over {@link #MAX_PSM_BYTES}, skipped. */
    public long oversizedPsms() {
        return oversizedPsms;
    }

    /** PES packets cut short by {@link #endOfFrame()}. */
    public long truncatedPes() {
        return truncatedPes;
    }

    /** Streams a PSM named with a type we do not carry (MPEG-4 Part 2 video, MPEG audio...). */
    public long unsupportedStreams() {
        return unsupportedStreams;
    }

    /** Times a PSM named another video codec than the NAL unit headers show (the data wins). */
    public long mislabelledVideo() {
        return video.mislabelled();
    }

    /** Times the presentation timeline was re-based after a PTS jump. */
    public long ptsRebases() {
        return timeline.rebases();
    }

    /** Video units dropped because bytes were missing or damaged in them. */
    public long droppedDamagedFrames() {
        return video.droppedDamaged();
    }

    /** Video units dropped for exceeding the frame size limit, or for holding more than 1,024 NAL units. */
    public long droppedOversizeFrames() {
        return video.droppedOversize();
    }

    /** Video units that started in a PES without PTS; timed one frame after the previous. */
    public long untimedFrames() {
        return video.untimedUnits();
    }

    /** Video access-unit assembly counters (emitted, dropped awaiting a keyframe, parameter sets ignored...). */
    public DepacketizerCounters videoCounters() {
        return video.counters();
    }

    /** Audio access units emitted. */
    public long audioUnits() {
        return audio.emitted();
    }

    /** Audio bytes that were no ADTS frame (a join in mid-frame, damage) or that overflowed, dropped. */
    public long audioBytesSkipped() {
        return audio.skippedBytes();
    }

    /** Audio PES whose codec could not be told (no PSM, no ADTS syncword), dropped. */
    public long unknownAudioPes() {
        return audio.unknownPes();
    }
}
