package io.xueliang.ingest.simulator;

/**
 * Real-time pacing of a looping clip, shared by the RTSP sessions and the GB/T 28181 device simulator's PS streams:
 * which frame is due at a given {@link System#nanoTime()}, and every frame's time on the 90 kHz clock as the loop
 * runs on. Frames are counted globally: frame {@code g} is clip frame {@code g % frameCount}, in loop
 * {@code g / frameCount}, whose timestamp is advanced by {@code loop * clipDuration}. Not thread-safe: one per stream,
 * used from its event loop.
 */
public final class ClipClock {
    /** When the sender is this far behind (a long GC pause, say), it jumps to now instead of bursting. */
    public static final long MAX_LAG_NANOS = 2_000_000_000L;

    private final SimulatorSource source;
    private long baseNanos;
    private long nextFrame;

    /** @param startFrame the global frame to send first (0, or a stagger into the clip) */
    public ClipClock(SimulatorSource source, long startFrame) {
        this.source = source;
        this.nextFrame = startFrame;
    }

    /** Starts the clock: the next frame is due at {@code now}. */
    public void start(long now) {
        baseNanos = now - offsetNanos(nextFrame);
    }

    /**
     * Whether the next frame's time has come by {@code now}. When it is more than {@link #MAX_LAG_NANOS} late the
     * clock restarts from now, so that the frame clock stays continuous without a burst.
     */
    public boolean due(long now) {
        long due = baseNanos + offsetNanos(nextFrame);
        if (now - due > MAX_LAG_NANOS) {
            baseNanos = now - offsetNanos(nextFrame);
            return true;
        }
        return due <= now;
    }

    /** The global frame to send next; the clock moves past it. */
    public long next() {
        return nextFrame++;
    }

    /** The global frame that will be sent next. */
    public long peek() {
        return nextFrame;
    }

    /** Which frame of the clip a global frame is. */
    public int clipFrame(long globalFrame) {
        return (int) (globalFrame % source.frameCount());
    }

    /** A global frame's time on the 90 kHz clock, from 0 at the clip's first frame of the first loop. */
    public long timestamp90k(long globalFrame) {
        int frames = source.frameCount();
        return globalFrame / frames * source.clipDuration90k() + source.timestamp90k((int) (globalFrame % frames));
    }

    /** The 90 kHz time reached at {@code now}, on the same scale as {@link #timestamp90k}. */
    public long elapsed90k(long now) {
        return (now - baseNanos) * 9 / 100_000L;
    }

    private long offsetNanos(long globalFrame) {
        return timestamp90k(globalFrame) * 100_000L / 9;
    }
}
