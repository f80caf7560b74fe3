package io.xueliang.analytics.decode;

import io.xueliang.media.AccessUnit;
import java.util.function.LongPredicate;

/**
 * Chooses the units to decode and the decoded pictures to convert, by presentation time: a picture is taken when at
 * least one interval (90 kHz / rate) has passed since the slot of the last one, so 5 fps of a 25 fps stream takes
 * every fifth picture, evenly. A jump back in time (camera restart, codec switch) starts afresh. One camera's; not
 * thread-safe.
 */
public final class FrameSampler implements LongPredicate {
    private final SamplingSettings settings;
    private final long interval;
    private boolean started;
    private long next;
    private long last;

    public FrameSampler(SamplingSettings settings) {
        this.settings = settings;
        this.interval = Math.max(1, Math.round(90_000 / settings.framesPerSecond()));
    }

    public SamplingSettings settings() {
        return settings;
    }

    /** Whether {@code unit} must go to the decoder: every one at a rate, only keyframes in keyframes-only mode. */
    public boolean decodes(AccessUnit unit) {
        return settings.mode() == SamplingMode.RATE || unit.isKeyframe();
    }

    /** Whether the picture with {@code pts90k} is taken; call once per decoded picture, in output order. */
    @Override
    public boolean test(long pts90k) {
        if (!started || pts90k < last) {
            started = true;
            next = pts90k;
        }
        last = pts90k;
        if (pts90k < next) {
            return false;
        }
        next += interval;
        if (next <= pts90k) {
            next = pts90k + interval; // a gap: keep the phase of the picture just taken
        }
        return true;
    }

    /** Forgets the timing: the next picture is taken. */
    public void reset() {
        started = false;
    }
}
