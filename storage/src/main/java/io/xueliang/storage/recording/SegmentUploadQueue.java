package io.xueliang.storage.recording;

import io.xueliang.storage.blob.BlobAccessException;
import io.xueliang.storage.blob.BlobStoreException;
import io.xueliang.storage.blob.PendingUpload;
import io.xueliang.storage.blob.UploadQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording index as the uploader's durable queue: finished segments whose location is still {@code local} are
 * pending; an upload flips the row to the remote location before the local copy goes. A segment that cannot be
 * uploaded for its own fault (its file no longer matches its size or SHA-256) is set aside until the next start and
 * logged, so that it neither blocks the others nor is lost: it stays on local disk, listed and playable.
 */
public final class SegmentUploadQueue implements UploadQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentUploadQueue.class);
    private static final String LOCAL = "local";

    private final RecordingIndex index;
    private final RecordingLayout layout;
    private final Set<Long> setAside = ConcurrentHashMap.newKeySet();

    public SegmentUploadQueue(RecordingIndex index, RecordingLayout layout) {
        this.index = index;
        this.layout = layout;
    }

    @Override
    public List<PendingUpload> pending(int max) {
        List<PendingUpload> out = new ArrayList<>(max);
        long after = 0;
        while (out.size() < max) {
            List<RecordedSegment> page = index.finishedAt(LOCAL, after, max);
            if (page.isEmpty()) {
                break;
            }
            for (RecordedSegment s : page) {
                after = s.id();
                if (!setAside.contains(s.id()) && out.size() < max) {
                    out.add(new PendingUpload(s.id(), layout.file(s.key()), s.key(), s.bytes(), s.sha256()));
                }
            }
        }
        return out;
    }

    @Override
    public long pendingCount() {
        return index.countFinishedAt(LOCAL) - setAside.size();
    }

    @Override
    public void uploaded(PendingUpload upload, String location) {
        try {
            if (!index.relocate(upload.id(), location).get(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("segment " + upload.key() + " left the index during its upload");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted recording the upload of " + upload.key(), e);
        } catch (Exception e) {
            throw new IllegalStateException("the upload of " + upload.key() + " could not be recorded", e);
        }
    }

    @Override
    public void failed(PendingUpload upload, Throwable cause) {
        boolean storeAway = cause instanceof BlobAccessException
                || (cause instanceof BlobStoreException b && b.retriable());
        if (!storeAway && setAside.add(upload.id())) {
            LOG.error("segment {} cannot be uploaded ({}); it stays on local disk and is tried again at the next start",
                    upload.key(), cause.toString());
        }
    }
}
