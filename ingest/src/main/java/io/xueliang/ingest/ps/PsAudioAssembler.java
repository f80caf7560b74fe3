package io.xueliang.ingest.ps;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns a program stream's audio PES payloads into access units: AAC in ADTS frames (ISO/IEC 13818-7 §6.2, headers
 * stripped, the AudioSpecificConfig derived from them) or G.711 at 8 kHz (one unit per PES). ADTS frames may straddle
 * PES packets; a PES's PTS belongs to the first frame starting in it, the others follow at the frame duration.
 *
 * <pre>
 * ADTS header: FFF (12) | ID | layer (2) | protection_absent | profile (2) | sf_index (4) | private | channels (3)
 *              | 4 flags | frame_length (13, header included) | fullness (11) | raw blocks - 1 (2) | [CRC (16)]
 * </pre>
 * Not thread-safe.
 */
final class PsAudioAssembler {
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
        8000, 7350};
    /** ADTS frames are at most 8,191 bytes (13-bit length); one PES adds at most 65,535. */
    private static final int MAX_CARRY = 8191 + 65535;

    private final CameraId camera;
    private final InstantSource clock;
    private final Consumer<AccessUnit> sink;

    private Codec codec;
    private StreamDescription description;
    private byte[] carry = new byte[4096];
    private int carryLen;

    private boolean pendingTimed;
    private long pendingPts;
    private int pendingPos;
    private Instant pendingWall;
    private boolean timed;
    private long nextPts;
    private Instant nextWall;

    private long emitted;
    private long skippedBytes;
    private long unknownPes;

    PsAudioAssembler(CameraId camera, InstantSource clock, Consumer<AccessUnit> sink) {
        this.camera = camera;
        this.clock = clock;
        this.sink = sink;
    }

    Codec codec() {
        return codec;
    }

    /** Sets the codec (from the PSM); a change forgets partial frames and the description. */
    void codec(Codec newCodec) {
        if (newCodec == codec) {
            return;
        }
        codec = newCodec;
        description = newCodec == Codec.PCMA || newCodec == Codec.PCMU
                ? StreamDescription.audio(newCodec, 8000, 1, null) : null;
        carryLen = 0;
    }

    void pesStart(boolean hasPts, long pts, Instant wallClock) {
        if (hasPts) {
            pendingTimed = true;
            pendingPts = pts;
            pendingPos = carryLen;
            pendingWall = wallClock;
        }
    }

    void append(byte[] data, int off, int n) {
        if (carryLen + n > MAX_CARRY) {
            skippedBytes += carryLen;
            carryLen = 0;
            pendingPos = 0;
            if (n > MAX_CARRY) {
                skippedBytes += n;
                return;
            }
        }
        if (carryLen + n > carry.length) {
            carry = Arrays.copyOf(carry, Math.min(MAX_CARRY, Math.max(carryLen + n, carry.length * 2)));
        }
        System.arraycopy(data, off, carry, carryLen, n);
        carryLen += n;
    }

    /** The PES is complete: whatever frames it completed are handed out. */
    void pesEnd() {
        if (codec == null && carryLen >= 2) {
            // No PSM: ADTS shows itself by its syncword; G.711 has no signature and A-law cannot be told from mu-law.
            if ((carry[0] & 0xFF) == 0xFF && (carry[1] & 0xF6) == 0xF0) {
                codec = Codec.AAC;
            } else {
                unknownPes++;
                carryLen = 0;
                pendingTimed = false;
                return;
            }
        }
        if (codec == Codec.AAC) {
            adts();
        } else if (codec != null && carryLen > 0) {
            byte[] samples = Arrays.copyOf(carry, carryLen);
            long pts = ptsAt(0);
            emit(pts, samples);
            nextPts = pts + carryLen * 90_000L / 8000;
            carryLen = 0;
        }
    }

    void lose() {
        carryLen = 0;
        pendingTimed = false;
    }

    private void adts() {
        int pos = 0;
        while (carryLen - pos >= 7) {
            byte[] b = carry;
            if ((b[pos] & 0xFF) != 0xFF || (b[pos + 1] & 0xF6) != 0xF0) {
                pos++;
                skippedBytes++;
                continue;
            }
            boolean crc = (b[pos + 1] & 0x01) == 0;
            int profile = (b[pos + 2] >> 6) & 0x3;
            int rateIndex = (b[pos + 2] >> 2) & 0xF;
            int channels = ((b[pos + 2] & 0x1) << 2) | ((b[pos + 3] >> 6) & 0x3);
            int frameLength = ((b[pos + 3] & 0x3) << 11) | ((b[pos + 4] & 0xFF) << 3) | ((b[pos + 5] >> 5) & 0x7);
            int blocks = (b[pos + 6] & 0x3) + 1;
            int header = crc ? 9 : 7;
            if (rateIndex >= RATES.length || frameLength <= header) {
                pos++;
                skippedBytes++;
                continue;
            }
            if (carryLen - pos < frameLength) {
                break;
            }
            int next = pos + frameLength;
            if (next + 1 < carryLen && ((b[next] & 0xFF) != 0xFF || (b[next + 1] & 0xF6) != 0xF0)) {
                // A syncword inside frame data (a join in mid-frame): the next frame must follow where this one ends.
                pos++;
                skippedBytes++;
                continue;
            }
            byte[] config = {(byte) (((profile + 1) << 3) | (rateIndex >> 1)),
                (byte) (((rateIndex & 1) << 7) | (channels << 3))};
            if (description == null || !Arrays.equals(description.audioConfig(), config)) {
                description = StreamDescription.audio(Codec.AAC, RATES[rateIndex], channels == 0 ? 1 : channels,
                        config);
            }
            long pts = ptsAt(pos);
            emit(pts, Arrays.copyOfRange(b, pos + header, pos + frameLength));
            nextPts = pts + 1024L * blocks * 90_000 / RATES[rateIndex];
            pos += frameLength;
        }
        System.arraycopy(carry, pos, carry, 0, carryLen - pos);
        carryLen -= pos;
        pendingPos = Math.max(0, pendingPos - pos);
    }

    /** The PTS of a frame starting at {@code pos}: the PES's, when this is the first frame starting in it. */
    private long ptsAt(int pos) {
        if (pendingTimed && pendingPos <= pos) {
            pendingTimed = false;
            timed = true;
            nextWall = pendingWall;
            return pendingPts;
        }
        nextWall = clock.instant();
        return timed ? nextPts : 0;
    }

    private void emit(long pts, byte[] payload) {
        emitted++;
        sink.accept(AccessUnit.handOver(camera, description, pts, nextWall, true, payload));
    }

    long emitted() {
        return emitted;
    }

    /** Bytes between ADTS frames that were no frame, or dropped for size. */
    long skippedBytes() {
        return skippedBytes;
    }

    /** Audio PES of a codec that could not be told (no PSM and no ADTS syncword). */
    long unknownPes() {
        return unknownPes;
    }
}
