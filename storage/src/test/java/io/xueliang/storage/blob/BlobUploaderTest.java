package io.xueliang.storage.blob;

import io.xueliang.media.ManualScheduler;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uploader's rules on a manual clock, with a local directory standing in for the remote store and a switch that
 * makes it unreachable. {@link BlobUploaderS3Test} runs the same story against a real S3 server.
 */
class BlobUploaderTest {
    private static final UploadPolicy POLICY = new UploadPolicy(4, Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    @TempDir
    Path temp;
    final ManualScheduler scheduler = new ManualScheduler();
    SwitchableStore remote;
    InMemoryUploadQueue queue;
    BlobUploader uploader;
    final List<TestFile> files = new ArrayList<>();

    @BeforeEach
    void setUp() {
        remote = new SwitchableStore(new LocalBlobStore(temp.resolve("remote")));
        queue = new InMemoryUploadQueue(remote);
        uploader = new BlobUploader(remote, queue, scheduler, POLICY, new Random(42));
    }

    @AfterEach
    void noPromiseBroken() {
        uploader.close();
        assertThat(queue.violations()).isEmpty();
    }

    private TestFile finish(int n) throws IOException {
        TestFile f = TestFile.write(temp.resolve("spool"), "cam1/seg" + n + ".mp4", 1000 + n, n);
        files.add(f);
        queue.add(new PendingUpload(n, f.path(), "cam1/seg" + n + ".mp4", f.size(), f.sha256()));
        return f;
    }

    @Test
    void uploadsEverythingAndDeletesTheLocalCopiesAfterwards() throws IOException {
        for (int i = 0; i < 10; i++) {
            finish(i);
        }

        uploader.start();
        scheduler.runDue();

        assertThat(queue.pendingCount()).isZero();
        for (int i = 0; i < 10; i++) {
            TestFile f = files.get(i);
            assertThat(f.path()).doesNotExist();
            assertThat(TestFile.sha256(TestFile.readAll(remote.open("cam1/seg" + i + ".mp4", 0, f.size()))))
                    .isEqualTo(f.sha256());
            assertThat(queue.locations()).containsEntry("cam1/seg" + i + ".mp4", "local");
        }
        assertThat(uploader.metrics().uploaded()).isEqualTo(10);
        assertThat(uploader.metrics().uploadedBytes()).isEqualTo(files.stream().mapToLong(TestFile::size).sum());
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.IDLE);
        assertThat(scheduler.nextDueIn()).contains(POLICY.idleInterval());
    }

    @Test
    void whileTheStoreIsAwayRoundsBackOffWithFullJitterUpToTheCap() throws IOException {
        finish(1);
        finish(2);
        remote.away = true;
        uploader.start();
        scheduler.runDue();

        List<Duration> waits = new ArrayList<>();
        for (int round = 1; round <= 12; round++) {
            assertThat(uploader.state()).isEqualTo(BlobUploader.State.BACKING_OFF);
            Duration wait = scheduler.nextDueIn().orElseThrow();
            Duration ceiling = Duration.ofSeconds(Math.min(60, 1L << (round - 1)));
            assertThat(wait).as("wait after failed round %d", round).isBetween(Duration.ofSeconds(1), ceiling);
            waits.add(wait);
            scheduler.advance(wait);
        }

        assertThat(files).allSatisfy(f -> assertThat(f.path()).exists());
        assertThat(queue.pendingCount()).isEqualTo(2);
        assertThat(queue.failures()).hasSize(13).allSatisfy(e -> assertThat(e).isInstanceOf(
                RetriableBlobStoreException.class));
        assertThat(uploader.metrics().retriableFailures()).isEqualTo(13);
        assertThat(uploader.metrics().consecutiveFailedRounds()).isEqualTo(13);
        assertThat(uploader.metrics().uploaded()).isZero();
        assertThat(new HashSet<>(waits.subList(6, 12))).as("jittered, not a fixed 60 s").hasSizeGreaterThan(1);
        assertThat(uploader.backoffBound()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void catchesUpOnceTheStoreIsBackAndResetsTheBackoff() throws IOException {
        for (int i = 0; i < 10; i++) {
            finish(i);
        }
        remote.away = true;
        uploader.start();
        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(uploader.metrics().consecutiveFailedRounds()).isGreaterThan(1);

        remote.away = false;
        scheduler.advance(Duration.ofSeconds(60));

        assertThat(queue.pendingCount()).isZero();
        assertThat(files).allSatisfy(f -> assertThat(f.path()).doesNotExist());
        assertThat(uploader.metrics().uploaded()).isEqualTo(10);
        assertThat(uploader.metrics().consecutiveFailedRounds()).isZero();
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.IDLE);
    }

    @Test
    void theStoreGoingAwayMidRoundKeepsTheRestLocal() throws IOException {
        for (int i = 0; i < 4; i++) {
            finish(i);
        }
        queue.afterUploaded(u -> remote.away = u.id() == 1);

        uploader.start();
        scheduler.runDue();

        assertThat(files.get(0).path()).doesNotExist();
        assertThat(files.get(1).path()).doesNotExist();
        assertThat(files.get(2).path()).exists();
        assertThat(files.get(3).path()).exists();
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.BACKING_OFF);
    }

