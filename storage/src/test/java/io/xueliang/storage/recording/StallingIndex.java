package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The recording index of a store on a disk that has stopped answering for a while: registering a segment
 * ({@link #open}) completes only once {@link #resume()} is called; everything else goes straight to the real index.
 */
final class StallingIndex implements RecordingIndex {
    private final RecordingIndex index;
    private final CompletableFuture<Void> resumed = new CompletableFuture<>();

    StallingIndex(RecordingIndex index) {
        this.index = index;
    }

    void resume() {
        resumed.complete(null);
    }

    @Override
    public CompletableFuture<Long> open(CameraId camera, Instant start, String location, String key, Codec codec,
            int width, int height) {
        return resumed.thenCompose(v -> index.open(camera, start, location, key, codec, width, height));
    }

    @Override
    public CompletableFuture<Void> progress(long id, Instant end, long bytes, long frames) {
        return index.progress(id, end, bytes, frames);
    }

    @Override
    public CompletableFuture<Void> finish(long id, Instant end, long bytes, long frames, String sha256) {
        return index.finish(id, end, bytes, frames, sha256);
    }

    @Override
    public CompletableFuture<Void> gap(RecordingGap gap) {
        return index.gap(gap);
    }

    @Override
    public List<RecordedSegment> segments(CameraId camera, Instant from, Instant to, int limit) {
        return index.segments(camera, from, to, limit);
    }

    @Override
    public List<RecordingGap> gaps(CameraId camera, Instant from, Instant to, int limit) {
        return index.gaps(camera, from, to, limit);
    }

    @Override
    public Optional<RecordedSegment> segment(long id) {
        return index.segment(id);
    }

    @Override
    public Optional<RecordedSegment> latest(CameraId camera) {
        return index.latest(camera);
    }

    @Override
    public List<RecordedSegment> openSegments() {
        return index.openSegments();
    }

    @Override
    public List<RecordedSegment> deletable(CameraId camera, Instant before, String location, int limit) {
        return index.deletable(camera, before, location, limit);
    }

    @Override
    public CompletableFuture<Boolean> delete(long id, GapReason asGap) {
        return index.delete(id, asGap);
    }

    @Override
    public List<RecordedSegment> finishedAt(String location, long afterId, int limit) {
        return index.finishedAt(location, afterId, limit);
    }

    @Override
    public long countFinishedAt(String location) {
        return index.countFinishedAt(location);
    }

    @Override
    public CompletableFuture<Boolean> relocate(long id, String location) {
        return index.relocate(id, location);
    }

    @Override
    public List<CameraId> cameras() {
        return index.cameras();
    }

    @Override
    public CompletableFuture<EvidenceHold> hold(CameraId camera, Instant from, Instant to, String caseReference,
            String reason, String createdBy, Instant now) {
        return index.hold(camera, from, to, caseReference, reason, createdBy, now);
    }

    @Override
    public CompletableFuture<Boolean> release(long holdId, String releasedBy, Instant now) {
        return index.release(holdId, releasedBy, now);
    }

    @Override
    public List<EvidenceHold> holds(CameraId camera, boolean activeOnly, int limit) {
        return index.holds(camera, activeOnly, limit);
    }

    @Override
    public Optional<EvidenceHold> holdById(long id) {
        return index.holdById(id);
    }
}
