package io.xueliang.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One coded picture (or one audio frame) of one camera, as it came from the camera, never decoded.
 *
 * <p>Video payloads are NAL units each preceded by a 4-byte big-endian length, ready for an MP4
 * sample; audio payloads are one raw frame (an AAC access unit without ADTS header, or G.711
 * bytes).
 *
 * <pre>
 * +--------+----------------+--------+-------------+---
 * | len(4) | NAL unit 1     | len(4) | NAL unit 2  | ...
 * +--------+----------------+--------+-------------+---
 * </pre>
 *
 * <p>{@code pts90k} is the presentation time on a 90 kHz clock, unwrapped and monotonic per
 * camera and track; {@code wallClock} is the instant it was captured: RTCP SR anchored when the
 * camera sends sender reports, else the arrival time. Immutable: the payload array is owned by
 * the instance (the producer hands it over and keeps no reference), and readers get read-only
 * views.
 */
public final class AccessUnit {
    private final CameraId camera;
    private final StreamDescription description;
    private final long pts90k;
    private final Instant wallClock;
    private final boolean keyframe;
    private final byte[] payload;

    private AccessUnit(CameraId camera, StreamDescription description, long pts90k, Instant wallClock,
            boolean keyframe, byte[] payload) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.description = Objects.requireNonNull(description, "description");
        this.pts90k = pts90k;
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.keyframe = keyframe;
        this.payload = Objects.requireNonNull(payload, "payload");
    }

    /**
     * Wraps {@code payload} without copying it: the caller gives up the array and must not change
     * it afterwards. Used by depacketisers on the hot path.
     */
    public static AccessUnit handOver(CameraId camera, StreamDescription description, long pts90k,
            Instant wallClock, boolean keyframe, byte[] payload) {
        return new AccessUnit(camera, description, pts90k, wallClock, keyframe, payload);
    }

    /** Copies {@code payload}; for callers that keep using their array. */
    public static AccessUnit copyOf(CameraId camera, StreamDescription description, long pts90k,
            Instant wallClock, boolean keyframe, byte[] payload) {
        return new AccessUnit(camera, description, pts90k, wallClock, keyframe, payload.clone());
    }

    public CameraId camera() {
        return camera;
    }

    public Codec codec() {
        return description.codec();
    }

    /** The parameters in force for this unit; a different instance than the previous unit's means a change. */
    public StreamDescription description() {
        return description;
    }

    public long pts90k() {
        return pts90k;
    }

    public Instant wallClock() {
        return wallClock;
    }

    public boolean isKeyframe() {
        return keyframe;
    }

    public boolean isVideo() {
        return description.codec().isVideo();
    }

    public int size() {
        return payload.length;
    }

    /** A read-only view of the payload. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    public byte[] copyPayload() {
        return payload.clone();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(payload);
    }

    @Override
    public String toString() {
        return "AccessUnit[" + camera + " " + codec() + " pts=" + pts90k + (keyframe ? " key" : "")
                + " " + payload.length + "B]";
    }
}
