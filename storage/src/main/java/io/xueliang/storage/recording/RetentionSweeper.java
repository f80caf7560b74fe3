package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import io.xueliang.media.RetentionPolicy;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of retention, run every minute or so:
 * <ol>
 *   <li>by age: each camera's finished segments older than its {@link RetentionPolicy} are deleted;</li>
 *   <li>the free-space floor: while the recording volume has less than {@code minFreePercent} free, the oldest finished
 *       local segments of any camera are deleted, each leaving a {@link GapReason#DELETED} gap in the index;</li>
 *   <li>when the floor cannot be kept (everything left is held or open), the {@link RecordingGate} closes: recording
 *       pauses with a log line and a metric, rather than fill the disk; while the gate is closed (paused, or the disk
 *       found full by a failed write) footage is deleted until the gate's {@link RecordingGate#probe()} can open it
 *       again: {@link RecordingGate#RESUME_MARGIN_PERCENT} above the floor, and room for the space reserve.</li>
 * </ol>
 * Segments overlapping an active evidence hold are never deleted, by either rule. The file goes first, then the row:
 * a crash in between leaves a row whose file is gone, which the next pass deletes again.
 */
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int BATCH = 200;

    private final RecordingIndex index;
    private final SegmentFiles files;
    private final RetentionPolicy policy;
    private final DiskSpace disk;
    private final int minFreePercent;
    private final RecordingGate gate;
    private final InstantSource clock;

    public RetentionSweeper(RecordingIndex index, SegmentFiles files, RetentionPolicy policy, DiskSpace disk,
            int minFreePercent, RecordingGate gate, InstantSource clock) {
        this.index = index;
        this.files = files;
        this.policy = policy;
        this.disk = disk;
        this.minFreePercent = minFreePercent;
        this.gate = gate;
        this.clock = clock;
    }

    /** What one pass did. */
    public record Sweep(int deletedByAge, int deletedForSpace, long bytesFreed, boolean paused) {
    }

    public Sweep sweep() {
        int byAge = 0;
        long freed = 0;
        Instant now = clock.instant();
        for (CameraId camera : index.cameras()) {
            Instant before = now.minus(policy.retention(camera));
            List<RecordedSegment> old;
            while (!(old = index.deletable(camera, before, null, BATCH)).isEmpty()) {
                int done = 0;
                for (RecordedSegment s : old) {
                    if (delete(s, null)) {
                        byAge++;
                        done++;
                        freed += s.bytes();
                    }
                }
                if (done == 0) {
                    break; // every file in the batch failed to delete: try again next pass
                }
            }
        }
        int forSpace = 0;
        if (minFreePercent > 0) {
            try {
                while (disk.usableBytes() < wantedFree()) {
                    List<RecordedSegment> oldest = index.deletable(null, null, "local", 20);
                    int done = 0;
                    for (RecordedSegment s : oldest) {
                        if (delete(s, GapReason.DELETED)) {
                            forSpace++;
                            done++;
                            freed += s.bytes();
                            if (disk.usableBytes() >= wantedFree()) {
                                break; // no more than the floor needs
                            }
                        }
                    }
                    if (done == 0) {
                        if (gate.pause()) {
                            LOG.error("recording paused: {} % free on the recording volume, below the {} % floor, and"
                                    + " nothing left that may be deleted (held or being written)",
                                    String.format("%.1f", disk.freePercent()), minFreePercent);
                        }
                        break;
                    }
                }
                gate.probe();
            } catch (IOException e) {
                LOG.warn("cannot read the recording volume's free space: {}", e.toString());
            }
        }
        if (byAge + forSpace > 0) {
            LOG.info("retention: deleted {} segment(s) past their age and {} to keep {} % free, {} MiB freed", byAge,
                    forSpace, minFreePercent, freed >> 20);
        }
        return new Sweep(byAge, forSpace, freed, gate.paused());
    }

    /** Free bytes to keep: the floor, or while the gate is closed what it needs to open again. */
    private long wantedFree() throws IOException {
        long floor = (long) (disk.totalBytes() * (double) minFreePercent / 100);
        return Math.max(floor, gate.bytesToResume());
    }

    private boolean delete(RecordedSegment s, GapReason asGap) {
        try {
            files.delete(s);
            return index.delete(s.id(), asGap).get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("retention could not delete {}: {}", s.key(), e.toString());
            return false;
        } catch (Exception e) {
            LOG.warn("retention deleted {} but not its index row; the next pass retries", s.key(), e);
            return false;
        }
    }
}
