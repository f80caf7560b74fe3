package io.xueliang.ingest.rtsp;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One set-up track, as the depacketiser needs it.
 *
 * @param index        0-based position in {@link RtspSessionListener#onPlaying}'s list; the
 *                     {@code track} argument of {@code onRtp}/{@code onRtcp}/{@code sendRtcp}
 * @param media        {@code video} or {@code audio}
 * @param encodingName upper case: {@code H264}, {@code H265}, {@code MPEG4-GENERIC}, {@code PCMA}, {@code PCMU}
 * @param channels     audio channels, 1 when the SDP says nothing; 0 for video
 * @param fmtp         {@code a=fmtp} parameters, keys lower case ({@code sprop-parameter-sets},
 *                     {@code sprop-vps}, {@code config}, {@code sizelength}...)
 * @param controlUri   the SETUP URL, without userinfo
 * @param announcedSsrc the {@code ssrc=} of the SETUP answer, which the track's packets should
 *                     carry; empty when the camera announced none (or before SETUP)
 */
public record RtspTrack(int index, String media, int payloadType, String encodingName, int clockRate,
                        int channels, Map<String, String> fmtp, URI controlUri, OptionalLong announcedSsrc) {
    public RtspTrack {
        fmtp = Map.copyOf(fmtp);
        Objects.requireNonNull(announcedSsrc, "announcedSsrc");
    }

    /** The same track with the SSRC its SETUP answer announced. */
    public RtspTrack withAnnouncedSsrc(long ssrc) {
        return new RtspTrack(index, media, payloadType, encodingName, clockRate, channels, fmtp, controlUri,
                OptionalLong.of(ssrc & 0xffff_ffffL));
    }

    public boolean isVideo() {
        return media.equals("video");
    }
}
