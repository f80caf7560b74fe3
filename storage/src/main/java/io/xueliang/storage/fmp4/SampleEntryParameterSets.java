package io.xueliang.storage.fmp4;

import io.xueliang.media.StreamDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parameter sets of a video track, read back from its {@code stsd} ({@link TrackInfo#descriptions()}): the
 * {@code avcC} (ISO/IEC 14496-15 §5.3.3) or {@code hvcC} (§8.3.3) box inside its sample entry, so that samples read
 * from a recording can be decoded (or muxed into a stream) on their own.
 *
 * <pre>
 *  avcC: version profile compat level | 111111 lengthSize-1 | 111 numSps | (u16 len, SPS)* | numPps | (u16 len, PPS)*
 *  hvcC: 22 bytes of profile and flags | numArrays | (type, u16 numNalus, (u16 len, NAL)*)*   type 32 VPS 33 SPS 34 PPS
 * </pre>
 */
public final class SampleEntryParameterSets {
    private static final int VPS = 32;
    private static final int SPS = 33;
    private static final int PPS = 34;

    private SampleEntryParameterSets() {
    }

    /**
     * The description of the first sample entry; empty when it is neither {@code avc1}/{@code avc3} with an
     * {@code avcC} nor {@code hvc1}/{@code hev1} with an {@code hvcC}, or the box is cut short.
     */
    public static Optional<StreamDescription> of(TrackInfo track) {
        byte[] d = track.descriptions();
        int width = (int) (track.width() >>> 16);
        int height = (int) (track.height() >>> 16);
        try {
            int avcc = box(d, "avcC");
            if (avcc >= 0) {
                return Optional.of(avc(d, avcc, width, height));
            }
            int hvcc = box(d, "hvcC");
            if (hvcc >= 0) {
                return Optional.of(hevc(d, hvcc, width, height));
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Where the box's content starts (after its size and type), or -1. */
    private static int box(byte[] d, String type) {
        for (int i = 4; i + 4 <= d.length; i++) {
            if (d[i] == type.charAt(0) && d[i + 1] == type.charAt(1) && d[i + 2] == type.charAt(2)
                    && d[i + 3] == type.charAt(3)) {
                return i + 4;
            }
        }
        return -1;
    }

    private static StreamDescription avc(byte[] d, int p, int width, int height) {
        int at = p + 5;
        int sets = d[at++] & 0x1f;
        List<byte[]> sps = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            int n = u16(d, at);
            sps.add(slice(d, at + 2, n));
            at += 2 + n;
        }
        sets = d[at++] & 0xff;
        List<byte[]> pps = new ArrayList<>();
        for (int i = 0; i < sets; i++) {
            int n = u16(d, at);
            pps.add(slice(d, at + 2, n));
            at += 2 + n;
        }
        return StreamDescription.h264(sps, pps, width, height);
    }

    private static StreamDescription hevc(byte[] d, int p, int width, int height) {
        int at = p + 22;
        int arrays = d[at++] & 0xff;
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (int a = 0; a < arrays; a++) {
            int type = d[at] & 0x3f;
            int count = u16(d, at + 1);
            at += 3;
            for (int i = 0; i < count; i++) {
                int n = u16(d, at);
                byte[] nal = slice(d, at + 2, n);
                at += 2 + n;
                switch (type) {
                    case VPS -> vps.add(nal);
                    case SPS -> sps.add(nal);
                    case PPS -> pps.add(nal);
                    default -> { }
                }
            }
        }
        return StreamDescription.h265(vps, sps, pps, width, height);
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    private static byte[] slice(byte[] d, int from, int n) {
        if (from + n > d.length) {
            throw new ArrayIndexOutOfBoundsException("parameter set past the box");
        }
        byte[] out = new byte[n];
        System.arraycopy(d, from, out, 0, n);
        return out;
    }
}
