package io.xueliang.storage.fmp4;

import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The RFC 6381 {@code codecs} value of a video track, as a browser's {@code MediaSource.isTypeSupported} and
 * {@code addSourceBuffer} take it: {@code avc1.PPCCLL} from the H.264 SPS (ISO/IEC 14496-15 §5.4.1), {@code
 * hvc1.P.C.TL.B} from the H.265 SPS's profile_tier_level (ISO/IEC 14496-15 Annex E).
 */
public final class MseCodecs {
    private MseCodecs() {
    }

    /**
     * @throws UnsupportedStreamException when the track is not H.264 or H.265 or its SPS is missing or unreadable
     */
    public static String of(StreamDescription video) {
        if (video.sps().isEmpty()) {
            throw new UnsupportedStreamException(video, "no SPS to name the codec from");
        }
        byte[] sps = video.sps().get(0);
        if (video.codec() == Codec.H264) {
            if (sps.length < 4) {
                throw new UnsupportedStreamException(video, "H.264 SPS too short");
            }
            return "avc1." + HexFormat.of().formatHex(sps, 1, 4);
        }
        if (video.codec() != Codec.H265) {
            throw new UnsupportedStreamException(video, "live video is H.264 or H.265");
        }
        byte[] ptl;
        try {
            ptl = HevcDecoderConfigurationRecord.SpsFields.parse(sps).profileTierLevel();
        } catch (IllegalArgumentException e) {
            throw new UnsupportedStreamException(video, "H.265 SPS unreadable: " + e.getMessage());
        }
        int space = (ptl[0] >> 6) & 3;
        boolean highTier = (ptl[0] & 0x20) != 0;
        int profile = ptl[0] & 0x1f;
        long compatibility = ((ptl[1] & 0xffL) << 24) | ((ptl[2] & 0xffL) << 16) | ((ptl[3] & 0xffL) << 8)
                | (ptl[4] & 0xffL);
        StringBuilder s = new StringBuilder("hvc1.");
        if (space > 0) {
            s.append((char) ('A' + space - 1));
        }
        s.append(profile).append('.')
                .append(Long.toHexString(Integer.reverse((int) compatibility) & 0xffffffffL).toUpperCase(Locale.ROOT))
                .append('.').append(highTier ? 'H' : 'L').append(ptl[11] & 0xff);
        int last = 10;
        while (last >= 5 && ptl[last] == 0) {
            last--;
        }
        for (int i = 5; i <= last; i++) {
            s.append('.').append(HexFormat.of().withUpperCase().toHexDigits(ptl[i]));
        }
        return s.toString();
    }
}
