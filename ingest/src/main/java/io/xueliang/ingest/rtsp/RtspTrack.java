package io.xueliang.ingest.rtsp;

import java.net.URI;
import java.util.Map;

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
 */
public record RtspTrack(int index, String media, int payloadType, String encodingName, int clockRate,
                        int channels, Map<String, String> fmtp, URI controlUri) {
    public RtspTrack {
        fmtp = Map.copyOf(fmtp);
    }

    public boolean isVideo() {
        return media.equals("video");
    }
}
