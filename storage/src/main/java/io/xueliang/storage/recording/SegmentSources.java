package io.xueliang.storage.recording;

import io.xueliang.storage.blob.BlobStore;
import io.xueliang.storage.blob.BlobStoreException;
import io.xueliang.storage.fmp4.FileSegmentSource;
import io.xueliang.storage.fmp4.SegmentSource;
import io.xueliang.storage.playback.SourceSegment;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes of indexed segments, wherever the index says each lives: a local file, or an object in the remote blob
 * store read by ranges. Playback and export read through this, so footage already moved to the bucket plays and
 * exports like footage on disk.
 */
public final class SegmentSources {
    private final RecordingLayout layout;
    private final BlobStore remote;

    /** @param remote the remote store, or null when everything is local */
    public SegmentSources(RecordingLayout layout, BlobStore remote) {
        this.layout = layout;
        this.remote = remote;
    }

    public SegmentSource of(RecordedSegment segment) {
        if (segment.location().equals("local")) {
            return new FileSegmentSource(layout.file(segment.key()));
        }
        if (remote != null && segment.location().equals(remote.location())) {
            return new BlobSegment(remote, segment);
        }
        throw new IllegalStateException("segment " + segment.key() + " lives at " + segment.location()
                + ", which this server is not configured to reach");
    }

    /** The segments as playback and export take them: wall-clock start and bytes, in order. */
    public List<SourceSegment> sources(List<RecordedSegment> segments) {
        return segments.stream().map(s -> new SourceSegment(s.start(), of(s))).toList();
    }

    /** A finished segment in the blob store: its size is the index's, reads are ranged GETs. */
    private record BlobSegment(BlobStore store, RecordedSegment segment) implements SegmentSource {
        @Override
        public String name() {
            return store.location() + ":" + segment.key();
        }

        @Override
        public long size() {
            return segment.bytes();
        }

        @Override
        public InputStream open(long offset, long length) throws IOException {
            try {
                return store.open(segment.key(), offset, length);
            } catch (BlobStoreException e) {
                throw new IOException("reading " + name() + ": " + e.getMessage(), e);
            }
        }
    }
}
