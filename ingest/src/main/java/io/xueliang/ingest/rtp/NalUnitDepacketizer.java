package io.xueliang.ingest.rtp;

import io.netty.buffer.ByteBuf;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Access-unit assembly shared by the H.264 and H.265 depacketisers; subclasses read their payload
 * structures (single NAL, aggregation, fragmentation) and call {@link #addNal}, {@link #startFragment}
 * and {@link #continueFragment}.
 *
 * <p>Rules, the same for both codecs:
 * <ul>
 * <li>An access unit ends at the marker bit or when the timestamp changes (some cameras never set
 *     the marker), so a marker-less stream is one packet late, never wrong.
 * <li>Access unit delimiters are dropped. A parameter set that does not parse is dropped from its
 *     unit and counted. One seen in-band replaces the current one and makes a new
 *     {@link StreamDescription} only when it changes: for VPS and PPS when its bytes change, for an
 *     SPS when its parsed fields change (a camera that sends an SPS with new bytes in every frame but
 *     the same stream would otherwise start a recording segment per frame).
 * <li>A keyframe that lacks parameter sets gets the current ones prepended, so every keyframe can
 *     start a decoder or an MP4 segment on its own.
 * <li>A loss or a broken fragment drops the unit it hit and everything after it until the next
 *     keyframe (the references are gone); units are also dropped until the first keyframe.
 * <li>A unit over the size limit is dropped and counted, then the next keyframe is awaited.
 * </ul>
 */
public abstract class NalUnitDepacketizer implements Depacketizer {
    /** What a NAL unit means to access-unit assembly. */
    private static final byte[] NO_PREFIX = new byte[0];

    protected enum NalKind { VPS, SPS, PPS, DELIMITER, KEYFRAME, OTHER }

    private final CameraId camera;
    private final int clockRate;
    private final Consumer<AccessUnit> sink;
    private final AccessUnitBuffer buffer;

    private StreamDescription description;
    private byte[] vps;
    private byte[] sps;
    private byte[] pps;
    /** The parsed form of {@link #sps}, or null. */
    private Object spsFields;

    private boolean inUnit;
    private long unitTimestamp;
    private Instant unitWallClock;
    private boolean unitBroken;
    private int fragmentStart = -1;
    private int nalCount;
    private boolean hasKeyframe;
    private boolean hasVps;
    private boolean hasSps;
    private boolean hasPps;
    private boolean awaitingKeyframe = true;

    private long emitted;
    private long droppedBroken;
    private long droppedAwaitingKey;
    private long droppedOversize;
    private long ignoredPackets;
    private long ignoredParameterSets;

    protected NalUnitDepacketizer(CameraId camera, int clockRate, int maxAccessUnitBytes,
            Consumer<AccessUnit> sink) {
        this.camera = Objects.requireNonNull(camera, "camera");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate " + clockRate);
        }
        this.clockRate = clockRate;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.buffer = new AccessUnitBuffer(maxAccessUnitBytes);
    }

    /** Reads one payload and calls the assembly methods. */
    protected abstract void depacketize(ByteBuf payload);

    /** Classifies a complete NAL unit of {@code length} bytes at {@code offset}. */
    protected abstract NalKind classify(byte[] nal, int offset, int length);

    /** Size of the codec's NAL unit header. */
    protected abstract int nalHeaderBytes();

    /** Builds the description for the current parameter sets (any may be null). */
    protected abstract StreamDescription describe(byte[] vps, byte[] sps, byte[] pps);

    /**
     * Parses a parameter set NAL unit (header included, emulation prevention bytes in place).
     *
     * @return null when it does not parse; for an SPS, the fields that tell two apart ({@code equals});
     *         for a VPS or PPS, any other object
     */
    protected abstract Object parseParameterSet(NalKind kind, byte[] nal);

    /** Does the track have every parameter set its keyframes need. */
    private boolean hasParameterSets() {
        return description.hasParameterSets();
    }

    /**
     * Sets parameter sets known out of band (SDP); called from subclass constructors. One that does
     * not parse is left out and counted: the stream's own may replace it.
     */
    protected final void initParameterSets(byte[] vps, byte[] sps, byte[] pps) {
        this.vps = valid(NalKind.VPS, vps) ? vps : null;
        this.spsFields = sps == null ? null : parseParameterSet(NalKind.SPS, sps);
        this.sps = spsFields != null ? sps : null;
        if (sps != null && spsFields == null) {
            ignoredParameterSets++;
        }
        this.pps = valid(NalKind.PPS, pps) ? pps : null;
        this.description = describe(this.vps, this.sps, this.pps);
    }

    private boolean valid(NalKind kind, byte[] nal) {
        if (nal == null) {
            return false;
        }
        if (nal.length < nalHeaderBytes() || parseParameterSet(kind, nal) == null) {
            ignoredParameterSets++;
            return false;
        }
        return true;
    }

    /** The description in force now. */
    public final StreamDescription description() {
        return description;
    }

    @Override
    public final void onPacket(RtpPacket packet, long continuousTimestamp, Instant wallClock) {
        if (inUnit && continuousTimestamp != unitTimestamp) {
            finishUnit();
        }
        if (!inUnit) {
            inUnit = true;
            unitTimestamp = continuousTimestamp;
            unitWallClock = wallClock;
        }
        try {
            depacketize(packet.payload());
        } catch (RtpFormatException e) {
            resetUnit();
            awaitingKeyframe = true;
            throw e;
        }
        if (packet.marker()) {
            finishUnit();
        }
    }

    @Override
    public final void onLoss() {
        if (inUnit) {
            unitBroken = true;
        }
        awaitingKeyframe = true;
    }

    @Override
    public final DepacketizerCounters counters() {
        return new DepacketizerCounters(emitted, droppedBroken, droppedAwaitingKey, droppedOversize, ignoredPackets,
                ignoredParameterSets);
    }

    @Override
    public final long assembledUnits() {
        return emitted + droppedAwaitingKey;
    }

    /** A payload structure we do not handle: counted, and the unit it belonged to is incomplete. */
    protected final void ignorePacket() {
        ignoredPackets++;
        unitBroken = true;
    }

    /** A complete NAL unit from a single-NAL packet or an aggregation packet. */
    protected final void addNal(ByteBuf src, int index, int length) {
        if (unitBroken) {
            return;
        }
        if (fragmentStart >= 0) {
            // A fragmented NAL unit never got its end.
            unitBroken = true;
            return;
        }
        int start = buffer.beginNal();
        buffer.write(src, index, length);
        buffer.endNal(start);
        completeNal(start);
    }

    /** The first fragment of a NAL unit: its reconstructed header, then the fragment's bytes. */
    protected final void startFragment(int header0, int header1, ByteBuf src, int index, int length) {
        if (unitBroken) {
            return;
        }
        if (fragmentStart >= 0) {
            unitBroken = true;
            return;
        }
        fragmentStart = buffer.beginNal();
        buffer.writeByte(header0);
        if (header1 >= 0) {
            buffer.writeByte(header1);
        }
        buffer.write(src, index, length);
    }

    /** A further fragment; {@code end} completes the NAL unit. */
    protected final void continueFragment(ByteBuf src, int index, int length, boolean end) {
        if (unitBroken) {
            return;
        }
        if (fragmentStart < 0) {
            // Its start was lost (or never sent).
            unitBroken = true;
            return;
        }
        buffer.write(src, index, length);
        if (end) {
            int start = fragmentStart;
            fragmentStart = -1;
            buffer.endNal(start);
            completeNal(start);
        }
    }

    private void completeNal(int start) {
        if (buffer.oversized()) {
            return;
        }
        int offset = start + 4;
        int length = buffer.size() - offset;
        if (length < nalHeaderBytes()) {
            buffer.truncate(start);
            return;
        }
        byte[] data = buffer.array();
        switch (classify(data, offset, length)) {
            case DELIMITER -> {
                buffer.truncate(start);
                return;
            }
            case VPS -> {
                if (!same(vps, data, offset, length)) {
                    byte[] candidate = Arrays.copyOfRange(data, offset, offset + length);
                    if (parseParameterSet(NalKind.VPS, candidate) == null) {
                        ignoreParameterSet(start);
                        return;
                    }
                    vps = candidate;
                    description = describe(vps, sps, pps);
                }
                hasVps = true;
            }
            case SPS -> {
                if (!same(sps, data, offset, length)) {
                    byte[] candidate = Arrays.copyOfRange(data, offset, offset + length);
                    Object fields = parseParameterSet(NalKind.SPS, candidate);
                    if (fields == null) {
                        ignoreParameterSet(start);
                        return;
                    }
                    if (!fields.equals(spsFields)) {
                        sps = candidate;
                        spsFields = fields;
                        description = describe(vps, sps, pps);
                    }
                }
                hasSps = true;
            }
            case PPS -> {
                if (!same(pps, data, offset, length)) {
                    byte[] candidate = Arrays.copyOfRange(data, offset, offset + length);
                    if (parseParameterSet(NalKind.PPS, candidate) == null) {
                        ignoreParameterSet(start);
                        return;
                    }
                    pps = candidate;
                    description = describe(vps, sps, pps);
                }
                hasPps = true;
            }
            case KEYFRAME -> hasKeyframe = true;
            case OTHER -> {
            }
        }
        nalCount++;
    }

    /** Drops the parameter set NAL unit begun at {@code start} from the unit: it does not parse. */
    private void ignoreParameterSet(int start) {
        ignoredParameterSets++;
        buffer.truncate(start);
    }

    private void finishUnit() {
        try {
            if (fragmentStart >= 0) {
                unitBroken = true;
            }
            if (buffer.oversized()) {
                droppedOversize++;
                awaitingKeyframe = true;
            } else if (unitBroken) {
                droppedBroken++;
                awaitingKeyframe = true;
            } else if (nalCount == 0) {
                return;
            } else if (awaitingKeyframe && (!hasKeyframe || !hasParameterSets())) {
                droppedAwaitingKey++;
            } else {
                emit();
            }
        } finally {
            resetUnit();
        }
    }

    private void emit() {
        boolean needsPrefix = hasKeyframe && ((vps != null && !hasVps) || !hasSps || !hasPps);
        byte[] prefix = needsPrefix ? parameterSetPrefix() : NO_PREFIX;
        byte[] payload = buffer.copyOut(prefix, 0);
        emitted++;
        awaitingKeyframe = false;
        sink.accept(AccessUnit.handOver(camera, description, RtpClock.to90k(unitTimestamp, clockRate),
                unitWallClock, hasKeyframe, payload));
    }

    private byte[] parameterSetPrefix() {
        int n = 0;
        for (byte[] p : new byte[][] {vps, sps, pps}) {
            n += p == null ? 0 : 4 + p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : new byte[][] {vps, sps, pps}) {
            if (p != null) {
                out[pos] = (byte) (p.length >>> 24);
                out[pos + 1] = (byte) (p.length >>> 16);
                out[pos + 2] = (byte) (p.length >>> 8);
                out[pos + 3] = (byte) p.length;
                System.arraycopy(p, 0, out, pos + 4, p.length);
                pos += 4 + p.length;
            }
        }
        return out;
    }

    private void resetUnit() {
        inUnit = false;
        unitBroken = false;
        fragmentStart = -1;
        nalCount = 0;
        hasKeyframe = false;
        hasVps = false;
        hasSps = false;
        hasPps = false;
        buffer.reset();
    }

    private static boolean same(byte[] current, byte[] data, int offset, int length) {
        return current != null && Arrays.equals(current, 0, current.length, data, offset, offset + length);
    }

    /** Reads a big-endian 16-bit size inside an aggregation packet, checking it fits. */
    protected static int aggregatedSize(ByteBuf payload, int pos, int end) {
        if (end - pos < 2) {
            throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, 2, end - pos,
                    "aggregation unit size");
        }
        int size = payload.getUnsignedShort(pos);
        if (size == 0 || size > end - pos - 2) {
            throw new RtpFormatException(RtpFormatException.Problem.PAYLOAD_TRUNCATED, size, end - pos - 2,
                    "aggregation unit");
        }
        return size;
    }
}
