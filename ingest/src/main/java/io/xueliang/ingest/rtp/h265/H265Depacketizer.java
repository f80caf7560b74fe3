package io.xueliang.ingest.rtp.h265;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.BitReader;
import io.xueliang.ingest.rtp.FormatParameters;
import io.xueliang.ingest.rtp.NalUnitDepacketizer;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.UnsupportedPayloadException;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * H.265 depacketiser (RFC 7798 without DONL): single NAL unit packets, aggregation packets (48)
 * and fragmentation units (49). PACI (50) is counted and treats its unit as damaged.
 *
 * <pre>
 * NAL header: |F|   Type    |  LayerId  | TID |   (2 bytes)
 * AP:         [hdr type 48] [size 16][NAL] [size 16][NAL] ...
 * FU:         [hdr type 49] [S E  FuType(6)] [fragment ...]
 * </pre>
 *
 * <p>Keyframe means the unit holds an IRAP picture (types 16-21). Parameter sets come from
 * {@code sprop-vps}, {@code sprop-sps}, {@code sprop-pps} and from the stream.
 */
public final class H265Depacketizer extends NalUnitDepacketizer {
    private static final int AP = 48;
    private static final int FU = 49;

    /**
     * @param clockRate          the track's RTP clock rate (90000 for H.265)
     * @param fmtp               SDP format parameters
     * @param maxAccessUnitBytes size above which an access unit is dropped; prevents memory
     *                           exhaustion by a hostile or broken camera
     * @throws UnsupportedPayloadException when {@code sprop-max-don-diff} &gt; 0 (DONL fields,
     *                                     which this depacketiser does not read)
     */
    public H265Depacketizer(CameraId camera, int clockRate, Map<String, String> fmtp, int maxAccessUnitBytes,
            Consumer<AccessUnit> sink) {
        super(camera, clockRate, maxAccessUnitBytes, sink);
        FormatParameters params = new FormatParameters(fmtp);
        String donDiff = params.get("sprop-max-don-diff");
        if (donDiff != null && !donDiff.isEmpty() && !donDiff.equals("0")) {
            throw new UnsupportedPayloadException("H265", "sprop-max-don-diff", donDiff);
        }
        String depackBuf = params.get("sprop-depack-buf-nalus");
        if (depackBuf != null && !depackBuf.isEmpty() && !depackBuf.equals("0")) {
            throw new UnsupportedPayloadException("H265", "sprop-depack-buf-nalus", depackBuf);
        }
        initParameterSets(first(params.get("sprop-vps")), first(params.get("sprop-sps")),
                first(params.get("sprop-pps")));
    }

    private static byte[] first(String sprop) {
        if (sprop == null) {
            return null;
        }
        for (String part : sprop.split(",")) {
            try {
                byte[] nal = Base64.getDecoder().decode(part.trim());
                if (nal.length >= 2) {
                    return nal;
                }
            } catch (IllegalArgumentException e) {
                // Skipped: cameras are inconsistent about base64 padding.
            }
        }
        return null;
    }

    @Override
    protected void depacketize(ByteBuf payload) {
        int pos = payload.readerIndex();
        int end = payload.writerIndex();
        if (end - pos < 2) {
            throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, 2, end - pos, "H.265 payload");
        }
        int h0 = payload.getUnsignedByte(pos);
        int h1 = payload.getUnsignedByte(pos + 1);
        int type = (h0 >> 1) & 0x3f;
        if (type < AP) {
            addNal(payload, pos, end - pos);
        } else if (type == AP) {
            pos += 2;
            while (pos < end) {
                int size = aggregatedSize(payload, pos, end);
                addNal(payload, pos + 2, size);
                pos += 2 + size;
            }
        } else if (type == FU) {
            if (end - pos < 3) {
                throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, 3, end - pos, "FU header");
            }
            int fu = payload.getUnsignedByte(pos + 2);
            boolean start = (fu & 0x80) != 0;
            boolean last = (fu & 0x40) != 0;
            if (start) {
                startFragment((h0 & 0x81) | ((fu & 0x3f) << 1), h1, payload, pos + 3, end - pos - 3);
                if (last) {
                    continueFragment(payload, end, 0, true);
                }
            } else {
                continueFragment(payload, pos + 3, end - pos - 3, last);
            }
        } else {
            // 50 PACI and the unspecified 51-63.
            ignorePacket();
        }
    }

    @Override
    protected NalKind classify(byte[] nal, int offset, int length) {
        int type = (nal[offset] >> 1) & 0x3f;
        if (type >= 16 && type <= 21) {
            return NalKind.KEYFRAME;
        }
        return switch (type) {
            case 32 -> NalKind.VPS;
            case 33 -> NalKind.SPS;
            case 34 -> NalKind.PPS;
            case 35 -> NalKind.DELIMITER;
            default -> NalKind.OTHER;
        };
    }

    @Override
    protected int nalHeaderBytes() {
        return 2;
    }

    /**
     * An SPS parses to its fields ({@link H265SpsParser.Sps}); a VPS must carry
     * {@code vps_reserved_0xffff_16bits} where §7.3.2.1 puts it; a PPS must start with a
     * {@code pps_pic_parameter_set_id} (0-63) and a {@code pps_seq_parameter_set_id} (0-15), §7.3.2.3.
     */
    @Override
    protected Object parseParameterSet(NalKind kind, byte[] nal) {
        try {
            return switch (kind) {
                case SPS -> H265SpsParser.parse(nal);
                case VPS -> {
                    BitReader r = new BitReader(BitReader.unescapeRbsp(nal, 2, nal.length - 2));
                    r.skipBits(16); // id, base layer flags, max layers, max sub-layers, temporal id nesting
                    yield r.readInt(16) == 0xffff ? Boolean.TRUE : null;
                }
                case PPS -> {
                    BitReader r = new BitReader(BitReader.unescapeRbsp(nal, 2, nal.length - 2));
                    r.readUe(63, "pps_pic_parameter_set_id");
                    r.readUe(15, "pps_seq_parameter_set_id");
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
                H265SpsParser.Sps parsed = H265SpsParser.parse(sps);
                width = parsed.width();
                height = parsed.height();
            } catch (RtpFormatException e) {
                // An SPS we cannot read still lets bytes flow to the recorder; size stays unknown.
            }
        }
        return StreamDescription.h265(list(vps), list(sps), list(pps), width, height);
    }

    private static List<byte[]> list(byte[] b) {
        List<byte[]> l = new ArrayList<>(1);
        if (b != null) {
            l.add(b);
        }
        return l;
    }
}
