package io.xueliang.storage.blob;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The recording index's part in uploads, in memory (a test fixture): pending files in insertion order, where each file
 * lives once uploaded, every failure reported, and a check of the uploader's promise at the moment it reports an
 * upload: the blob is in the remote store and the local copy still exists.
 */
final class InMemoryUploadQueue implements UploadQueue {
    private final BlobStore remote;
    private final Map<Long, PendingUpload> pending = new LinkedHashMap<>();
    private final Map<Long, PendingUpload> broken = new LinkedHashMap<>();
    private final Map<String, String> locations = new LinkedHashMap<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private Consumer<PendingUpload> afterUploaded = u -> { };
    private int failNextRecords;

    /** @param remote where uploads go, to check that a reported upload is really there */
    InMemoryUploadQueue(BlobStore remote) {
        this.remote = remote;
    }

    synchronized void add(PendingUpload upload) {
        pending.put(upload.id(), upload);
        locations.put(upload.key(), "local");
    }

    /** Runs {@code hook} after each recorded upload (e.g. to stop the store in the middle of a round). */
    synchronized void afterUploaded(Consumer<PendingUpload> hook) {
        this.afterUploaded = hook;
    }

    /** The next {@code n} calls of {@link #uploaded} fail, as an index write that fails would. */
    synchronized void failNextRecords(int n) {
        this.failNextRecords = n;
    }

    @Override
    public synchronized List<PendingUpload> pending(int max) {
        return pending.values().stream().limit(max).toList();
    }

    @Override
    public synchronized long pendingCount() {
        return pending.size();
    }

    @Override
    public void uploaded(PendingUpload upload, String location) {
        Consumer<PendingUpload> hook;
        synchronized (this) {
            if (failNextRecords > 0) {
                failNextRecords--;
                throw new IllegalStateException("index write failed (test)");
            }
            if (!Files.exists(upload.file())) {
                violations.add(upload.key() + ": local copy gone before the upload was recorded");
            }
            if (!remote.exists(upload.key())) {
                violations.add(upload.key() + ": recorded as uploaded but not in the remote store");
            }
            pending.remove(upload.id());
            locations.put(upload.key(), location);
            hook = afterUploaded;
        }
        hook.accept(upload);
    }

    @Override
    public synchronized void failed(PendingUpload upload, Throwable cause) {
        failures.add(cause);
        boolean storeAway = cause instanceof BlobStoreException b && (b.retriable() || b instanceof BlobAccessException);
        if (!storeAway) {
            pending.remove(upload.id());
            broken.put(upload.id(), upload);
        }
    }

    synchronized Map<String, String> locations() {
        return Map.copyOf(locations);
    }

    synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized List<PendingUpload> broken() {
        return List.copyOf(broken.values());
    }
}
