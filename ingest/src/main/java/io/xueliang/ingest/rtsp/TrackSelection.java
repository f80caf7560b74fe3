package io.xueliang.ingest.rtsp;

import io.xueliang.ingest.rtsp.auth.Credentials;
import io.xueliang.ingest.sdp.ControlUrl;
import io.xueliang.ingest.sdp.MediaDescription;
import io.xueliang.ingest.sdp.RtpMap;
import io.xueliang.ingest.sdp.SessionDescription;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Picks the tracks worth a SETUP from a DESCRIBE answer: H.264/H.265 video and AAC
 * ({@code MPEG4-GENERIC}), PCMA or PCMU audio. ONVIF metadata, JPEG and other codecs are skipped.
 */
final class TrackSelection {
    static final Set<String> VIDEO = Set.of("H264", "H265");
    static final Set<String> AUDIO = Set.of("MPEG4-GENERIC", "PCMA", "PCMU");

    private TrackSelection() {
    }

    static List<RtspTrack> select(SessionDescription sdp, URI base) {
        List<RtspTrack> tracks = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            Optional<Integer> pt = m.firstPayloadType();
            if (pt.isEmpty()) {
                continue;
            }
            Optional<RtpMap> map = m.rtpMap(pt.get());
            if (map.isEmpty()) {
                continue;
            }
            String encoding = map.get().encodingName();
            boolean usable = (m.media().equals("video") && VIDEO.contains(encoding))
                    || (m.media().equals("audio") && AUDIO.contains(encoding));
            if (!usable) {
                continue;
            }
            int channels = m.media().equals("audio") ? map.get().channels().orElse(1) : 0;
            tracks.add(new RtspTrack(tracks.size(), m.media(), pt.get(), encoding, map.get().clockRate(), channels,
                    m.fmtp(pt.get()), Credentials.withoutUserInfo(ControlUrl.resolve(base, m.control())),
                    OptionalLong.empty()));
        }
        return tracks;
    }
}
