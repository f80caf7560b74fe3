package io.xueliang.ingest.rtp.h264;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.BitReader;
import io.xueliang.ingest.rtp.FormatParameters;
import io.xueliang.ingest.rtp.NalUnitDepacketizer;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.UnsupportedPayloadException;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * H.264 depacketiser (RFC 6184, packetization-mode 0 and 1): single NAL unit packets (types
 * 1-23), STAP-A (24) and FU-A (28). STAP-B, MTAP16/24 and FU-B belong to the interleaved mode,
 * which SDP negotiation excludes; if a camera sends them anyway they are counted and the unit
 * they belong to is treated as damaged.
 *
 * <pre>
 * NAL header:  |F|NRI|  Type   |
 * STAP-A:      [24] [size 16][NAL] [size 16][NAL] ...
 * FU-A:        [F NRI 28] [S E R Type] [fragment ...]
 * </pre>
 *
 * <p>Keyframe means the unit holds an IDR slice (type 5). Parameter sets come from
 * {@code sprop-parameter-sets} and from the stream.
 */
public final class H264Depacketizer extends NalUnitDepacketizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    /**
     * @param clockRate          the track's RTP clock rate (90000 for H.264)
     * @param fmtp               SDP format parameters; {@code sprop-parameter-sets} and
     *                           {@code packetization-mode} are read
     * @param maxAccessUnitBytes size above which an access unit is dropped; prevents memory
     *                           exhaustion by a hostile or broken camera
     * @throws UnsupportedPayloadException for packetization-mode 2 (interleaved)
     */
    public H264Depacketizer(CameraId camera, int clockRate, Map<String, String> fmtp, int maxAccessUnitBytes,
            Consumer<AccessUnit> sink) {
        super(camera, clockRate, maxAccessUnitBytes, sink);
        FormatParameters params = new FormatParameters(fmtp);
        int mode = params.getInt("H264", "packetization-mode", 0, 0, 2);
        if (mode == 2) {
            throw new UnsupportedPayloadException("H264", "packetization-mode", "2");
        }
        byte[] sps = null;
        byte[] pps = null;
        String sprop = params.get("sprop-parameter-sets");
        if (sprop != null) {
            for (String part : sprop.split(",")) {
                byte[] nal = decodeBase64(part.trim());
                if (nal == null || nal.length == 0) {
                    continue;
                }
                int type = nal[0] & 0x1f;
                if (type == 7 && sps == null) {
                    sps = nal;
                } else if (type == 8 && pps == null) {
                    pps = nal;
                }
            }
        }
        initParameterSets(null, sps, pps);
    }

    /** Base64 from SDP; cameras are inconsistent about padding, so an invalid one is skipped. */
    private static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void depacketize(ByteBuf payload) {
        int pos = payload.readerIndex();
        int end = payload.writerIndex();
        if (end - pos < 1) {
            throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, 1, 0, "H.264 payload");
        }
        int header = payload.getUnsignedByte(pos);
        int type = header & 0x1f;
        if (type >= 1 && type <= 23) {
            addNal(payload, pos, end - pos);
        } else if (type == STAP_A) {
            pos++;
            while (pos < end) {
                int size = aggregatedSize(payload, pos, end);
                addNal(payload, pos + 2, size);
                pos += 2 + size;
            }
        } else if (type == FU_A) {
            if (end - pos < 2) {
                throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, 2, end - pos, "FU-A header");
            }
            int fu = payload.getUnsignedByte(pos + 1);
            boolean start = (fu & 0x80) != 0;
            boolean last = (fu & 0x40) != 0;
            if (start) {
                startFragment((header & 0xe0) | (fu & 0x1f), -1, payload, pos + 2, end - pos - 2);
                if (last) {
                    continueFragment(payload, end, 0, true);
                }
            } else {
                continueFragment(payload, pos + 2, end - pos - 2, last);
            }
        } else {
            // 0, 30, 31 reserved; 25 STAP-B, 26 MTAP16, 27 MTAP24, 29 FU-B: interleaved mode only.
            ignorePacket();
        }
    }

    @Override
    protected NalKind classify(byte[] nal, int offset, int length) {
        return switch (nal[offset] & 0x1f) {
            case 5 -> NalKind.KEYFRAME;
            case 7 -> NalKind.SPS;
            case 8 -> NalKind.PPS;
            case 9 -> NalKind.DELIMITER;
            default -> NalKind.OTHER;
        };
    }

    @Override
    protected int nalHeaderBytes() {
        return 1;
    }

    /**
     * An SPS parses to its fields ({@link H264SpsParser.Sps}); a PPS must start with a
     * {@code pic_parameter_set_id} (0-255) and a {@code seq_parameter_set_id} (0-31), §7.3.2.2.
     */
    @Override
    protected Object parseParameterSet(NalKind kind, byte[] nal) {
        try {
            return switch (kind) {
                case SPS -> H264SpsParser.parse(nal);
                case PPS -> {
                    BitReader r = new BitReader(BitReader.unescapeRbsp(nal, 1, nal.length - 1));
                    r.readUe(255, "pic_parameter_set_id");
                    r.readUe(31, "seq_parameter_set_id");
                    yield Boolean.TRUE;
                }
                default -> null;
            };
        } catch (RtpFormatException e) {
            return null;
        }
    }

    @Override
    protected StreamDescription describe(byte[] vps, byte[] sps, byte[] pps) {
        int width = 0;
        int height = 0;
        if (sps != null) {
            try {
                H264SpsParser.Sps parsed = H264SpsParser.parse(sps);
                width = parsed.width();
                height = parsed.height();
            } catch (RtpFormatException e) {
                // An SPS we cannot read still lets bytes flow to the recorder; size stays unknown.
            }
        }
        return StreamDescription.h264(sps == null ? List.of() : List.of(sps), pps == null ? List.of() : List.of(pps),
                width, height);
    }
}
