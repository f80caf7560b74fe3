package io.xueliang.ingest.ps;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Multiplexes access units into an MPEG-2 program stream the way GB/T 28181 devices send it, one frame per call:
 *
 * <pre>
 *  keyframe:    pack header | system header | PSM | PES E0 (PTS, DTS) | PES E0 | ...  (one PES per maxPesPayload)
 *  other frame: pack header | PES E0 (PTS, DTS) | PES E0 | ...
 *  audio frame: pack header | PES C0 (PTS, DTS)                                      (AAC with its ADTS header)
 * </pre>
 *
 * Video goes out in Annex B with 4-byte start codes; a keyframe whose unit lacks parameter sets gets those of its
 * description. The pack's SCR is the frame's PTS. For our device simulator and for cascading to a superior platform.
 * Not thread-safe.
 */
public final class PsMuxer {
    /** Video stream id of GB devices. */
    public static final int VIDEO_STREAM_ID = 0xE0;
    /** Audio stream id of GB devices. */
    public static final int AUDIO_STREAM_ID = 0xC0;
    /** PES payload that fits the 16-bit PES length with a PTS and DTS header (65,535 - 3 - 10). */
    public static final int MAX_PES_PAYLOAD = 65_522;
    /** program_mux_rate in units of 50 bytes/s: 5 Mbit/s, a ceiling for camera streams (decoders ignore it). */
    private static final int MUX_RATE = 12_500;
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private final Codec videoCodec;
    private final Codec audioCodec;
    private final int maxPesPayload;

    /** As {@link #PsMuxer(Codec, Codec, int)} with {@link #MAX_PES_PAYLOAD}. */
    public PsMuxer(Codec videoCodec, Codec audioCodec) {
        this(videoCodec, audioCodec, MAX_PES_PAYLOAD);
    }

    /**
     * @param videoCodec {@link Codec#H264} or {@link Codec#H265}
     * @param audioCodec {@link Codec#AAC}, {@link Codec#PCMA}, {@link Codec#PCMU}, or null for video only
     * @param maxPesPayload video bytes per PES; a larger frame is split over several PES (only the first with PTS)
     */
    public PsMuxer(Codec videoCodec, Codec audioCodec, int maxPesPayload) {
        if (videoCodec == null || !videoCodec.isVideo()) {
            throw new IllegalArgumentException("not a video codec: " + videoCodec);
        }
        if (audioCodec != null && audioCodec.isVideo()) {
            throw new IllegalArgumentException("not an audio codec: " + audioCodec);
        }
        if (maxPesPayload < 16 || maxPesPayload > MAX_PES_PAYLOAD) {
            throw new IllegalArgumentException("maxPesPayload " + maxPesPayload + " is not in [16, " + MAX_PES_PAYLOAD
                    + "]");
        }
        this.videoCodec = videoCodec;
        this.audioCodec = audioCodec;
        this.maxPesPayload = maxPesPayload;
    }

    /**
     * The program stream bytes of one access unit.
     *
     * @throws IllegalArgumentException for a unit of a codec this muxer was not made for
     */
    public byte[] mux(AccessUnit unit) {
        Objects.requireNonNull(unit, "unit");
        Codec codec = unit.codec();
        ByteArrayOutputStream out = new ByteArrayOutputStream(unit.size() + 128);
        long pts = unit.pts90k();
        writePackHeader(out, pts);
        if (codec == videoCodec) {
            if (unit.isKeyframe()) {
                writeSystemHeader(out);
                writeProgramStreamMap(out);
            }
            byte[] es = annexB(unit);
            for (int off = 0; off < es.length; off += maxPesPayload) {
                writePes(out, VIDEO_STREAM_ID, off == 0, pts, es, off, Math.min(maxPesPayload, es.length - off));
            }
        } else if (codec == audioCodec) {
            byte[] es = codec == Codec.AAC ? adts(unit) : unit.copyPayload();
            if (es.length > MAX_PES_PAYLOAD) {
                throw new IllegalArgumentException("audio unit of " + es.length + " bytes does not fit one PES");
            }
            writePes(out, AUDIO_STREAM_ID, true, pts, es, 0, es.length);
        } else {
            throw new IllegalArgumentException("this muxer carries " + videoCodec
                    + (audioCodec == null ? "" : " and " + audioCodec) + ", not " + codec);
        }
        return out.toByteArray();
    }

