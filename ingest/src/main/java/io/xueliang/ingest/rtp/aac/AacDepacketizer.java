package io.xueliang.ingest.rtp.aac;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.AccessUnitBuffer;
import io.xueliang.ingest.rtp.Depacketizer;
import io.xueliang.ingest.rtp.DepacketizerCounters;
import io.xueliang.ingest.rtp.FormatParameters;
import io.xueliang.ingest.rtp.RtpClock;
import io.xueliang.ingest.rtp.RtpFormatException;
import io.xueliang.ingest.rtp.RtpPacket;
import io.xueliang.ingest.rtp.UnsupportedPayloadException;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * AAC depacketiser for mpeg4-generic (RFC 3640 §3.2), AAC-hbr (sizeLength 13, indexLength 3,
 * indexDeltaLength 3) and AAC-lbr (6/2/2), or any lengths the fmtp gives.
 *
 * <pre>
 * +---------------------------+---------------------+--------------+
 * | AU-headers-length (16, in | AU-header 1..n      | AU 1..n data |
 * | bits)                     | [size][index/delta] |              |
 * +---------------------------+---------------------+--------------+
 * </pre>
 *
 * <p>Several AUs in one packet each become an access unit; AU i has timestamp {@code ts + i * 1024}
 * (960 when the config says so). One AU larger than the packet is fragmented over packets of the
 * same timestamp, the last one marked; a loss in between drops it.
 */
public final class AacDepacketizer implements Depacketizer {
    private static final byte[] NO_PREFIX = new byte[0];

    private final CameraId camera;
    private final int clockRate;
    private final Consumer<AccessUnit> sink;
    private final StreamDescription description;
    private final int sizeLength;
    private final int indexLength;
    private final int indexDeltaLength;
    private final int frameSamples;
    private final AccessUnitBuffer fragment;

    private boolean inFragment;
    private int fragmentSize;
    private long fragmentTimestamp;
    private Instant fragmentWallClock;
    /** After a loss inside a fragmented AU, its remaining fragments (same timestamp) are skipped. */
    private boolean discarding;
    private long discardTimestamp;

    private long emitted;
    private long droppedBroken;
    private long droppedOversize;

