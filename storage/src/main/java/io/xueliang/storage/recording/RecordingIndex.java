package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The recording index: segments, gaps and evidence holds. Queries block (call them on a worker thread); changes
 * return futures that complete once committed.
 */
public interface RecordingIndex {
    /** Most rows one query answers: bounds memory per request; callers page by time. */
    int MAX_ROWS = 10_000;

    /** Registers a segment file being opened; the future yields its id. */
    CompletableFuture<Long> open(CameraId camera, Instant start, String location, String key, Codec codec, int width,
            int height);

    /** Records how far an open segment has been written (its last complete fragment). */
    CompletableFuture<Void> progress(long id, Instant end, long bytes, long frames);

    /** Marks a segment finished with its final end, size, frame count and SHA-256. */
    CompletableFuture<Void> finish(long id, Instant end, long bytes, long frames, String sha256);

    CompletableFuture<Void> gap(RecordingGap gap);

    /** Segments of {@code camera} overlapping {@code [from, to)}, oldest first, at most {@code limit}. */
    List<RecordedSegment> segments(CameraId camera, Instant from, Instant to, int limit);

    /** Gaps of {@code camera} overlapping {@code [from, to)}, oldest first, at most {@code limit}. */
    List<RecordingGap> gaps(CameraId camera, Instant from, Instant to, int limit);

    Optional<RecordedSegment> segment(long id);

    /** The camera's latest segment, to tell how long it was away when recording starts again. */
    Optional<RecordedSegment> latest(CameraId camera);

    /** Segments left open (by a crash or a stop): to be repaired at start. */
    List<RecordedSegment> openSegments();

    /**
     * Finished segments that may be deleted, oldest first: ending before {@code before} (null: any age), of
     * {@code camera} (null: any), stored at {@code location} (null: anywhere), and not overlapping an active hold.
     */
    List<RecordedSegment> deletable(CameraId camera, Instant before, String location, int limit);

    /** Removes a segment's row (its file is the caller's); with {@code asGap}, its time becomes a gap of that reason. */
    CompletableFuture<Boolean> delete(long id, GapReason asGap);

    /** Finished segments whose file is at {@code location}, by id, after {@code afterId}. */
    List<RecordedSegment> finishedAt(String location, long afterId, int limit);

    /** How many finished segments are stored at {@code location}. */
    long countFinishedAt(String location);

    /** Records that a segment's file now lives at {@code location}. */
    CompletableFuture<Boolean> relocate(long id, String location);

    /** Every camera with at least one segment. */
    List<CameraId> cameras();

    /** Places a hold; the future yields it. */
    CompletableFuture<EvidenceHold> hold(CameraId camera, Instant from, Instant to, String caseReference, String reason,
            String createdBy, Instant now);

    /** Releases an active hold; false when there is none with that id. */
    CompletableFuture<Boolean> release(long holdId, String releasedBy, Instant now);

    /** Holds, newest first: active only or all, of one camera or all (null), at most {@code limit}. */
    List<EvidenceHold> holds(CameraId camera, boolean activeOnly, int limit);

    Optional<EvidenceHold> holdById(long id);
}
