package io.xueliang.storage.blob;

import io.xueliang.media.ManualScheduler;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 tier's promise against a real S3 server (S3Proxy as a child process): while S3 is down recording goes on
 * locally and uploads wait with backoff; when it comes back everything catches up, nothing is lost, and no local copy
 * goes before its upload is stored and recorded.
 */
class BlobUploaderS3Test {
    private static final UploadPolicy POLICY = new UploadPolicy(5, Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    @TempDir
    Path temp;
    S3ProxyServer server;
    S3BlobStore remote;
    final ManualScheduler scheduler = new ManualScheduler();

    @BeforeEach
    void startServer() throws IOException {
        server = S3ProxyServer.startOrSkip(temp.resolve("s3proxy"));
        remote = S3BlobStore.create(server.config("recordings", "site-a"), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        remote.createBucketIfMissing();
    }

    @AfterEach
    void stopServer() {
        if (remote != null) {
            remote.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void s3StoppedMidRunThenRestartedLosesNothing() throws IOException {
        InMemoryUploadQueue queue = new InMemoryUploadQueue(remote);
        List<TestFile> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // one file above the client's multipart threshold, the rest the size of short segments
            int size = i == 7 ? 6 * 1024 * 1024 + 17 : 64 * 1024 + i * 1000;
            TestFile f = TestFile.write(temp.resolve("spool"), "cam" + (i % 3) + "/seg" + i + ".mp4", size, i);
            files.add(f);
            queue.add(new PendingUpload(i, f.path(), key(i), f.size(), f.sha256()));
        }
        queue.afterUploaded(u -> {
            if (u.id() == 3) {
                server.stop(); // S3 goes away in the middle of a round
            }
        });
        BlobUploader uploader = new BlobUploader(remote, queue, scheduler, POLICY, new Random(7));

        uploader.start();
        scheduler.runDue();

        assertThat(queue.pendingCount()).isEqualTo(8);
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.BACKING_OFF);
        assertThat(files.subList(0, 4)).allSatisfy(f -> assertThat(f.path()).doesNotExist());
        assertThat(files.subList(4, 12)).allSatisfy(f -> assertThat(f.path()).exists());

        // several rounds while S3 stays down: each fails as retriable and waits longer
        for (int round = 1; round <= 4; round++) {
            Duration wait = scheduler.nextDueIn().orElseThrow();
            assertThat(wait).isBetween(POLICY.backoffMin(), uploader.backoffBound());
            scheduler.advance(wait);
        }
        assertThat(queue.failures()).hasSize(5).allSatisfy(e -> assertThat(e)
                .isInstanceOf(RetriableBlobStoreException.class));
        assertThat(queue.pendingCount()).isEqualTo(8);
        assertThat(files.subList(4, 12)).allSatisfy(f -> assertThat(f.path()).exists());
        assertThat(uploader.metrics().uploaded()).isEqualTo(4);

        server.start();
        scheduler.advance(POLICY.backoffMax());

        assertThat(queue.pendingCount()).isZero();
        assertThat(queue.violations()).isEmpty();
        assertThat(uploader.metrics().uploaded()).isEqualTo(12);
        assertThat(uploader.metrics().consecutiveFailedRounds()).isZero();
        for (int i = 0; i < 12; i++) {
            TestFile f = files.get(i);
            assertThat(f.path()).doesNotExist();
            assertThat(queue.locations()).containsEntry(key(i), "s3");
            assertThat(TestFile.sha256(TestFile.readAll(remote.open(key(i), 0, f.size())))).as(key(i))
                    .isEqualTo(f.sha256());
        }
        assertThat(listAll()).hasSize(12);
        uploader.close();
    }

    private static String key(int i) {
        return "cam" + (i % 3) + "/2024-05-01/seg" + i + ".mp4";
    }

    private List<String> listAll() {
        List<String> keys = new ArrayList<>();
        BlobPage page = remote.list("", null, 5);
        while (true) {
            page.entries().forEach(e -> keys.add(e.key()));
            if (page.next().isEmpty()) {
                return keys;
            }
            page = remote.list("", page.next().get(), 5);
        }
    }
}
