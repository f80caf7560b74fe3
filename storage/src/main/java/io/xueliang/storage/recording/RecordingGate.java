package io.xueliang.storage.recording;

import io.xueliang.sql.volume.SpaceReserve;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether recording may write, for the whole node:
 * <pre>
 *            pause(): below the floor, nothing left to delete           probe(): floor + 1 % free
 *   OPEN ──────────────────────────────────────────────► PAUSED ──────────────────────────────► OPEN
 *     │ diskFull(): a write failed for lack of space                         │ diskFull()
 *     └──────────────────────────────────────────► DISK_FULL ◄───────────────┘
 *                    probe(): room for the floor + 1 % and the reserve, not before the back-off ──► OPEN
 * </pre>
 * While it is not open, recorders finish their files cleanly (a file whose last write failed is cut back to its last
 * complete fragment) and write nothing; the time shows as a {@link GapReason#PAUSED} or {@link GapReason#DISK_FULL}
 * gap. Entering {@code DISK_FULL} releases the {@link SpaceReserve}, so that the database keeps working; leaving it
 * writes the reserve again first. The back-off (10 s, doubled each time the disk fills again within 5 minutes of
 * resuming, at most 5 minutes) keeps a volume that reports free space but refuses writes (no inodes left, a quota)
 * from making every recorder fail once a second. Thread-safe.
 */
public final class RecordingGate {
    /** What the gate says; {@link #wireName()} in metrics and logs. */
    public enum State {
        OPEN, PAUSED, DISK_FULL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordingGate.class);
    /** Free space above the floor at which paused recording resumes, so it does not flap at the line. */
    public static final double RESUME_MARGIN_PERCENT = 1.0;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** A disk that fills again within this long of resuming doubles the back-off. */
    static final Duration REFILL_WINDOW = Duration.ofMinutes(5);

    private final DiskSpace disk;
    private final int floorPercent;
    private final SpaceReserve reserve;
    private final InstantSource clock;
    private volatile State state = State.OPEN;
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong diskFulls = new AtomicLong();
    private Duration backoff = FIRST_BACKOFF;
    private Instant notBefore = Instant.MIN;
    private Instant resumedAt = Instant.MIN;

    /** A gate opened only by {@link #resume()}: for tests and tools without a volume to watch. */
    public RecordingGate() {
        this(null, 0, null, InstantSource.system());
    }

    /**
     * @param disk         the recording volume, probed while the gate is not open
     * @param floorPercent {@code recording.minFreePercent}
     * @param reserve      space kept back for the database, released while the disk is full; null for none
     */
    public RecordingGate(DiskSpace disk, int floorPercent, SpaceReserve reserve, InstantSource clock) {
        this.disk = disk;
        this.floorPercent = floorPercent;
        this.reserve = reserve;
        this.clock = clock;
    }

    public State state() {
        return state;
    }

    /** Recorders must not write: paused at the floor or the disk full. */
    public boolean paused() {
        return state != State.OPEN;
    }

    /** Closes the gate for the free-space floor; true when it was open. */
    public synchronized boolean pause() {
        if (state != State.OPEN) {
            return false;
        }
        state = State.PAUSED;
        pauses.incrementAndGet();
        return true;
    }

    /**
     * A write failed for lack of space: closes the gate and releases the reserve. True when this call closed it (the
     * caller logs why); false when it was full already.
     */
    public synchronized boolean diskFull() {
        if (state == State.DISK_FULL) {
            return false;
        }
        Instant now = clock.instant();
        if (state == State.OPEN) {
            pauses.incrementAndGet();
        }
        state = State.DISK_FULL;
        diskFulls.incrementAndGet();
        backoff = now.isBefore(resumedAt.plus(REFILL_WINDOW)) ? min(backoff.multipliedBy(2), MAX_BACKOFF)
                : FIRST_BACKOFF;
        notBefore = now.plus(backoff);
        if (reserve != null) {
            reserve.release();
        }
        LOG.error("recording stopped: the storage volume is full; every camera's open segment is closed at its last"
                + " complete fragment, and recording resumes by itself once there is room (checked from {} on)",
                notBefore);
        return true;
    }

    /** Opens the gate whatever the volume says; true when it was closed. */
    public synchronized boolean resume() {
        if (state == State.OPEN) {
            return false;
        }
        state = State.OPEN;
        resumedAt = clock.instant();
        return true;
    }

    /**
     * Opens the gate when the volume has room again: above the floor by {@link #RESUME_MARGIN_PERCENT}, and after a
     * full disk also for the reserve, which is written back first, and not before the back-off. Called once a second
     * by the recorders' ticker and by retention; does nothing while the gate is open. True when it opened.
     */
    public synchronized boolean probe() {
        if (state == State.OPEN || disk == null) {
            return false;
        }
        try {
            if (disk.usableBytes() < bytesToResume()) {
                return false;
            }
            if (state == State.DISK_FULL) {
                if (clock.instant().isBefore(notBefore)) {
                    return false;
                }
                if (reserve != null) {
                    try {
                        reserve.hold();
                    } catch (IOException e) {
                        notBefore = clock.instant().plus(backoff);
                        LOG.warn("the space reserve could not be written again ({}); recording stays stopped",
                                e.toString());
                        return false;
                    }
                }
            }
            State was = state;
            resume();
            LOG.warn("recording resumed after {}: {} % free on the storage volume", was.wireName(),
                    String.format(Locale.ROOT, "%.1f", disk.freePercent()));
            return true;
        } catch (IOException e) {
            LOG.warn("cannot read the storage volume's free space: {}", e.toString());
            return false;
        }
    }

    /** Free bytes the volume needs before {@link #probe()} opens the gate; 0 while it is open. */
    public synchronized long bytesToResume() throws IOException {
        if (state == State.OPEN || disk == null) {
            return 0;
        }
        long wanted = (long) (disk.totalBytes() * Math.min(100, floorPercent + RESUME_MARGIN_PERCENT) / 100);
        return state == State.DISK_FULL && reserve != null ? wanted + reserve.size() - reserve.held() : wanted;
    }

    /** How many times recording has stopped for lack of space (floor or full disk) since start. */
    public long pauses() {
        return pauses.get();
    }

    /** How many times a write failed for lack of space since start. */
    public long diskFulls() {
        return diskFulls.get();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
