package io.xueliang.storage.export;

import io.xueliang.media.CameraId;
import io.xueliang.config.ExportsConfig;
import io.xueliang.storage.evidence.EvidenceCamera;
import io.xueliang.storage.evidence.EvidenceInput;
import io.xueliang.storage.evidence.EvidencePackageWriter;
import io.xueliang.storage.evidence.EvidenceRequest;
import io.xueliang.storage.evidence.SourceSegment;
import io.xueliang.storage.recording.DiskSpace;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evidence exports in the background, at most {@code exports.maxConcurrent} at once (more wait, queued): per
 * camera, the recorded segments of the range are cut to one MP4 ({@link ClipCutter}); the clips go into a signed
 * package ({@link EvidencePackageWriter}) at {@code <root>/exports/<id>.zip}; progress and outcome are kept in the
 * store, so a job a stop interrupted runs again at the next start ({@link #resumeUnfinished()}).
 *
 * <p>Limits (issue 10 item 12): a user may ask for {@code exports.perUserPerDay} exports and
 * {@code exports.perUserGiBPerDay} of packages in 24 hours ({@link ExportQuotaException} beyond); an export never
 * takes the volume below the recording floor ({@code recording.minFreePercent}): it is paused, before it starts or
 * while it writes, until {@link #resumePaused()} finds room, and refused after {@link #MAX_SPACE_WAIT}; so retention
 * never deletes footage to make room for an export. Finished packages are deleted after {@code exports.expireAfter}
 * ({@link #expire()}).
 */
public final class ExportService implements AutoCloseable {
    /** How long a job waits for disk space before it is refused: a day of recording turnover. */
    public static final Duration MAX_SPACE_WAIT = Duration.ofDays(1);
    /** Bytes written between two looks at the free space while a package is copied. */
    private static final long SPACE_CHECK_BYTES = 64L * 1024 * 1024;
    /** Clips in the work folder and the package beside them: an export needs about twice what it cuts. */
    private static final int SPACE_FACTOR = 2;
    private static final Duration QUOTA_WINDOW = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
    private static final SecureRandom IDS = new SecureRandom();

    private final ExportStore store;
    private final RecordingIndex index;
    private final ClipCutter cutter;
    private final Function<CameraId, EvidenceCamera> cameraInfo;
    private final EvidencePackageWriter writer;
    private final Path directory;
    private final InstantSource clock;
    private final String softwareVersion;
    private final ExportsConfig limits;
    private final DiskSpace disk;
    private final int minFreePercent;
    private final ExecutorService runner;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param cameraInfo a camera's id, name and region as the manifest states them
     * @param directory where packages go ({@code <root>/exports})
     * @param disk the volume of {@code directory}
     * @param minFreePercent the recording floor ({@code recording.minFreePercent}) exports keep on it
     */
    public ExportService(ExportStore store, RecordingIndex index, ClipCutter cutter,
            Function<CameraId, EvidenceCamera> cameraInfo, EvidencePackageWriter writer, Path directory,
            InstantSource clock, String softwareVersion, ExportsConfig limits, DiskSpace disk, int minFreePercent) {
        this.store = store;
        this.index = index;
        this.cutter = cutter;
        this.cameraInfo = cameraInfo;
        this.writer = writer;
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = clock;
        this.softwareVersion = softwareVersion;
        this.limits = limits;
        this.disk = disk;
        this.minFreePercent = minFreePercent;
        AtomicInteger threads = new AtomicInteger();
        this.runner = Executors.newFixedThreadPool(limits.maxConcurrent(), r -> {
            Thread t = new Thread(r, "evidence-export-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Records the job and queues it; blocks until the job is in the store.
     *
     * @param requestedBy the requester's name, for people to read
     * @param requestedById the requester's never reused id, to which the job belongs
     * @throws ExportQuotaException when the requester used up their exports of the last 24 hours
     */
    public ExportJob submit(List<CameraId> cameras, Instant from, Instant to, String caseReference, String reason,
            String requestedBy, String requestedById) throws Exception {
        byte[] random = new byte[16];
        IDS.nextBytes(random);
        Instant now = clock.instant();
        ExportJob job = new ExportJob(HexFormat.of().formatHex(random), cameras, from, to, caseReference, reason,
                requestedBy, requestedById, now, ExportStatus.QUEUED, 0, null, null, null, null, null);
        ExportStore.Admission admission = store.insertWithinQuota(job, now.minus(QUOTA_WINDOW),
                limits.perUserPerDay(), limits.perUserBytesPerDay()).get(30, TimeUnit.SECONDS);
        if (!admission.admitted()) {
            Instant retryAt = admission.oldest() == null ? now : admission.oldest().plus(QUOTA_WINDOW);
            throw new ExportQuotaException(admission.count() >= limits.perUserPerDay()
                    ? "at most " + limits.perUserPerDay() + " exports per user in 24 hours (exports.perUserPerDay);"
                            + " the next may be asked for at " + retryAt
                    : "your exports of the last 24 hours add up to " + mib(admission.bytes()) + " MiB, the limit is "
                            + limits.perUserGiBPerDay() + " GiB (exports.perUserGiBPerDay); the next may be asked"
                            + " for at " + retryAt, Duration.between(now, retryAt).isNegative() ? Duration.ofSeconds(1)
                            : Duration.between(now, retryAt).plusSeconds(1));
        }
        enqueue(job);
        return job;
    }

    private void enqueue(ExportJob job) {
        if (inFlight.add(job.id())) {
            runner.execute(() -> {
                try {
                    run(job);
                } finally {
                    inFlight.remove(job.id());
                }
            });
        }
    }

    /** Queues the jobs a stop or crash interrupted, and those waiting for space. */
    public int resumeUnfinished() throws Exception {
        List<ExportJob> jobs = store.unfinished();
        for (ExportJob j : jobs) {
            if (j.status() == ExportStatus.PAUSED) {
                store.requeue(j.id()).get(30, TimeUnit.SECONDS);
            }
            enqueue(j);
        }
        return jobs.size();
    }

    /**
     * Queues the paused jobs again (each pauses again at once when there is still no room), and refuses those that
     * waited {@link #MAX_SPACE_WAIT}; run every minute or so.
     *
     * @return how many were queued again
     */
    public int resumePaused() throws Exception {
        Instant now = clock.instant();
        int queued = 0;
        for (ExportJob j : store.paused()) {
            if (inFlight.contains(j.id())) {
                continue;
            }
            if (now.isAfter(j.createdAt().plus(MAX_SPACE_WAIT))) {
                store.failed(j.id(), now, "refused: no room within " + MAX_SPACE_WAIT.toHours() + " hours ("
                        + j.error() + ")").get(30, TimeUnit.SECONDS);
                LOG.warn("export {} refused: it waited {} hours for disk space", j.id(), MAX_SPACE_WAIT.toHours());
            } else if (store.requeue(j.id()).get(30, TimeUnit.SECONDS)) {
                enqueue(j);
                queued++;
            }
        }
        return queued;
    }

    /** Deletes the packages that finished more than {@code exports.expireAfter} ago; their jobs become expired. */
    public int expire() throws Exception {
        int expired = 0;
        List<ExportJob> due;
        while (!(due = store.finishedBefore(clock.instant().minus(limits.expireAfter()), 100)).isEmpty()) {
            for (ExportJob j : due) {
                if (j.fileKey() != null) {
                    Files.deleteIfExists(directory.resolve(j.fileKey()));
                }
                store.expired(j.id()).get(30, TimeUnit.SECONDS);
                expired++;
            }
        }
        if (expired > 0) {
            LOG.info("{} export package(s) older than {} deleted (exports.expireAfter)", expired, limits.expireAfter());
        }
        return expired;
    }

    public Optional<ExportJob> get(String id) {
        return store.get(id);
    }

    /** The package of a finished job. */
    public Path file(ExportJob job) {
        if (job.fileKey() == null) {
            throw new IllegalStateException("export " + job.id() + " has no package");
        }
        return directory.resolve(job.fileKey());
    }

    /** Writing on would take the volume below the recording floor. */
    private static final class NoRoomException extends IOException {
        NoRoomException(String message) {
            super(message);
        }
    }

    private void run(ExportJob job) {
        Path work = directory.resolve(".work-" + job.id());
        try {
            store.running(job.id(), 0).get(30, TimeUnit.SECONDS);
            long needed = SPACE_FACTOR * recordedBytes(job);
            requireRoom(needed);
            Files.createDirectories(work);
            List<EvidenceInput> inputs = new ArrayList<>();
            List<EvidenceCamera> cameras = new ArrayList<>();
            int done = 0;
            for (CameraId camera : job.cameras()) {
                cameras.add(cameraInfo.apply(camera));
                List<RecordedSegment> segments = index.segments(camera, job.from(), job.to(), RecordingIndex.MAX_ROWS);
                if (!segments.isEmpty()) {
                    for (ClipCutter.Clip clip : cutter.cut(segments, job.from(), job.to(), work, camera.value())) {
                        inputs.add(new EvidenceInput(clip.name(), clip.file(), clip.sources().stream()
                                .map(s -> new SourceSegment(camera.value(), s.start(), s.end(), s.sha256())).toList()));
                    }
                }
                requireRoom(0);
                done++;
                store.running(job.id(), 0.5 * done / job.cameras().size());
            }
            if (inputs.isEmpty()) {
                throw new IOException("no recorded video of these cameras in " + job.from() + " .. " + job.to());
            }
            String key = job.id() + ".zip";
            Path target = directory.resolve(key);
            Files.deleteIfExists(target); // a run a crash interrupted
            long total = inputs.stream().mapToLong(i -> size(i.path())).sum();
            long[] checkedAt = {0};
            try {
                writer.write(new EvidenceRequest(cameras, job.from(), job.to(), job.requestedBy(), job.caseReference(),
                        job.reason(), softwareVersion), inputs, target, copied -> {
                            store.running(job.id(), 0.5 + 0.5 * copied / Math.max(1, total));
                            if (copied - checkedAt[0] >= SPACE_CHECK_BYTES) {
                                checkedAt[0] = copied;
                                try {
                                    requireRoom(total - copied);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }
                        });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            deleteTree(work);
            store.done(job.id(), clock.instant(), key, Files.size(target), sha256(target)).get(30, TimeUnit.SECONDS);
            LOG.info("export {} done: {} camera(s), case {}", job.id(), inputs.size(), job.caseReference());
        } catch (NoRoomException e) {
            deleteTree(work); // before the status says paused: the work files take room too
            LOG.warn("export {} paused: {}", job.id(), e.getMessage());
            store.paused(job.id(), e.getMessage()).join();
        } catch (Exception e) {
            deleteTree(work);
            if (Thread.currentThread().isInterrupted() || e instanceof java.io.InterruptedIOException
                    || e instanceof InterruptedException) {
                LOG.info("export {} stopped with the server; it runs again at the next start", job.id());
                return; // still running in the store: resumeUnfinished takes it up
            }
            LOG.warn("export {} failed", job.id(), e);
            store.failed(job.id(), clock.instant(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Bytes of the recorded segments the job cuts from (each whole: an upper bound of its clips). */
    private long recordedBytes(ExportJob job) {
        long bytes = 0;
        for (CameraId camera : job.cameras()) {
            for (RecordedSegment s : index.segments(camera, job.from(), job.to(), RecordingIndex.MAX_ROWS)) {
                bytes += s.bytes();
            }
        }
        return bytes;
    }

    /** Throws when writing {@code bytes} more would leave less free than the recording floor. */
    private void requireRoom(long bytes) throws IOException {
        long floor = (long) Math.ceil(disk.totalBytes() * (minFreePercent / 100.0));
        long room = disk.usableBytes() - floor;
        if (room < bytes || room < 0) {
            throw new NoRoomException("waiting for disk space: writing it needs about " + mib(bytes) + " MiB, "
                    + (room <= 0 ? "and the volume is at or below" : "but only " + mib(room) + " MiB are free above")
                    + " the recording floor (recording.minFreePercent " + minFreePercent + " %)");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not remove export work files {}: {}", dir, e.toString());
        }
    }

    /** Stops the running exports (they run again at the next start) and waits a little for their workers. */
    @Override
    public void close() {
        runner.shutdownNow();
        try {
            if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("export workers did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