    /**
     * @param clockRate          RTP clock rate, normally the sample rate
     * @param fmtp               SDP format parameters: {@code config} (hex AudioSpecificConfig),
     *                           {@code sizeLength}, {@code indexLength}, {@code indexDeltaLength}
     * @param maxAccessUnitBytes size above which an AU is dropped; prevents memory exhaustion by a
     *                           hostile camera announcing huge fragmented AUs
     * @throws UnsupportedPayloadException for CTS/DTS deltas, RAP or stream-state fields, a
     *                                     missing sizeLength, or an unreadable config
     */
    public AacDepacketizer(CameraId camera, int clockRate, Map<String, String> fmtp, int maxAccessUnitBytes,
            Consumer<AccessUnit> sink) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate " + clockRate);
        }
        this.clockRate = clockRate;
        FormatParameters p = new FormatParameters(fmtp);
        String mode = p.get("mode", "AAC-hbr");
        if (!mode.equalsIgnoreCase("AAC-hbr") && !mode.equalsIgnoreCase("AAC-lbr")) {
            throw new UnsupportedPayloadException("MPEG4-GENERIC", "mode", mode);
        }
        this.sizeLength = p.getInt("MPEG4-GENERIC", "sizeLength", -1, 1, 16);
        if (sizeLength < 0) {
            throw new UnsupportedPayloadException("MPEG4-GENERIC", "sizeLength", "(missing)");
        }
        this.indexLength = p.getInt("MPEG4-GENERIC", "indexLength", 0, 0, 16);
        this.indexDeltaLength = p.getInt("MPEG4-GENERIC", "indexDeltaLength", 0, 0, 16);
        for (String unsupported : new String[] {"CTSDeltaLength", "DTSDeltaLength", "randomAccessIndication",
                "streamStateIndication", "auxiliaryDataSizeLength"}) {
            String v = p.get(unsupported);
            if (v != null && !v.isEmpty() && !v.equals("0")) {
                throw new UnsupportedPayloadException("MPEG4-GENERIC", unsupported, v);
            }
        }
        byte[] config;
        try {
            config = HexFormat.of().parseHex(p.get("config", ""));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedPayloadException("MPEG4-GENERIC", "config", p.get("config"));
        }
        AudioSpecificConfig asc = AudioSpecificConfig.parse(config, clockRate);
        this.frameSamples = asc.frameSamples();
        this.description = StreamDescription.audio(Codec.AAC, asc.sampleRate(), asc.channels(), config);
        this.fragment = new AccessUnitBuffer(maxAccessUnitBytes);
    }

    public StreamDescription description() {
        return description;
    }

    @Override
    public void onPacket(RtpPacket packet, long continuousTimestamp, Instant wallClock) {
        ByteBuf payload = packet.payload();
        int pos = payload.readerIndex();
        int end = payload.writerIndex();
        if (end - pos < 2) {
            throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, 2, end - pos,
                    "AU-headers-length");
        }
        int headerBits = payload.getUnsignedShort(pos);
        int headerBytes = (headerBits + 7) / 8;
        int dataPos = pos + 2 + headerBytes;
        if (dataPos > end) {
            throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, headerBytes, end - pos - 2,
                    "AU headers");
        }
        int bitPos = (pos + 2) * 8;
        int bitsLeft = headerBits;
        int i = 0;
        while (bitsLeft > 0) {
            int fieldBits = sizeLength + (i == 0 ? indexLength : indexDeltaLength);
            if (fieldBits > bitsLeft) {
                throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, fieldBits, bitsLeft,
                        "AU header " + i);
            }
            int size = bits(payload, bitPos, sizeLength);
            bitPos += fieldBits;
            bitsLeft -= fieldBits;
            int available = end - dataPos;
            if (i == 0 && bitsLeft == 0 && (size > available || inFragment)) {
                fragment(payload, dataPos, available, size, continuousTimestamp, wallClock, packet.marker());
                return;
            }
            if (inFragment) {
                abandonFragment();
            }
            if (size > available) {
                throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, size, available,
                        "AU " + i);
            }
            long ts = continuousTimestamp + (long) i * frameSamples;
            Instant wall = i == 0 ? wallClock : wallClock.plusNanos(i * frameSamples * 1_000_000_000L / clockRate);
            if (size > fragment.maxBytes()) {
                droppedOversize++;
            } else if (size > 0) {
                byte[] au = new byte[size];
                payload.getBytes(dataPos, au);
                emit(ts, wall, au);
            }
            dataPos += size;
            i++;
        }
    }

    /* One AU spread over packets: each carries one AU header with the full AU size. */
    private void fragment(ByteBuf payload, int dataPos, int available, int size, long ts, Instant wall,
            boolean marker) {
        if (discarding) {
            if (ts == discardTimestamp) {
                discarding = !marker;
                return;
            }
            discarding = false;
        }
        if (inFragment && (ts != fragmentTimestamp || size != fragmentSize)) {
            abandonFragment();
        }
        if (!inFragment) {
            inFragment = true;
            fragmentSize = size;
            fragmentTimestamp = ts;
            fragmentWallClock = wall;
            fragment.reset();
        }
        fragment.write(payload, dataPos, Math.min(available, size - fragment.size()));
        if (fragment.oversized()) {
            inFragment = false;
            droppedOversize++;
            return;
        }
        if (fragment.size() >= fragmentSize || marker) {
            inFragment = false;
            if (fragment.size() == fragmentSize) {
                emit(fragmentTimestamp, fragmentWallClock, fragment.copyOut(NO_PREFIX, 0));
            } else {
                droppedBroken++;
            }
        }
    }

    /** Reads {@code n} (at most 16) bits starting at absolute bit {@code bitPos} of the buffer. */
    private static int bits(ByteBuf buf, int bitPos, int n) {
        int v = 0;
        for (int k = 0; k < n; k++, bitPos++) {
            v = (v << 1) | ((buf.getUnsignedByte(bitPos >>> 3) >>> (7 - (bitPos & 7))) & 1);
        }
        return v;
    }

    private void abandonFragment() {
        inFragment = false;
        droppedBroken++;
    }

    private void emit(long ts, Instant wall, byte[] au) {
        emitted++;
        sink.accept(AccessUnit.handOver(camera, description, RtpClock.to90k(ts, clockRate), wall, true, au));
    }

    @Override
    public void onLoss() {
        if (inFragment) {
            abandonFragment();
            discarding = true;
            discardTimestamp = fragmentTimestamp;
        }
    }

    @Override
    public DepacketizerCounters counters() {
        return new DepacketizerCounters(emitted, droppedBroken, 0, droppedOversize, 0, 0);
    }
}
