package io.xueliang.storage.export;

import io.xueliang.media.CameraId;
import io.xueliang.storage.evidence.EvidenceCamera;
import io.xueliang.storage.evidence.EvidenceInput;
import io.xueliang.storage.evidence.EvidencePackageWriter;
import io.xueliang.storage.evidence.EvidenceRequest;
import io.xueliang.storage.evidence.SourceSegment;
import io.xueliang.storage.recording.RecordedSegment;
import io.xueliang.storage.recording.RecordingIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evidence exports one at a time in the background: per camera, the recorded segments of the range are cut to
 * one MP4 ({@link ClipCutter}); the clips go into a signed package ({@link EvidencePackageWriter}) at
 * {@code <root>/exports/<id>.zip}; progress and outcome are kept in the store, so a job a stop interrupted runs again
 * at the next start ({@link #resumeUnfinished()}).
 */
public final class ExportService implements AutoCloseable {
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
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "evidence-export");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param cameraInfo a camera's id, name and region as the manifest states them
     * @param directory where packages go ({@code <root>/exports})
     */
    public ExportService(ExportStore store, RecordingIndex index, ClipCutter cutter,
            Function<CameraId, EvidenceCamera> cameraInfo, EvidencePackageWriter writer, Path directory,
            InstantSource clock, String softwareVersion) {
        this.store = store;
        this.index = index;
        this.cutter = cutter;
        this.cameraInfo = cameraInfo;
        this.writer = writer;
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = clock;
        this.softwareVersion = softwareVersion;
    }

    /**
     * Records the job and queues it; blocks until the job is in the store.
     *
     * @param requestedBy the requester's name, for people to read
     * @param requestedById the requester's never reused id, to which the job belongs
     */
    public ExportJob submit(List<CameraId> cameras, Instant from, Instant to, String caseReference, String reason,
            String requestedBy, String requestedById) throws Exception {
        byte[] random = new byte[16];
        IDS.nextBytes(random);
        ExportJob job = new ExportJob(HexFormat.of().formatHex(random), cameras, from, to, caseReference, reason,
                requestedBy, requestedById, clock.instant(), ExportStatus.QUEUED, 0, null, null, null, null, null);
        store.insert(job).get(30, TimeUnit.SECONDS);
        runner.execute(() -> run(job));
        return job;
    }

    /** Queues the jobs a stop or crash interrupted. */
    public int resumeUnfinished() {
        List<ExportJob> jobs = store.unfinished();
        jobs.forEach(j -> runner.execute(() -> run(j)));
        return jobs.size();
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

    private void run(ExportJob job) {
        Path work = directory.resolve(".work-" + job.id());
        try {
            store.running(job.id(), 0).get(30, TimeUnit.SECONDS);
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
            writer.write(new EvidenceRequest(cameras, job.from(), job.to(), job.requestedBy(), job.caseReference(),
                    job.reason(), softwareVersion), inputs, target,
                    copied -> store.running(job.id(), 0.5 + 0.5 * copied / Math.max(1, total)));
            store.done(job.id(), clock.instant(), key, Files.size(target), sha256(target)).get(30, TimeUnit.SECONDS);
            LOG.info("export {} done: {} camera(s), case {}", job.id(), inputs.size(), job.caseReference());
        } catch (Exception e) {
            LOG.warn("export {} failed", job.id(), e);
            store.failed(job.id(), clock.instant(), e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            deleteTree(work);
        }
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

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
