package io.xueliang.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.ExportsConfig;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.FakeClock;
import io.xueliang.storage.evidence.EvidenceCamera;
import io.xueliang.storage.evidence.EvidencePackageWriter;
import io.xueliang.storage.evidence.ExportSigningKey;
import io.xueliang.storage.recording.DiskSpace;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 12: exports are capped in number at once and per user and day, expire, and never take the disk below
 * the recording floor (before: one queue without limits, packages kept for ever, free space not looked at, so
 * retention deleted footage to make room for exports).
 */
class ExportLimitsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final CameraId CAM = CameraId.of("cam1");
    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;
    private final FakeClock clock = new FakeClock(T0.plus(Duration.ofHours(1)));
    private EmbeddedDatabase database;
    private SqliteRecordingIndex index;
    private ExportStore store;
    private ExportService service;
    private final FakeDisk disk = new FakeDisk(1000 * MIB, 900 * MIB);
    /** Blocks every cut until released, and counts cuts running at once. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger cutting = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile boolean block;
    private volatile long shrinkWhileCutting;

    /** A volume whose free space the test sets. */
    private static final class FakeDisk implements DiskSpace {
        final long total;
        final AtomicLong usable;

        FakeDisk(long total, long usable) {
            this.total = total;
            this.usable = new AtomicLong(usable);
        }

        @Override
        public long totalBytes() {
            return total;
        }

        @Override
        public long usableBytes() {
            return usable.get();
        }
    }

    @BeforeEach
    void open() throws Exception {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        index = new SqliteRecordingIndex(database);
        store = new ExportStore(database);
        // Two minutes of cam1, 10 MiB each.
        for (int m = 0; m < 2; m++) {
            long id = index.open(CAM, T0.plusSeconds(60L * m), "local", "cam1/" + m + ".mp4", Codec.H264, 1280, 720).get();
            index.finish(id, T0.plusSeconds(60L * m + 60), 10 * MIB, 1500, "ab".repeat(32)).get();
        }
    }

    @AfterEach
    void close() {
        release.countDown();
        if (service != null) {
            service.close();
        }
        database.close();
    }

    private ExportService service(ExportsConfig limits) throws IOException {
        ClipCutter cutter = (List<RecordedSegment> segments, Instant from, Instant to, Path dir, String base) -> {
            int now = cutting.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                if (block && !release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("never released");
                }
                disk.usable.addAndGet(-shrinkWhileCutting);
                Path clip = Files.write(dir.resolve(base + ".mp4"), new byte[4096]);
                return List.of(new ClipCutter.Clip(base + ".mp4", clip, segments));
            } catch (InterruptedException e) {
                throw new IOException(e);
            } finally {
                cutting.decrementAndGet();
            }
        };
        service = new ExportService(store, index, cutter, id -> new EvidenceCamera(id.value(), id.value(), List.of()),
                new EvidencePackageWriter(ExportSigningKey.loadOrCreate(root), clock), root.resolve("exports"), clock,
                "test", limits, disk, 5);
        return service;
    }

    private ExportJob submit(String user) throws Exception {
        return service.submit(List.of(CAM), T0, T0.plusSeconds(120), "XT-2026-0042", "theft", user, "uid-" + user);
    }

    private ExportJob await(String id, ExportStatus status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ExportJob job;
        while ((job = store.get(id).orElseThrow()).status() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(job.status()).as("export %s: %s", id, job.error()).isEqualTo(status);
        return job;
    }

    /** {@link ExportService#resumePaused()} once the paused job's worker has let go of it (it skips jobs in flight). */
    private int resumeOnceIdle() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int queued;
        while ((queued = service.resumePaused()) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return queued;
    }

    private static ExportsConfig limits(int maxConcurrent, int perUserPerDay, int gib, Duration expireAfter) {
        return new ExportsConfig(maxConcurrent, perUserPerDay, gib, expireAfter);
    }

    @Test
    void atMostMaxConcurrentRunAtOnceAndTheRestWaitQueued() throws Exception {
        service(limits(2, 20, 200, Duration.ofDays(30)));
        block = true;
        List<ExportJob> jobs = List.of(submit("a"), submit("b"), submit("c"), submit("d"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (cutting.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cutting.get()).as("two cut at once").isEqualTo(2);
        assertThat(jobs.stream().map(j -> store.get(j.id()).orElseThrow().status()))
                .containsExactlyInAnyOrder(ExportStatus.RUNNING, ExportStatus.RUNNING, ExportStatus.QUEUED,
                        ExportStatus.QUEUED);
        release.countDown();
        for (ExportJob j : jobs) {
            await(j.id(), ExportStatus.DONE);
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void aUserGetsAtMostPerUserPerDayExportsWithoutHinderingOthers() throws Exception {
        service(limits(2, 3, 200, Duration.ofDays(30)));
        for (int i = 0; i < 3; i++) {
            submit("investigator1");
        }
        assertThatThrownBy(() -> submit("investigator1")).isInstanceOf(ExportQuotaException.class)
                .hasMessageStartingWith("at most 3 exports per user in 24 hours (exports.perUserPerDay)")
                .satisfies(e -> assertThat(((ExportQuotaException) e).retryAfter())
                        .isEqualTo(Duration.ofDays(1).plusSeconds(1)));
        submit("investigator2");
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        submit("investigator1");
    }

    @Test
    void aUsersPackageBytesOfADayAreCapped() throws Exception {
        service(limits(2, 20, 1, Duration.ofDays(30)));
        ExportJob big = new ExportJob("big", List.of(CAM), T0, T0.plusSeconds(60), "XT-1", "theft", "investigator1",
                "uid-investigator1", clock.instant(), ExportStatus.QUEUED, 0, null, null, null, null, null);
        store.insert(big).get();
        store.done("big", clock.instant(), "big.zip", 1024 * MIB, "cd".repeat(32)).get();
        assertThatThrownBy(() -> submit("investigator1")).isInstanceOf(ExportQuotaException.class)
                .hasMessageStartingWith("your exports of the last 24 hours add up to 1024 MiB, the limit is 1 GiB");
        submit("investigator2");
    }

    @Test
    void finishedPackagesExpireTheirFilesGoTheirRecordStays() throws Exception {
        service(limits(2, 20, 200, Duration.ofHours(1)));
        ExportJob job = submit("a");
        ExportJob done = await(job.id(), ExportStatus.DONE);
        Path file = service.file(done);
        assertThat(file).exists();
        clock.advance(Duration.ofMinutes(59));
        assertThat(service.expire()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(service.expire()).isEqualTo(1);
        assertThat(file).doesNotExist();
        ExportJob expired = store.get(job.id()).orElseThrow();
        assertThat(expired.status()).isEqualTo(ExportStatus.EXPIRED);
        assertThat(expired.sha256()).isEqualTo(done.sha256());
        assertThat(expired.fileKey()).isNull();
    }

    @Test
    void anExportThatWouldTakeTheDiskBelowTheFloorWaitsPausedAndRunsWhenRoomReturns() throws Exception {
        service(limits(2, 20, 200, Duration.ofDays(30)));
        disk.usable.set(80 * MIB); // floor 50 MiB: 30 MiB of room; the export needs about 2 x 20 MiB
        ExportJob job = submit("a");
        ExportJob paused = await(job.id(), ExportStatus.PAUSED);
        assertThat(paused.error()).isEqualTo("waiting for disk space: writing it needs about 40 MiB, but only 30 MiB"
                + " are free above the recording floor (recording.minFreePercent 5 %)");
        assertThat(cutting.get() + mostAtOnce.get()).as("nothing was cut").isZero();

        assertThat(resumeOnceIdle()).isEqualTo(1);
        await(job.id(), ExportStatus.PAUSED); // still no room: paused again
        disk.usable.set(200 * MIB);
        resumeOnceIdle();
        await(job.id(), ExportStatus.DONE);
    }

    @Test
    void anExportThatRunsOutOfRoomWhileWritingPausesAndOneThatWaitsADayIsRefused() throws Exception {
        service(limits(2, 20, 200, Duration.ofDays(30)));
        disk.usable.set(100 * MIB);
        shrinkWhileCutting = 60 * MIB; // recordings filled the disk while the clips were cut
        ExportJob job = submit("a");
        assertThat(await(job.id(), ExportStatus.PAUSED).error()).startsWith("waiting for disk space")
                .contains("the volume is at or below the recording floor");
        assertThat(root.resolve("exports").resolve(".work-" + job.id())).as("work files removed").doesNotExist();

        clock.advance(ExportService.MAX_SPACE_WAIT.plusMinutes(1));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.get(job.id()).orElseThrow().status() == ExportStatus.PAUSED && System.nanoTime() < deadline) {
            service.resumePaused(); // skips the job while its worker is still letting go of it
            Thread.sleep(20);
        }
        ExportJob refused = await(job.id(), ExportStatus.FAILED);
        assertThat(refused.error()).startsWith("refused: no room within 24 hours (waiting for disk space");
    }
}