    /** A pack header, system header and PSM: what starts a keyframe, alone (for tests of audio without video). */
    byte[] streamHeaders(long scr90k) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writePackHeader(out, scr90k);
        writeSystemHeader(out);
        writeProgramStreamMap(out);
        return out.toByteArray();
    }

    /** Length-prefixed NAL units to Annex B; parameter sets from the description before a keyframe lacking them. */
    private byte[] annexB(AccessUnit unit) {
        ByteBuffer p = unit.payload();
        List<byte[]> nals = new ArrayList<>();
        boolean hasSps = false;
        while (p.remaining() >= 4) {
            int n = p.getInt();
            if (n <= 0 || n > p.remaining()) {
                throw new IllegalArgumentException("access unit payload is not length-prefixed NAL units");
            }
            byte[] nal = new byte[n];
            p.get(nal);
            int type = videoCodec == Codec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
            hasSps |= videoCodec == Codec.H264 ? type == 7 : type == 33;
            nals.add(nal);
        }
        ByteArrayOutputStream es = new ByteArrayOutputStream(unit.size() + 64);
        if (unit.isKeyframe() && !hasSps) {
            StreamDescription d = unit.description();
            for (List<byte[]> sets : List.of(d.vps(), d.sps(), d.pps())) {
                for (byte[] nal : sets) {
                    es.writeBytes(START_CODE);
                    es.writeBytes(nal);
                }
            }
        }
        for (byte[] nal : nals) {
            es.writeBytes(START_CODE);
            es.writeBytes(nal);
        }
        return es.toByteArray();
    }

    /** A raw AAC frame with the 7-byte ADTS header its AudioSpecificConfig implies. */
    private static byte[] adts(AccessUnit unit) {
        byte[] asc = unit.description().audioConfig();
        if (asc.length < 2) {
            throw new IllegalArgumentException("AAC unit without an AudioSpecificConfig");
        }
        int objectType = (asc[0] & 0xFF) >> 3;
        int rateIndex = ((asc[0] & 0x07) << 1) | ((asc[1] & 0xFF) >> 7);
        int channels = (asc[1] >> 3) & 0x0F;
        byte[] raw = unit.copyPayload();
        int length = raw.length + 7;
        if (objectType < 1 || objectType > 4 || rateIndex > 12 || length > 8191) {
            throw new IllegalArgumentException("AAC unit that ADTS cannot carry (object type " + objectType
                    + ", rate index " + rateIndex + ", " + length + " bytes)");
        }
        byte[] out = new byte[length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xF1; // MPEG-4, layer 0, no CRC
        out[2] = (byte) (((objectType - 1) << 6) | (rateIndex << 2) | (channels >> 2));
        out[3] = (byte) (((channels & 3) << 6) | (length >> 11));
        out[4] = (byte) (length >> 3);
        out[5] = (byte) (((length & 7) << 5) | 0x1F);
        out[6] = (byte) 0xFC; // buffer fullness 0x7FF (variable rate), one raw data block
        System.arraycopy(raw, 0, out, 7, raw.length);
        return out;
    }

    private static void writePackHeader(ByteArrayOutputStream out, long scr90k) {
        long scr = scr90k & ((1L << 33) - 1);
        out.writeBytes(new byte[] {0, 0, 1, (byte) 0xBA,
            (byte) (0x44 | ((scr >> 27) & 0x38) | ((scr >> 28) & 0x03)),
            (byte) (scr >> 20),
            (byte) (((scr >> 12) & 0xF8) | 0x04 | ((scr >> 13) & 0x03)),
            (byte) (scr >> 5),
            (byte) (((scr << 3) & 0xF8) | 0x04), // SCR extension 0
            (byte) 0x01,
            (byte) (MUX_RATE >> 14), (byte) (MUX_RATE >> 6), (byte) (((MUX_RATE << 2) & 0xFC) | 0x03),
            (byte) 0xF8}); // reserved, no stuffing
    }

    private void writeSystemHeader(ByteArrayOutputStream out) {
        int streams = audioCodec == null ? 1 : 2;
        int length = 6 + 3 * streams;
        out.writeBytes(new byte[] {0, 0, 1, (byte) 0xBB, 0, (byte) length,
            (byte) (0x80 | (MUX_RATE >> 15)), (byte) (MUX_RATE >> 7), (byte) (((MUX_RATE << 1) & 0xFE) | 0x01),
            (byte) ((audioCodec == null ? 0 : 1) << 2), // audio_bound, fixed 0, CSPS 0
            (byte) 0xE1, // audio lock, video lock, marker, video_bound 1
            (byte) 0xFF, // packet_rate_restriction, reserved
            (byte) VIDEO_STREAM_ID, (byte) (0xE0 | 0x20 | 0x04), 0x00}); // buffer bound 1024 x 1 KiB
        if (audioCodec != null) {
            out.writeBytes(new byte[] {(byte) AUDIO_STREAM_ID, (byte) 0xC0, 0x20}); // 32 x 128 bytes
        }
    }

    private void writeProgramStreamMap(ByteArrayOutputStream out) {
        ByteArrayOutputStream map = new ByteArrayOutputStream();
        map.writeBytes(new byte[] {(byte) PsStreamType.of(videoCodec).value(), (byte) VIDEO_STREAM_ID, 0, 0});
        if (audioCodec != null) {
            map.writeBytes(new byte[] {(byte) PsStreamType.of(audioCodec).value(), (byte) AUDIO_STREAM_ID, 0, 0});
        }
        int mapLength = map.size();
        int length = 6 + mapLength + 4;
        byte[] psm = new byte[6 + length];
        psm[2] = 1;
        psm[3] = (byte) 0xBC;
        psm[4] = (byte) (length >> 8);
        psm[5] = (byte) length;
        psm[6] = (byte) 0xE0; // current_next_indicator, reserved, version 0
        psm[7] = (byte) 0xFF; // reserved, marker
        psm[10] = (byte) (mapLength >> 8);
        psm[11] = (byte) mapLength;
        System.arraycopy(map.toByteArray(), 0, psm, 12, mapLength);
        int crc = crc32Mpeg(psm, 0, 12 + mapLength);
        int c = 12 + mapLength;
        psm[c] = (byte) (crc >>> 24);
        psm[c + 1] = (byte) (crc >>> 16);
        psm[c + 2] = (byte) (crc >>> 8);
        psm[c + 3] = (byte) crc;
        out.writeBytes(psm);
    }

    private static void writePes(ByteArrayOutputStream out, int streamId, boolean withPts, long pts90k, byte[] es,
            int off, int len) {
        int headerData = withPts ? 10 : 0;
        int length = 3 + headerData + len;
        out.writeBytes(new byte[] {0, 0, 1, (byte) streamId, (byte) (length >> 8), (byte) length,
            (byte) 0x80, (byte) (withPts ? 0xC0 : 0x00), (byte) headerData});
        if (withPts) {
            writeTimestamp(out, 0x3, pts90k);
            writeTimestamp(out, 0x1, pts90k);
        }
        out.write(es, off, len);
    }

    /** 33-bit PTS/DTS over 5 bytes: prefix(4) T[32..30] 1 | T[29..15] 1 | T[14..0] 1. */
    private static void writeTimestamp(ByteArrayOutputStream out, int prefix, long t90k) {
        long t = t90k & ((1L << 33) - 1);
        out.writeBytes(new byte[] {(byte) ((prefix << 4) | ((t >> 29) & 0x0E) | 1), (byte) (t >> 22),
            (byte) (((t >> 14) & 0xFE) | 1), (byte) (t >> 7), (byte) (((t << 1) & 0xFE) | 1)});
    }

    /** CRC-32/MPEG-2 (polynomial 0x04C11DB7, initial all ones, no reflection), as PSI sections use. */
    static int crc32Mpeg(byte[] b, int off, int len) {
        int crc = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= (b[i] & 0xFF) << 24;
            for (int k = 0; k < 8; k++) {
                crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}
