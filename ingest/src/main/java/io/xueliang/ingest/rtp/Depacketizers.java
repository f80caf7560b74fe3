package io.xueliang.ingest.rtp;

import io.xueliang.ingest.rtp.aac.AacDepacketizer;
import io.xueliang.ingest.rtp.g711.G711Depacketizer;
import io.xueliang.ingest.rtp.h264.H264Depacketizer;
import io.xueliang.ingest.rtp.h265.H265Depacketizer;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Picks the depacketiser for an SDP track's encoding name (a=rtpmap). */
public final class Depacketizers {
    private Depacketizers() {
    }

    /**
     * The encoding of a static payload type that SDP may announce without a=rtpmap (RFC 3551
     * table 4), or null when the type is dynamic or not one we carry.
     */
    public static String staticEncoding(int payloadType) {
        return switch (payloadType) {
            case 0 -> "PCMU";
            case 8 -> "PCMA";
            default -> null;
        };
    }

    /**
     * @param encodingName       the a=rtpmap encoding name, any case: H264, H265 (or HEVC),
     *                           MPEG4-GENERIC, PCMA, PCMU
     * @param clockRate          the a=rtpmap clock rate
     * @param channels           the a=rtpmap channel count (1 when absent)
     * @param fmtp               the a=fmtp parameters (empty when absent)
     * @param maxAccessUnitBytes size above which an access unit is dropped; prevents memory
     *                           exhaustion by a hostile camera
     * @throws UnsupportedPayloadException for an encoding or fmtp we do not handle
     */
    public static Depacketizer create(CameraId camera, String encodingName, int clockRate, int channels,
            Map<String, String> fmtp, int maxAccessUnitBytes, Consumer<AccessUnit> sink) {
        Map<String, String> params = fmtp == null ? Map.of() : fmtp;
        return switch (encodingName.toUpperCase(Locale.ROOT)) {
            case "H264" -> new H264Depacketizer(camera, clockRate, params, maxAccessUnitBytes, sink);
            case "H265", "HEVC" -> new H265Depacketizer(camera, clockRate, params, maxAccessUnitBytes, sink);
            case "MPEG4-GENERIC" -> new AacDepacketizer(camera, clockRate, params, maxAccessUnitBytes, sink);
            case "PCMA" -> new G711Depacketizer(camera, Codec.PCMA, clockRate, Math.max(1, channels),
                    maxAccessUnitBytes, sink);
            case "PCMU" -> new G711Depacketizer(camera, Codec.PCMU, clockRate, Math.max(1, channels),
                    maxAccessUnitBytes, sink);
            default -> throw new UnsupportedPayloadException(encodingName, null, null);
        };
    }
}
