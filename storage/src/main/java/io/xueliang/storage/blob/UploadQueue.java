package io.xueliang.storage.blob;

import java.util.List;

/**
 * The durable list of finished files that still live only on local disk, kept by their owner (the recording index:
 * the row of a finished segment says where the segment lives). {@link BlobUploader} reads it and reports back; it keeps
 * nothing itself, so a restart loses nothing: whatever was not reported {@link #uploaded} is offered again.
 *
 * <p>Calls come from the uploader's thread, one at a time.
 */
public interface UploadQueue {
    /** Up to {@code max} files to upload, oldest first. */
    List<PendingUpload> pending(int max);

    /** How many files wait in all (a gauge: how far behind the remote tier is). */
    long pendingCount();

    /**
     * The file is stored in the remote store: record {@code location} as where it lives, durably, before returning.
     * Only after this returns does the uploader delete the local copy; if it throws, the local copy stays and the file
     * is offered again (the repeated put is a no-op).
     */
    void uploaded(PendingUpload upload, String location);

    /**
     * The upload failed. With a {@linkplain BlobStoreException#retriable() retriable} cause or a
     * {@link BlobAccessException} (the store is away or refuses everyone) the file stays pending and the uploader backs
     * off. With another cause the file itself is at fault (missing, or not matching its recorded size or SHA-256): the
     * queue should stop offering it and make it visible to an operator, since retrying gives the same answer.
     */
    void failed(PendingUpload upload, Throwable cause);
}
