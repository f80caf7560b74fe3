package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.StreamDescription;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Repackages one camera's video access units, as they come, into fragmented MP4 for a live viewer (Media Source
 * Extensions, LL-HLS parts): an init segment, then one fragment ({@code prft} + {@code moof} + {@code mdat}) a picture. Nothing is
 * decoded; the bytes are the camera's. A picture is held until the next one arrives, so that its duration is the
 * true difference of their times (one frame interval of latency, 40 ms at 25 fps).
 *
 * <p>It starts at a keyframe, and starts again (a new init segment, decode time running on) at the first keyframe
 * with new parameters (a new SPS, another resolution). Audio is not carried: a live wall is watched, not listened
 * to, and a browser's MSE would need both codecs at start. Not thread-safe: one camera's units in order.
 */
public final class LiveFragmenter {
    /** A timestamp step beyond this is a camera's clock jump, not a frame: the picture gets the last duration. */
    private static final long MAX_STEP_TICKS = 5L * SegmentTracks.VIDEO_TIMESCALE;
    /** A first picture with no step to copy lasts 1/25 s, the common camera rate. */
    private static final int DEFAULT_TICKS = 3_600;

    /** What the fragmenter produced: the bytes and what a live output needs to know of them. */
    public record Chunk(Kind kind, byte[] bytes, boolean keyframe, Instant wallClock, long decodeTime, int duration,
            String codec) {
        /** An init segment ({@code ftyp} + {@code moov}) or a fragment of one picture. */
        public enum Kind { INIT, FRAGMENT }
    }

    private StreamDescription description;
    private AccessUnit pending;
    private long pendingDecodeTime;
    private int lastDuration = DEFAULT_TICKS;
    private int sequence;
    private String codec;
    /** Where the timeline goes on after a still ({@link #startWith}); negative when there is none. */
    private long stillEnd = -1;

    /**
     * Starts with a keyframe from the past (the hub's latest, up to a GOP old) as one picture of one frame interval,
     * at once, instead of waiting for the camera's next keyframe: a viewer sees a picture now. The next keyframe
     * {@link #accept}ed goes on right after it on the timeline, so a player shows the still, waits, and plays on with
     * no gap to jump; the pictures in between (which need the keyframe's GOP) are skipped. Only before the first unit.
     *
     * @return the init segment and the still's fragment
     * @throws UnsupportedStreamException as {@link #accept}
     * @throws IllegalArgumentException   when the unit is not a video keyframe
     * @throws IllegalStateException      when the fragmenter has started
     */
    public List<Chunk> startWith(AccessUnit keyframe) {
        if (!keyframe.isVideo() || !keyframe.isKeyframe()) {
            throw new IllegalArgumentException("a still must be a video keyframe");
        }
        if (description != null) {
            throw new IllegalStateException("the fragmenter has started");
        }
        List<Chunk> out = new ArrayList<>(accept(keyframe));
        out.add(fragment(DEFAULT_TICKS));
        pending = null;
        stillEnd = DEFAULT_TICKS;
        return out;
    }

    /**
     * Takes the next unit of the camera; returns what it completes: nothing (audio, a picture before the first
     * keyframe, or the first picture after it), a fragment, or a fragment and then a new init segment.
     *
     * @throws UnsupportedStreamException when a keyframe's parameters cannot be put in an MP4 (not H.264/H.265,
     *                                    parameter sets unknown or unreadable); the fragmenter then waits for the
     *                                    next keyframe
     */
    public List<Chunk> accept(AccessUnit unit) {
        if (!unit.isVideo()) {
            return List.of();
        }
        List<Chunk> out = new ArrayList<>(2);
        // Started once a keyframe is held: every picture after it has one before it.
        boolean started = pending != null;
        if (!started && !unit.isKeyframe()) {
            return out;
        }
        boolean restart = unit.isKeyframe() && (!started && stillEnd < 0 || !unit.description().equals(description));
        long decodeTime;
        if (started) {
            long step = unit.pts90k() - pending.pts90k();
            int duration = step > 0 && step <= MAX_STEP_TICKS ? (int) step : lastDuration;
            lastDuration = duration;
            decodeTime = pendingDecodeTime + duration;
            out.add(fragment(duration));
        } else {
            decodeTime = Math.max(stillEnd, 0);
            stillEnd = -1;
        }
        if (restart) {
            byte[] init;
            String named;
            try {
                init = InitSegmentEncoder.encode(SegmentTracks.videoOnly(unit.description()), unit.wallClock());
                named = MseCodecs.of(unit.description());
            } catch (UnsupportedStreamException e) {
                pending = null;
                throw e;
            }
            description = unit.description();
            codec = named;
            out.add(new Chunk(Chunk.Kind.INIT, init, true, unit.wallClock(), decodeTime, 0, codec));
        }
        pending = unit;
        pendingDecodeTime = decodeTime;
        return out;
    }

    /** The RFC 6381 codec of the stream now (e.g. {@code avc1.64001f}), or null before the first keyframe. */
    public String codec() {
        return codec;
    }

    private Chunk fragment(int duration) {
        AccessUnit u = pending;
        TrackRun run = new TrackRun(SegmentTracks.VIDEO_TRACK_ID, pendingDecodeTime,
                List.of(new FragmentSample(u.size(), duration, u.isKeyframe())));
        // The prft says when the picture was captured: a player can show its latency, the benchmark measures it.
        byte[] head = MovieFragmentEncoder.encode(++sequence,
                new ProducerReference(SegmentTracks.VIDEO_TRACK_ID, u.wallClock(), pendingDecodeTime), List.of(run));
        byte[] bytes = new byte[head.length + u.size()];
        System.arraycopy(head, 0, bytes, 0, head.length);
        ByteBuffer payload = u.payload();
        payload.get(bytes, head.length, u.size());
        return new Chunk(Chunk.Kind.FRAGMENT, bytes, u.isKeyframe(), u.wallClock(), pendingDecodeTime, duration,
                codec);
    }
}
