package io.xueliang.ingest.simulator;

import io.xueliang.media.Codec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The SDP (RFC 8866) a simulated camera answers DESCRIBE with: one video track, payload type 96,
 * parameter sets out of band as RFC 6184 / RFC 7798 define them.
 * <pre>
 *  m=video 0 RTP/AVP 96
 *  a=rtpmap:96 H264/90000
 *  a=fmtp:96 packetization-mode=1;profile-level-id=4d401f;sprop-parameter-sets=Z00AH...,aO48gA==
 *  a=framerate:25
 *  a=control:trackID=0
 * </pre>
 */
final class SdpDescription {
    static final String TRACK = "trackID=0";

    private SdpDescription() {
    }

    static String build(SimulatorSource source, String cameraName, long sessionId, String address) {
        StringBuilder s = new StringBuilder(512);
        s.append("v=0\r\n");
        s.append("o=- ").append(sessionId).append(" 1 IN IP4 ").append(address).append("\r\n");
        s.append("s=").append(cameraName).append("\r\n");
        s.append("c=IN IP4 0.0.0.0\r\n");
        s.append("t=0 0\r\n");
        s.append("a=control:*\r\n");
        s.append("a=range:npt=0-\r\n");
        s.append("m=video 0 RTP/AVP ").append(CameraSession.PAYLOAD_TYPE).append("\r\n");
        List<byte[]> ps = source.parameterSets();
        Base64.Encoder b64 = Base64.getEncoder();
        if (source.codec() == Codec.H264) {
            s.append("a=rtpmap:96 H264/90000\r\n");
            byte[] sps = ps.get(0);
            s.append("a=fmtp:96 packetization-mode=1;profile-level-id=")
                    .append(HexFormat.of().formatHex(sps, 1, Math.min(4, sps.length)))
                    .append(";sprop-parameter-sets=").append(b64.encodeToString(sps)).append(',')
                    .append(b64.encodeToString(ps.get(1))).append("\r\n");
        } else {
            s.append("a=rtpmap:96 H265/90000\r\n");
            s.append("a=fmtp:96 sprop-vps=").append(b64.encodeToString(ps.get(0)))
                    .append(";sprop-sps=").append(b64.encodeToString(ps.get(1)))
                    .append(";sprop-pps=").append(b64.encodeToString(ps.get(2))).append("\r\n");
        }
        s.append("a=framerate:").append(source.framesPerSecond()).append("\r\n");
        s.append("a=control:").append(TRACK).append("\r\n");
        return s.toString();
    }
}
