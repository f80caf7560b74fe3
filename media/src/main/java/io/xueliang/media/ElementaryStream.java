package io.xueliang.media;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An H.264 or H.265 elementary stream in the Annex-B byte-stream format (ITU-T H.264 Annex B, H.265 Annex B), as
 * an encoder such as ffmpeg writes it ({@code -f h264}, {@code -f hevc}), cut into access units the way ingest
 * hands them over: 4-byte NAL lengths, access unit delimiters dropped, in-band parameter sets kept. For generated
 * test and benchmark video; camera video comes through ingest's depacketisers.
 */
public final class ElementaryStream {
    /** Larger streams are refused: generated clips are a few megabytes. */
    public static final int MAX_BYTES = 256 << 20;

    private ElementaryStream() {
    }

    /**
     * The access units of {@code annexB}, a new one at each first slice of a picture or at what must start one
     * (H.264 §7.4.1.2.3: AUD, SPS, PPS, SEI; H.265 §7.4.2.4.4: VPS, SPS, PPS, AUD, prefix SEI), timed at
     * {@code frameTicks} 90 kHz ticks apart from {@code firstPts} and {@code firstWallClock}. The description holds
     * the stream's first parameter sets.
     *
     * @throws IllegalArgumentException when the stream is too large or has no parameter sets
     */
    public static List<AccessUnit> accessUnits(CameraId camera, Codec codec, byte[] annexB, int width, int height,
            long firstPts, int frameTicks, Instant firstWallClock) {
        if (codec != Codec.H264 && codec != Codec.H265) {
            throw new IllegalArgumentException("not a video codec with Annex-B streams: " + codec);
        }
        if (annexB.length > MAX_BYTES) {
            throw new IllegalArgumentException(annexB.length + " bytes, more than " + MAX_BYTES);
        }
        boolean h264 = codec == Codec.H264;
        List<List<byte[]>> aus = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean currentHasVcl = false;
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : nalUnits(annexB)) {
            int type = type(h264, nal);
            boolean vcl = h264 ? type >= 1 && type <= 5 : type < 32;
            int firstSliceByte = h264 ? 1 : 2;
            boolean firstSlice = vcl && nal.length > firstSliceByte && (nal[firstSliceByte] & 0x80) != 0;
            boolean startsAu = h264 ? type == 9 || type == 7 || type == 8 || type == 6
                    : type >= 32 && type <= 35 || type == 39;
            if (currentHasVcl && (firstSlice || startsAu)) {
                aus.add(current);
                current = new ArrayList<>();
                currentHasVcl = false;
            }
            if (h264 ? type == 7 : type == 33) {
                sps = sps == null ? nal : sps;
            } else if (h264 ? type == 8 : type == 34) {
                pps = pps == null ? nal : pps;
            } else if (!h264 && type == 32) {
                vps = vps == null ? nal : vps;
            }
            if (h264 ? type == 9 : type == 35) {
                continue; // access unit delimiters are dropped, as ingest does
            }
            current.add(nal);
            currentHasVcl |= vcl;
        }
        if (currentHasVcl) {
            aus.add(current);
        }
        if (sps == null || pps == null || (!h264 && vps == null)) {
            throw new IllegalArgumentException("the stream holds no " + (h264 ? "SPS and PPS" : "VPS, SPS and PPS"));
        }
        StreamDescription d = h264 ? StreamDescription.h264(List.of(sps), List.of(pps), width, height)
                : StreamDescription.h265(List.of(vps), List.of(sps), List.of(pps), width, height);
        List<AccessUnit> units = new ArrayList<>(aus.size());
        for (int i = 0; i < aus.size(); i++) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            boolean key = false;
            for (byte[] nal : aus.get(i)) {
                int type = type(h264, nal);
                key |= h264 ? type == 5 : type >= 16 && type <= 23;
                payload.writeBytes(new byte[] {(byte) (nal.length >>> 24), (byte) (nal.length >>> 16),
                        (byte) (nal.length >>> 8), (byte) nal.length});
                payload.writeBytes(nal);
            }
            long ticks = (long) i * frameTicks;
            units.add(AccessUnit.handOver(camera, d, firstPts + ticks, firstWallClock.plusNanos(ticks * 100_000 / 9),
                    key, payload.toByteArray()));
        }
        return List.copyOf(units);
    }

    /** The NAL units between start codes (3 or 4 bytes), without them; empty ones left out. */
    public static List<byte[]> nalUnits(byte[] b) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> codeStarts = new ArrayList<>();
        for (int i = 0; i + 2 < b.length; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                codeStarts.add(i > 0 && b[i - 1] == 0 ? i - 1 : i);
                starts.add(i + 3);
                i += 2;
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? codeStarts.get(k + 1) : b.length;
            if (end > starts.get(k)) {
                out.add(Arrays.copyOfRange(b, starts.get(k), end));
            }
        }
        return out;
    }

    private static int type(boolean h264, byte[] nal) {
        return h264 ? nal[0] & 0x1f : (nal[0] >> 1) & 0x3f;
    }
}
