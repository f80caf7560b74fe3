package io.xueliang.server;

import io.xueliang.config.BlobStoreKind;
import io.xueliang.config.StorageConfig;
import io.xueliang.media.ExecutorScheduler;
import io.xueliang.storage.blob.BlobStore;
import io.xueliang.storage.blob.BlobStoreException;
import io.xueliang.storage.blob.BlobUploader;
import io.xueliang.storage.blob.S3BlobStore;
import io.xueliang.storage.blob.UploadMetrics;
import io.xueliang.storage.blob.UploadPolicy;
import io.xueliang.storage.recording.RecordingIndex;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.SegmentUploadQueue;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote tier of a deployment with {@code storage.blob: s3}: the bucket, and the uploader that moves finished
 * segments there from local disk. With {@code local}, nothing. The server starts even when the bucket cannot be
 * reached: recording goes on locally and the uploader catches up once it can.
 */
final class RemoteTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteTier.class);

    private final S3BlobStore store;
    private final BlobUploader uploader;
    private final ExecutorScheduler scheduler;

    private RemoteTier(S3BlobStore store, BlobUploader uploader, ExecutorScheduler scheduler) {
        this.store = store;
        this.uploader = uploader;
        this.scheduler = scheduler;
    }

    static RemoteTier start(StorageConfig config, RecordingIndex index, RecordingLayout layout) {
        if (config.blob() != BlobStoreKind.S3) {
            return new RemoteTier(null, null, null);
        }
        S3BlobStore store = S3BlobStore.create(config.s3());
        try {
            store.createBucketIfMissing();
            LOG.info("finished segments go to {}", config.s3());
        } catch (BlobStoreException e) {
            LOG.warn("the bucket cannot be reached now ({}); recording continues on local disk and uploads catch up "
                    + "once it can", e.getMessage());
        }
        ExecutorScheduler scheduler = new ExecutorScheduler("segment-uploader");
        BlobUploader uploader = new BlobUploader(store, new SegmentUploadQueue(index, layout), scheduler,
                UploadPolicy.defaults(), new SplittableRandom());
        uploader.start();
        return new RemoteTier(store, uploader, scheduler);
    }

    Optional<BlobStore> store() {
        return Optional.ofNullable(store);
    }

    Optional<UploadMetrics> metrics() {
        return Optional.ofNullable(uploader).map(BlobUploader::metrics);
    }

    @Override
    public void close() {
        if (uploader != null) {
            uploader.close();
            scheduler.close();
            store.close();
        }
    }
}
