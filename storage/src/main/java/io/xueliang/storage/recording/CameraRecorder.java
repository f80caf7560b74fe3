package io.xueliang.storage.recording;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.Fmp4SegmentRepair;
import io.xueliang.storage.fmp4.Fmp4SegmentWriter;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.FragmentBuffer;
import io.xueliang.storage.fmp4.FragmentWritten;
import io.xueliang.storage.fmp4.RepairOutcome;
import io.xueliang.storage.fmp4.SegmentSummary;
import io.xueliang.storage.fmp4.SegmentTracks;
import io.xueliang.storage.fmp4.UnitRejectedException;
import io.xueliang.storage.fmp4.UnsupportedStreamException;
import io.xueliang.sql.volume.DiskFull;
import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one camera: access units in, fMP4 segment files and index rows out. Not thread-safe: the
 * {@link RecordingService} runs each camera's units and ticks one at a time on its writer threads.
 *
 * <p>A segment starts at a video keyframe and ends
 * <ul>
 *   <li>at the first keyframe after {@code segmentSeconds} (the next segment starts with it: no gap);</li>
 *   <li>at a keyframe with new parameter sets, or when sound appears in a segment opened without it;</li>
 *   <li>when the camera's clock steps: a unit's wall clock disagrees with the segment's start plus its media time by
 *       more than {@link #CLOCK_TOLERANCE} (the first RTCP sender report moves the anchor; a camera's NTP corrects
 *       itself); the file keeps one consistent clock, the next starts at the next keyframe on the new one;</li>
 *   <li>when video stops (nothing for {@link #IDLE_TIMEOUT}) or jumps forward in time: an outage, a camera reboot;</li>
 *   <li>when the disk write fails, or recording stops for lack of space: retention could not keep the floor, or a
 *       write found the volume full. A full volume takes the whole node's {@link RecordingGate} to {@code DISK_FULL}:
 *       every camera then cuts its open file back to its last complete fragment without writing another byte (what
 *       space there is left is the database's), and starts a new segment, after a {@link GapReason#DISK_FULL} gap,
 *       once the gate opens again.</li>
 * </ul>
 * Between the end of one segment and the start of the next, time longer than {@link #GAP_TOLERANCE} is written to the
 * index as a gap with its reason, never left silently missing.
 *
 * <p>The rotations a change in the stream causes (new parameters, sound appearing, a clock step or jump, timestamps
 * the writer refuses) start at most one segment per {@code changeInterval}: a camera that sends new parameters with
 * every frame would otherwise make a file per frame. Meanwhile a clock step waits, and units that do not fit the open
 * segment (their description changed) are dropped; both are counted ({@code rotationsDeferred}).
 *
 * <p>A segment's index row is committed before its file is created, so that the index never misses a file; the
 * recorder does not wait for that commit on the writer thread (the store shares the disk and can take seconds while
 * the disk is busy): it {@link #waiting() waits} with its camera's units left queued, and the service runs it again
 * when the row is there ({@link #proceed()}). Video samples are copied into the camera's {@link FragmentBuffer},
 * reused by all its segments.
 */
final class CameraRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CameraRecorder.class);
    /** Wall-clock disagreement within a segment beyond which the camera's clock is taken to have stepped. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMillis(100);
    /** Missing time shorter than this between segments is jitter, not a gap. */
    static final Duration GAP_TOLERANCE = Duration.ofSeconds(1);
    /** Video whose wall clock jumps forward this much was interrupted (the camera's clock ran on, we got nothing). */
    static final Duration VIDEO_JUMP = Duration.ofSeconds(3);
    /** No video for this long closes the open segment (an outage); its file is then finished and hashed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    /** After a failed write, how long before trying to write again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final CameraId camera;
    private final RecordingIndex index;
    private final RecordingLayout layout;
    private final Duration segmentLength;
    private final Duration changeInterval;
    private final Fmp4WriterSettings settings;
    private final InstantSource clock;
    private final RecordingGate gate;
    private final Instant serviceStart;
    /** Runs the sync and close of finished files, off the thread that writes the next segment. */
    private final Executor closer;
    private final IndexRetries retries;
    private final Runnable wake;
    private final FragmentBuffer buffer;
    final RecorderCounters counters = new RecorderCounters();

    private Fmp4SegmentWriter writer;
    private long segmentId;
    private Instant segmentStart;
    private long segmentStartPts;
    /** Wall-clock end of the last recorded video, for gaps; from the index on the first unit. */
    private Instant lastEnd;
    private boolean lastEndLoaded;
    private GapReason nextGapReason;
    private boolean rotateAtKeyframe;
    private StreamDescription audioSeen;
    private Instant lastArrival;
    private Instant lastVideoWallClock;
    private Instant retryAt;
    /** When a change in the stream last started a segment, on the server's clock (a camera's may lie); null: never. */
    private Instant lastChangeRotation;

    /** A segment being registered in the index: its row's id once committed, and what to open then. */
    private CompletableFuture<Long> opening;
    private AccessUnit openingKeyframe;
    private SegmentTracks openingTracks;
    private Path openingFile;

    /** @param wake asks the service to run this recorder again (when its index row is committed) */
    CameraRecorder(CameraId camera, RecordingContext context, Runnable wake) {
        this.camera = camera;
        this.index = context.index();
        this.layout = context.layout();
        this.segmentLength = context.segmentLength();
        this.changeInterval = context.changeInterval();
        this.settings = context.settings();
        this.clock = context.clock();
        this.gate = context.gate();
        this.serviceStart = context.serviceStart();
        this.closer = context.closer();
        this.retries = context.retries();
        this.wake = wake;
        this.buffer = new FragmentBuffer(context.memory());
    }

    CameraId camera() {
        return camera;
    }

    boolean recording() {
        return writer != null;
    }

    /** Waiting for the index to register a new segment: give it no unit until {@link #proceed()} has run. */
    boolean waiting() {
        return opening != null && !opening.isDone();
    }

    /** The index has answered for the segment being registered: {@link #proceed()} has work to do. */
    boolean proceedDue() {
        return opening != null && opening.isDone();
    }

    /**
     * Once the index has answered: opens the registered segment's file and writes the keyframe that began it, or,
     * when the row could not be written, handles that as a failed write. Does nothing when no segment was opening.
     */
    void proceed() {
        if (opening == null || !opening.isDone()) {
            return;
        }
        CompletableFuture<Long> registered = opening;
        AccessUnit keyframe = openingKeyframe;
        opening = null;
        openingKeyframe = null;
        long id;
        try {
            id = registered.join();
        } catch (RuntimeException e) {
            writeFailed("registering a segment", e.getCause() instanceof Exception cause ? cause : e);
            return;
        }
        if (gate.paused()) {
            retries.submit("remove the row of segment " + id + ", never written", () -> index.delete(id, null));
            counters.droppedUnits.increment();
            nextGapReason = stopReason();
            return;
        }
        try {
            writer = Fmp4SegmentWriter.create(openingFile, camera, openingTracks, clock.instant(), settings, buffer,
                    this::fragmentWritten);
            segmentId = id;
        } catch (Exception e) {
            // No file was made for the row (the writer removes what it could not complete).
            retries.submit("remove the row of segment " + id + ", whose file could not be made",
                    () -> index.delete(id, null));
            writeFailed("opening a segment", e);
            return;
        }
        Instant start = keyframe.wallClock();
        recordGapBefore(start);
        segmentStart = start;
        segmentStartPts = keyframe.pts90k();
        lastVideoWallClock = null;
        rotateAtKeyframe = false;
        retryAt = null;
        counters.segments.increment();
        append(keyframe);
    }

    void accept(AccessUnit unit) {
        if (opening != null) {
            if (!opening.isDone()) {
                throw new IllegalStateException("camera " + camera + ": a unit while waiting for the index");
            }
            proceed();
        }
        lastArrival = clock.instant();
        if (!lastEndLoaded) {
            lastEndLoaded = true; // a read on the writer thread: the time since this camera's last segment is a gap
            lastEnd = index.latest(camera).map(RecordedSegment::end).orElse(null);
        }
        if (!unit.isVideo()) {
            if (audioSeen == null && writer != null && !writer.tracks().hasAudio()) {
                rotateAtKeyframe = true; // sound appeared: the next segment gets an audio track
            }
            audioSeen = unit.description();
        }
        if (gate.paused()) {
            stopForSpace();
            counters.droppedUnits.increment();
            return;
        }
        if (retryAt != null && lastArrival.isBefore(retryAt)) {
            counters.droppedUnits.increment();
            return;
        }
        if (writer != null && !fitsSegment(unit) && changeRotationHeld()) {
            counters.droppedUnits.increment();
            counters.rotationsDeferred.increment();
            return;
        }
        if (writer != null && unit.isVideo()) {
            checkContinuity(unit);
        }
        if (writer != null && unit.isVideo() && unit.isKeyframe()) {
            boolean periodic = Duration.between(segmentStart, unit.wallClock()).compareTo(segmentLength) >= 0;
            boolean change = changeDue(unit);
            if (periodic || change && !changeRotationHeld()) {
                finish(null);
                if (!periodic) {
                    changeRotated();
                }
            } else if (change) {
                counters.rotationsDeferred.increment();
            }
        }
        if (writer == null) {
            if (!(unit.isVideo() && unit.isKeyframe())) {
                counters.droppedUnits.increment(); // a segment starts at a keyframe
                return;
            }
            open(unit); // the unit is written by proceed(), once the index has the segment
            return;
        }
        append(unit);
    }

    /**
     * The gate is closed: closes the open segment. At the floor there is room to write its last fragment; on a full
     * volume not a byte more is written, the file is cut back to its last complete fragment.
     */
    private void stopForSpace() {
        GapReason reason = stopReason();
        if (writer != null) {
            if (reason == GapReason.DISK_FULL) {
                Fmp4SegmentWriter w = writer;
                writer = null;
                LOG.debug("camera {}: segment closed at its last complete fragment: the storage volume is full", camera);
                salvage(w, segmentId, new java.io.IOException("storage volume full"));
            } else {
                finish("recording paused: no disk space could be freed");
            }
        }
        nextGapReason = reason;
    }

    private GapReason stopReason() {
        return gate.state() == RecordingGate.State.DISK_FULL ? GapReason.DISK_FULL : GapReason.PAUSED;
    }

    /** What this camera's recording is doing, for metrics: read from another thread, so an estimate. */
    String state() {
        if (gate.paused()) {
            return gate.state().wireName();
        }
        if (opening != null) {
            return "opening";
        }
        Instant retry = retryAt;
        if (retry != null && clock.instant().isBefore(retry)) {
            return "failing";
        }
        return writer != null ? "recording" : "idle";
    }

    /** Called about once a second: closes the segment of a camera that went quiet. */
    void tick() {
        if (writer != null && lastArrival != null
                && Duration.between(lastArrival, clock.instant()).compareTo(IDLE_TIMEOUT) >= 0) {
            finish("no video for " + IDLE_TIMEOUT.toSeconds() + " s");
            nextGapReason = GapReason.DISCONNECTED;
        }
    }

    /** Finishes the open segment (shutdown, camera removed), after the one being registered, if any, is opened. */
    void stop() {
        if (opening != null) {
            try {
                opening.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // proceed() below handles a failed registration; a hung one is left to the repair at start
            }
            if (opening.isDone()) {
                proceed();
            }
        }
        if (writer != null) {
            finish(null);
        }
        buffer.release();
    }

    private void checkContinuity(AccessUnit unit) {
        Instant expected = segmentStart.plusNanos((unit.pts90k() - segmentStartPts) * 1_000_000_000L / 90_000L);
        Duration skew = Duration.between(expected, unit.wallClock()).abs();
        if (lastVideoWallClock != null
                && Duration.between(lastVideoWallClock, unit.wallClock()).compareTo(VIDEO_JUMP) > 0) {
            // Video jumped forward: the camera was away (its clock ran on while we got nothing).
            if (changeRotationHeld()) {
                counters.rotationsDeferred.increment(); // a clock jumping at every frame: one file per interval
                rotateAtKeyframe = true;
                return;
            }
            finish(null);
            changeRotated();
            nextGapReason = GapReason.DISCONNECTED;
        } else if (skew.compareTo(CLOCK_TOLERANCE) > 0 && !rotateAtKeyframe) {
            rotateAtKeyframe = true;
            nextGapReason = GapReason.CLOCK_JUMP;
            counters.clockSteps.increment();
        }
    }

    /** A rotation the stream asks for at this keyframe: a clock step, new parameters, sound appearing. */
    private boolean changeDue(AccessUnit keyframe) {
        SegmentTracks tracks = writer.tracks();
        return rotateAtKeyframe
                || !keyframe.description().equals(tracks.video())
                || (audioSeen != null && !tracks.hasAudio());
    }

    /** Whether the open segment's track takes {@code unit} as it is (same description). */
    private boolean fitsSegment(AccessUnit unit) {
        SegmentTracks tracks = writer.tracks();
        if (unit.isVideo()) {
            return unit.description().equals(tracks.video());
        }
        return !tracks.hasAudio() || unit.description().equals(tracks.audio());
    }

    /** True while a change in the stream started a segment less than {@code changeInterval} ago. */
    private boolean changeRotationHeld() {
        return lastChangeRotation != null && !changeInterval.isZero()
                && Duration.between(lastChangeRotation, clock.instant()).compareTo(changeInterval) < 0;
    }

    private void changeRotated() {
        lastChangeRotation = clock.instant();
    }

    /**
     * Starts a segment at {@code keyframe}: asks the index for its row and returns; the recorder then
     * {@link #waiting() waits} until {@link #proceed()} opens the file. False when the stream cannot be recorded.
     */
    private boolean open(AccessUnit keyframe) {
        Instant start = keyframe.wallClock();
        SegmentTracks tracks;
        try {
            tracks = new SegmentTracks(keyframe.description(), audioSeen);
        } catch (UnsupportedStreamException e) {
            try {
                tracks = SegmentTracks.videoOnly(keyframe.description());
            } catch (UnsupportedStreamException video) {
                counters.droppedUnits.increment();
                LOG.warn("camera {}: cannot record this stream: {}", camera, video.getMessage());
                retryAt = clock.instant().plus(RETRY_AFTER_FAILURE);
                return false;
            }
        }
        try {
            String key = null;
            Path file = null;
            for (int attempt = 0; key == null; attempt++) {
                String candidate = layout.key(camera, start, attempt);
                Path candidateFile = layout.file(candidate);
                if (!Files.exists(candidateFile)) {
                    key = candidate;
                    file = candidateFile;
                }
            }
            OwnerOnlyFiles.createDirectories(file.getParent());
            openingFile = file;
            openingTracks = tracks;
            openingKeyframe = keyframe;
            opening = index.open(camera, start, "local", key, keyframe.codec(), keyframe.description().width(),
                    keyframe.description().height());
        } catch (Exception e) {
            writeFailed("opening a segment", e);
            return false;
        }
        opening.whenComplete((id, e) -> wake.run());
        return true;
    }

    private void recordGapBefore(Instant start) {
        if (lastEnd != null && Duration.between(lastEnd, start).compareTo(GAP_TOLERANCE) > 0) {
            GapReason reason = nextGapReason != null ? nextGapReason
                    : lastEnd.isBefore(serviceStart) ? GapReason.SERVER_DOWN : GapReason.DISCONNECTED;
            index.gap(new RecordingGap(camera, lastEnd, start, reason)).exceptionally(e -> {
                LOG.warn("camera {}: gap {}..{} not indexed", camera, lastEnd, start, e);
                return null;
            });
            counters.gaps.increment();
        }
        nextGapReason = null;
    }

    private void append(AccessUnit unit) {
        try {
            writer.append(unit);
            counters.units.increment();
            if (unit.isVideo()) {
                lastVideoWallClock = unit.wallClock();
            }
        } catch (UnitRejectedException e) {
            rejected(unit, e);
        } catch (IOException e) {
            counters.droppedUnits.increment(); // and the open fragment's, written by none: cut back with the file
            writeFailed("writing", e);
        }
    }

    private void rejected(AccessUnit unit, UnitRejectedException e) {
        switch (e.reason()) {
            case NO_SUCH_TRACK -> {
                counters.droppedUnits.increment(); // sound before its track exists; the next segment has one
                rotateAtKeyframe = true;
            }
            case DESCRIPTION_CHANGED, TIMESTAMP_JUMP, TIMESTAMP_NOT_INCREASING -> {
                if (changeRotationHeld()) {
                    counters.droppedUnits.increment(); // timestamps that jump at every frame: one file per interval
                    counters.rotationsDeferred.increment();
                    return;
                }
                finish(null);
                changeRotated();
                if (e.reason() != UnitRejectedException.Reason.DESCRIPTION_CHANGED) {
                    nextGapReason = GapReason.CLOCK_JUMP;
                    counters.clockSteps.increment();
                }
                if (!(unit.isVideo() && unit.isKeyframe() && open(unit))) {
                    counters.droppedUnits.increment();
                }
            }
            default -> {
                // Too large, or a stream the writer cannot take: skip to the next keyframe in a new segment.
                LOG.warn("camera {}: unit refused ({}): {}", camera, e.reason(), e.getMessage());
                counters.droppedUnits.increment();
                finish(null);
            }
        }
    }

    private void fragmentWritten(FragmentWritten f) {
        counters.fragments.increment();
        Instant end = f.wallClockStart().plus(f.duration());
        // Best effort: after a crash the file itself, repaired, is the truth.
        index.progress(segmentId, end, f.fileBytes(), f.segmentVideoFrames());
    }

    /**
     * Closes the open segment: its last fragment is written here, the sync to disk (tens of milliseconds, seconds when
     * the disk is busy) and the index row are left to the closer, so that a minute's rotation of every camera at once
     * does not stall the writers and overflow the cameras' queues. {@code why} is logged when not a routine rotation.
     */
    private void finish(String why) {
        Fmp4SegmentWriter w = writer;
        long id = segmentId;
        writer = null;
        if (why != null) {
            LOG.info("camera {}: segment closed: {}", camera, why);
        }
        SegmentSummary s;
        try {
            s = w.complete();
        } catch (IOException | RuntimeException e) {
            salvage(w, id, e);
            return;
        }
        lastEnd = s.wallClockEnd();
        counters.bytes.add(s.bytes());
        closer.execute(() -> closeDurably(w, id, s));
    }

    /** On the closer: the file is synced before its row says FINISHED, so the index never names a file not on disk. */
    private void closeDurably(Fmp4SegmentWriter w, long id, SegmentSummary s) {
        try {
            w.closeDurably();
        } catch (IOException | RuntimeException e) {
            salvageFile(w, id, e);
            return;
        }
        try {
            // Waited for, so that when the closer is done (a graceful stop) every finished file is indexed as such.
            retries.submit("finish segment " + id, () -> index.finish(id, s.wallClockEnd(), s.bytes(), s.videoFrames(),
                    s.sha256())).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("camera {}: finished segment {} not indexed; it will be repaired at start", camera, id);
        } catch (Exception e) {
            LOG.debug("camera {}: finished segment {} not indexed yet: {}", camera, id, e.toString());
        }
    }

    private void writeFailed(String doing, Exception e) {
        counters.writeFailures.increment();
        boolean full = DiskFull.causedBy(e);
        if (full) {
            gate.diskFull(); // logs once for the node; this camera's part is a debug line
            LOG.debug("camera {}: {} failed: the storage volume is full: {}", camera, doing, e.toString());
        } else {
            LOG.warn("camera {}: recording failed {}: {}; retrying in {} s", camera, doing, e.toString(),
                    RETRY_AFTER_FAILURE.toSeconds());
        }
        if (writer != null) {
            Fmp4SegmentWriter w = writer;
            writer = null;
            salvage(w, segmentId, e);
        }
        retryAt = clock.instant().plus(RETRY_AFTER_FAILURE);
        nextGapReason = full ? GapReason.DISK_FULL : nextGapReason == null ? GapReason.PAUSED : nextGapReason;
    }

    /** A segment whose writing failed: cut back to its last complete fragment, which is indexed as finished. */
    private void salvage(Fmp4SegmentWriter w, long id, Exception cause) {
        Instant end = salvageFile(w, id, cause);
        if (end != null) {
            lastEnd = end;
        }
    }

    /**
     * Cuts a failed segment's file back to its last complete fragment and indexes it as finished, or removes it when
     * nothing is left; touches no recorder state, so the closer may call it.
     *
     * @return the wall-clock end of what was kept, or null when nothing was
     */
    private Instant salvageFile(Fmp4SegmentWriter w, long id, Exception cause) {
        try {
            w.abandon();
        } catch (IOException | RuntimeException ignored) {
            // the file is repaired below from what reached the disk
        }
        try {
            RepairOutcome outcome = Fmp4SegmentRepair.repair(w.file());
            if (outcome instanceof RepairOutcome.Repaired r && r.fragments() > 0) {
                retries.submit("finish segment " + id + ", cut back after a failed write",
                        () -> index.finish(id, r.wallClockEnd(), r.bytes(), r.videoFrames(), r.sha256()));
                return r.wallClockEnd();
            }
            Files.deleteIfExists(w.file());
            retries.submit("remove the row of segment " + id + ", empty after a failed write",
                    () -> index.delete(id, null));
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera {}: segment {} could not be salvaged after {}; it will be repaired at start", camera,
                    w.file(), cause.toString(), e);
        }
        return null;
    }
}
