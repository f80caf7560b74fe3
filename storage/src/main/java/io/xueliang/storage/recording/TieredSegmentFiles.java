package io.xueliang.storage.recording;

import io.xueliang.storage.blob.BlobStore;
import io.xueliang.storage.blob.BlobStoreException;
import java.io.IOException;
import java.nio.file.Files;

/** Segment files on local disk or in the remote blob store, as the index says where each lives. */
public final class TieredSegmentFiles implements SegmentFiles {
    private final RecordingLayout layout;
    private final BlobStore remote;

    /** @param remote the remote store, or null when everything is local */
    public TieredSegmentFiles(RecordingLayout layout, BlobStore remote) {
        this.layout = layout;
        this.remote = remote;
    }

    @Override
    public void delete(RecordedSegment segment) throws IOException {
        if (segment.location().equals("local")) {
            Files.deleteIfExists(layout.file(segment.key()));
        } else if (remote != null && segment.location().equals(remote.location())) {
            try {
                remote.delete(segment.key());
            } catch (BlobStoreException e) {
                throw new IOException("deleting " + segment.key() + " from " + segment.location() + ": " + e.getMessage(), e);
            }
        } else {
            throw new IOException("segment " + segment.key() + " lives at " + segment.location()
                    + ", which this server is not configured to reach");
        }
    }
}