    @Test
    void aDamagedFileIsHandedBackAndTheOthersStillGo() throws IOException {
        finish(1);
        TestFile damaged = TestFile.write(temp.resolve("spool"), "cam1/damaged.mp4", 500, 7);
        queue.add(new PendingUpload(2, damaged.path(), "cam1/damaged.mp4", damaged.size(),
                TestFile.sha256(new byte[] {1, 2, 3})));
        finish(3);

        uploader.start();
        scheduler.runDue();

        assertThat(uploader.metrics().uploaded()).isEqualTo(2);
        assertThat(uploader.metrics().permanentFailures()).isEqualTo(1);
        assertThat(queue.failures()).singleElement().isInstanceOf(BlobIntegrityException.class);
        assertThat(queue.broken()).extracting(PendingUpload::key).containsExactly("cam1/damaged.mp4");
        assertThat(damaged.path()).exists();
        assertThat(remote.exists("cam1/damaged.mp4")).isFalse();
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.IDLE);
    }

    @Test
    void aFailedRecordKeepsTheLocalCopyAndTheRetryOnlyRecords() throws IOException {
        TestFile f = finish(1);
        queue.failNextRecords(1);

        uploader.start();
        scheduler.runDue();

        assertThat(remote.exists("cam1/seg1.mp4")).isTrue();
        assertThat(f.path()).exists();
        assertThat(queue.pendingCount()).isEqualTo(1);
        int putsBefore = remote.writes;

        scheduler.advance(uploader.backoffBound());

        assertThat(queue.pendingCount()).isZero();
        assertThat(f.path()).doesNotExist();
        assertThat(remote.writes).as("the second put found the blob stored").isEqualTo(putsBefore);
    }

    @Test
    void aFullBatchIsFollowedAtOnceAndAnEmptyQueueIsLookedAtAfterTheIdleWait() throws IOException {
        for (int i = 0; i < 9; i++) {
            finish(i);
        }

        uploader.start();
        scheduler.runDue();

        assertThat(queue.pendingCount()).isZero();
        assertThat(uploader.metrics().uploaded()).isEqualTo(9);
        finish(20);
        scheduler.advance(POLICY.idleInterval().minusMillis(1));
        assertThat(queue.pendingCount()).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(queue.pendingCount()).isZero();
    }

    @Test
    void wakeStartsARoundWhenIdleButNeverCutsABackoffShort() throws IOException {
        uploader.start();
        scheduler.runDue();
        finish(1);

        uploader.wake();
        scheduler.runDue();
        assertThat(queue.pendingCount()).isZero();

        remote.away = true;
        finish(2);
        uploader.wake();
        scheduler.runDue();
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.BACKING_OFF);
        int failures = queue.failures().size();
        uploader.wake();
        scheduler.runDue();
        assertThat(queue.failures()).hasSize(failures);
    }

    @Test
    void closeStopsTheRounds() throws IOException {
        uploader.start();
        scheduler.runDue();
        uploader.close();
        finish(1);

        uploader.wake();
        scheduler.advance(Duration.ofMinutes(10));

        assertThat(queue.pendingCount()).isEqualTo(1);
        assertThat(uploader.state()).isEqualTo(BlobUploader.State.CLOSED);
        assertThat(scheduler.nextDueIn()).isEmpty();
    }

    /** A local store that can be made unreachable, and counts the blobs it actually writes. */
    static final class SwitchableStore implements BlobStore {
        private final LocalBlobStore store;
        volatile boolean away;
        int writes;

        SwitchableStore(LocalBlobStore store) {
            this.store = store;
        }

        private void check(String operation, String key) {
            if (away) {
                throw new RetriableBlobStoreException(operation, key, null, "connection refused (test)", null);
            }
        }

        @Override
        public void put(String key, Path source, long size, String sha256) {
            check("put", key);
            boolean existed = store.exists(key);
            store.put(key, source, size, sha256);
            if (!existed) {
                writes++;
            }
        }

        @Override
        public InputStream open(String key, long offset, long length) {
            check("open", key);
            return store.open(key, offset, length);
        }

        @Override
        public OptionalLong size(String key) {
            check("size", key);
            return store.size(key);
        }

        @Override
        public void delete(String key) {
            check("delete", key);
            store.delete(key);
        }

        @Override
        public BlobPage list(String prefix, String startAfter, int maxKeys) {
            check("list", prefix);
            return store.list(prefix, startAfter, maxKeys);
        }

        @Override
        public String location() {
            return store.location();
        }
    }

    @Test
    void backoffBoundsDoubleFromTheMinimumToTheCap() {
        UploadBackoff backoff = new UploadBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(1));
        Set<Duration> bounds = new java.util.LinkedHashSet<>();
        for (int n = 1; n <= 100; n++) {
            bounds.add(backoff.bound(n));
            assertThat(backoff.delay(n)).isBetween(Duration.ofSeconds(1), backoff.bound(n));
        }
        assertThat(bounds).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(60));
    }
}
