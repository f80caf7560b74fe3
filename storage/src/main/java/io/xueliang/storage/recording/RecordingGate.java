package io.xueliang.storage.recording;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether recording may write: closed by retention when the recording volume is below its free-space floor and
 * nothing more may be deleted (everything left is held or still open), opened again once space is back. While closed,
 * recorders finish their files cleanly and write nothing; the time shows as a {@link GapReason#PAUSED} gap.
 */
public final class RecordingGate {
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicLong pauses = new AtomicLong();

    public boolean paused() {
        return paused.get();
    }

    /** Closes the gate; true when it was open. */
    public boolean pause() {
        boolean changed = paused.compareAndSet(false, true);
        if (changed) {
            pauses.incrementAndGet();
        }
        return changed;
    }

    /** Opens the gate; true when it was closed. */
    public boolean resume() {
        return paused.compareAndSet(true, false);
    }

    /** How many times recording has paused since start. */
    public long pauses() {
        return pauses.get();
    }
}
