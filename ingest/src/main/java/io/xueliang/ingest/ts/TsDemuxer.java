package io.xueliang.ingest.ts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pulls the first H.264 or H.265 video stream out of an MPEG-2 transport stream and hands out its
 * access units. Input may arrive in any slices; state carries over between {@link #feed} calls.
 *
 * <pre>
 *  transport packet, 188 bytes:
 *  +------+-----------------------------+-----------+------------------+------------------+
 *  | 0x47 | TEI PUSI PRI  PID (13 bits) | SC AFC CC | [adaptation fld] | payload          |
 *  +------+-----------------------------+-----------+------------------+------------------+
 *  PID 0: PAT -> PMT PID;  PMT: stream_type 0x1B (H.264) / 0x24 (H.265) -> video PID;
 *  video PID: PES packets, each starting in a packet with PUSI set:
 *  00 00 01 | stream_id | length(16) | flags(16) | header_len | PTS(5) [DTS(5)] ... | Annex B bytes
 * </pre>
 *
 * Each PES packet is taken as one access unit, which is how ffmpeg, GStreamer and cameras mux video.
 * PAT and PMT sections are expected to fit one packet (they do for single-program streams).
 * Damage is survived, not fatal: a lost sync byte makes the demuxer skip to the next byte that
 * starts two consecutive packets; a continuity-counter gap or an oversized PES drops the PES in
 * progress. Each case is counted. Not thread-safe.
 */
public final class TsDemuxer {
    public static final int PACKET_SIZE = 188;
    private static final int SYNC = 0x47;

    private final int maxPesBytes;
    private final Consumer<TsAccessUnit> sink;
    private final byte[] carry = new byte[2 * PACKET_SIZE];
    private int carried;

    private int pmtPid = -1;
    private int videoPid = -1;
    private TsVideoType videoType;
    private int lastCc = -1;
    private byte[] pes = new byte[64 * 1024];
    private int pesLength;
    private boolean inPes;

    private long packets;
    private long bytesSkipped;
    private long continuityErrors;
    private long oversizedPes;
    private long malformedPes;

    /**
     * @param maxPesBytes largest PES packet kept; bigger ones are dropped. Bounds memory when a stream
     *     is corrupt or hostile (a PES without an end would otherwise grow without limit); a 1080p
     *     keyframe at camera bitrates stays under 1 MiB, so 4 MiB is a generous choice.
     * @param sink receives access units in stream order
     */
    public TsDemuxer(int maxPesBytes, Consumer<TsAccessUnit> sink) {
        if (maxPesBytes < 1024) {
            throw new IllegalArgumentException("maxPesBytes " + maxPesBytes + " is below 1024");
        }
        this.maxPesBytes = maxPesBytes;
        this.sink = sink;
    }

    /** Demuxes a whole file held in memory. */
    public static List<TsAccessUnit> demuxAll(byte[] ts, int maxPesBytes) {
        List<TsAccessUnit> units = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(maxPesBytes, units::add);
        demuxer.feed(ts, 0, ts.length);
        demuxer.end();
        return units;
    }

    /** Feeds the next bytes of the stream. */
    public void feed(byte[] data, int off, int len) {
        int pos = off;
        int end = off + len;
        // complete a packet started in an earlier call
        while (carried > 0 && pos < end) {
            int need = PACKET_SIZE - carried;
            int n = Math.min(need, end - pos);
            System.arraycopy(data, pos, carry, carried, n);
            carried += n;
            pos += n;
            if (carried < PACKET_SIZE) {
                return;
            }
            if ((carry[0] & 0xFF) == SYNC) {
                packet(carry, 0);
                carried = 0;
            } else {
                // shift to the next possible sync byte inside the carried bytes and go on
                int next = 1;
                while (next < carried && (carry[next] & 0xFF) != SYNC) {
                    next++;
                }
                bytesSkipped += next;
                System.arraycopy(carry, next, carry, 0, carried - next);
                carried -= next;
            }
        }
        while (end - pos >= PACKET_SIZE) {
            // a sync byte counts only when the next packet, if already here, starts with one too
            if ((data[pos] & 0xFF) != SYNC
                    || (end - pos > PACKET_SIZE && (data[pos + PACKET_SIZE] & 0xFF) != SYNC)) {
                int resync = resync(data, pos + 1, end);
                bytesSkipped += resync - pos;
                pos = resync;
                continue;
            }
            packet(data, pos);
            pos += PACKET_SIZE;
        }
        if (pos < end) {
            if ((data[pos] & 0xFF) != SYNC) {
                int resync = resync(data, pos + 1, end);
                bytesSkipped += resync - pos;
                pos = resync;
            }
            System.arraycopy(data, pos, carry, 0, end - pos);
            carried = end - pos;
        }
    }

    /** Finds the next offset holding a sync byte followed by another one a packet later (or by the end of data). */
    private static int resync(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if ((data[i] & 0xFF) == SYNC && (i + PACKET_SIZE >= end || (data[i + PACKET_SIZE] & 0xFF) == SYNC)) {
                return i;
            }
        }
        return end;
    }

    /** Signals the end of the stream: the last PES, which no following PUSI closes, is emitted. */
    public void end() {
        flushPes();
        carried = 0;
    }

    private void packet(byte[] p, int o) {
        packets++;
        if ((p[o + 1] & 0x80) != 0) {
            // transport_error_indicator: the packet is known to be damaged
            dropPes();
            return;
        }
        boolean unitStart = (p[o + 1] & 0x40) != 0;
        int pid = ((p[o + 1] & 0x1F) << 8) | (p[o + 2] & 0xFF);
        int afc = (p[o + 3] >> 4) & 0x3;
        int cc = p[o + 3] & 0x0F;
        int payload = o + 4;
        if ((afc & 0x2) != 0) {
            int adaptationLength = p[o + 4] & 0xFF;
            if (adaptationLength > 183) {
                return;
            }
            payload += 1 + adaptationLength;
        }
        if ((afc & 0x1) == 0 || payload >= o + PACKET_SIZE) {
            return;
        }
        int payloadLength = o + PACKET_SIZE - payload;
        if (pid == 0) {
            if (unitStart) {
                parsePat(p, payload, payloadLength);
            }
        } else if (pid == pmtPid) {
            if (unitStart) {
                parsePmt(p, payload, payloadLength);
            }
        } else if (pid == videoPid) {
            video(p, payload, payloadLength, unitStart, cc);
        }
    }

    private void video(byte[] p, int payload, int length, boolean unitStart, int cc) {
        if (lastCc >= 0 && cc != ((lastCc + 1) & 0xF) && cc != lastCc) {
            continuityErrors++;
            dropPes();
        }
        boolean duplicate = cc == lastCc;
        lastCc = cc;
        if (duplicate) {
            return; // a repeated packet (allowed once by the standard) carries no new data
        }
        if (unitStart) {
            flushPes();
            inPes = true;
            pesLength = 0;
        }
        if (!inPes) {
            return; // continuation of a PES whose start we did not see
        }
        if (pesLength + length > maxPesBytes) {
            oversizedPes++;
            dropPes();
            return;
        }
        if (pesLength + length > pes.length) {
            pes = Arrays.copyOf(pes, Math.min(maxPesBytes, Math.max(pes.length * 2, pesLength + length)));
        }
        System.arraycopy(p, payload, pes, pesLength, length);
        pesLength += length;
    }

    private void dropPes() {
        inPes = false;
        pesLength = 0;
    }

    private void flushPes() {
        if (!inPes) {
            return;
        }
        inPes = false;
        int len = pesLength;
        pesLength = 0;
        byte[] b = pes;
        if (len < 9 || b[0] != 0 || b[1] != 0 || b[2] != 1) {
            malformedPes++;
            return;
        }
        int flags = (b[7] >> 6) & 0x3;
        int headerLength = b[8] & 0xFF;
        int data = 9 + headerLength;
        if (data > len || (flags == 2 && headerLength < 5) || (flags == 3 && headerLength < 10) || flags == 1) {
            malformedPes++;
            return;
        }
        long pts = flags >= 2 ? timestamp(b, 9) : -1;
        long dts = flags == 3 ? timestamp(b, 14) : pts;
        if (pts < 0) {
            malformedPes++;
            return;
        }
        List<byte[]> nals = AnnexB.split(b, data, len - data);
        if (nals.isEmpty()) {
            malformedPes++;
            return;
        }
        boolean keyframe = false;
        for (byte[] nal : nals) {
            keyframe |= videoType.isKeyframeNal(nal[0]);
        }
        sink.accept(new TsAccessUnit(videoType, pts, dts, keyframe, nals));
    }

    /** 33-bit PTS/DTS spread over 5 bytes with marker bits: xxxx TTT1 | T*15 1 | T*15 1. */
    private static long timestamp(byte[] b, int o) {
        return ((long) (b[o] & 0x0E) << 29) | ((b[o + 1] & 0xFFL) << 22) | ((b[o + 2] & 0xFEL) << 14)
                | ((b[o + 3] & 0xFFL) << 7) | ((b[o + 4] & 0xFFL) >> 1);
    }

    private void parsePat(byte[] p, int o, int len) {
        int section = sectionStart(p, o, len, 0x00);
        if (section < 0) {
            return;
        }
        int sectionLength = ((p[section + 1] & 0x0F) << 8) | (p[section + 2] & 0xFF);
        int entries = section + 8;
        int entriesEnd = Math.min(section + 3 + sectionLength - 4, o + len);
        for (int e = entries; e + 4 <= entriesEnd; e += 4) {
            int program = ((p[e] & 0xFF) << 8) | (p[e + 1] & 0xFF);
            if (program != 0) {
                pmtPid = ((p[e + 2] & 0x1F) << 8) | (p[e + 3] & 0xFF);
                return;
            }
        }
    }

    private void parsePmt(byte[] p, int o, int len) {
        int section = sectionStart(p, o, len, 0x02);
        if (section < 0 || videoPid >= 0) {
            return;
        }
        int sectionLength = ((p[section + 1] & 0x0F) << 8) | (p[section + 2] & 0xFF);
        int end = Math.min(section + 3 + sectionLength - 4, o + len);
        int programInfoLength = ((p[section + 10] & 0x0F) << 8) | (p[section + 11] & 0xFF);
        int e = section + 12 + programInfoLength;
        while (e + 5 <= end) {
            int streamType = p[e] & 0xFF;
            int pid = ((p[e + 1] & 0x1F) << 8) | (p[e + 2] & 0xFF);
            int esInfoLength = ((p[e + 3] & 0x0F) << 8) | (p[e + 4] & 0xFF);
            TsVideoType type = TsVideoType.of(streamType);
            if (type != null) {
                videoPid = pid;
                videoType = type;
                return;
            }
            e += 5 + esInfoLength;
        }
    }

    /** Offset of a section with the given table id after the pointer field, or -1 when it does not fit. */
    private static int sectionStart(byte[] p, int o, int len, int tableId) {
        int pointer = p[o] & 0xFF;
        int section = o + 1 + pointer;
        if (section + 12 > o + len || (p[section] & 0xFF) != tableId) {
            return -1;
        }
        return section;
    }

    /** The video codec, once the PMT has been seen; null before. */
    public TsVideoType videoType() {
        return videoType;
    }

    public long packets() {
        return packets;
    }

    /** Bytes thrown away while looking for the sync byte. */
    public long bytesSkipped() {
        return bytesSkipped;
    }

    public long continuityErrors() {
        return continuityErrors;
    }

    public long oversizedPes() {
        return oversizedPes;
    }

    public long malformedPes() {
        return malformedPes;
    }
}
