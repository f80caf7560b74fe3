package io.xueliang.server;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.xueliang.analytics.plate.PlateReadingService;
import io.xueliang.api.audit.AuditEndpoints;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.LoginEndpoints;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.auth.TokenEndpoints;
import io.xueliang.api.cameras.CameraAdminEndpoints;
import io.xueliang.api.cameras.CameraEndpoints;
import io.xueliang.api.cameras.CameraImportEndpoint;
import io.xueliang.api.cameras.RegionEndpoints;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.ApiServer;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.ops.CameraMetricsCollector;
import io.xueliang.api.ops.DiskFullGuard;
import io.xueliang.api.ops.OpsEndpoints;
import io.xueliang.api.ops.PlateMetricsCollector;
import io.xueliang.api.ops.ReadinessCheck;
import io.xueliang.api.ops.ReadinessEndpoint;
import io.xueliang.api.ops.RecordingMetricsCollector;
import io.xueliang.api.ops.UploadMetricsCollector;
import io.xueliang.api.recordings.ExportEndpoints;
import io.xueliang.api.recordings.HoldEndpoints;
import io.xueliang.api.recordings.PlaybackEndpoint;
import io.xueliang.api.recordings.RecordingEndpoints;
import io.xueliang.api.users.UserEndpoints;
import io.xueliang.config.XueliangConfig;
import io.xueliang.ingest.IngestService;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.EventBus;
import io.xueliang.media.InProcessEventBus;
import io.xueliang.media.IngestControl;
import io.xueliang.media.PlateRead;
import io.xueliang.media.QueueBudget;
import io.xueliang.media.StreamHubs;
import io.xueliang.storage.audit.SqliteAuditLog;
import io.xueliang.storage.auth.AdminBootstrap;
import io.xueliang.storage.auth.LoginThrottle;
import io.xueliang.storage.auth.PasswordHasher;
import io.xueliang.storage.auth.PasswordPolicy;
import io.xueliang.storage.auth.SqliteTokenStore;
import io.xueliang.storage.auth.SqliteUserStore;
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.auth.UserStore;
import io.xueliang.storage.blob.BlobImageStore;
import io.xueliang.storage.blob.LocalBlobStore;
import io.xueliang.storage.evidence.EvidenceCamera;
import io.xueliang.storage.evidence.EvidencePackageWriter;
import io.xueliang.storage.evidence.ExportSigningKey;
import io.xueliang.storage.export.ExportService;
import io.xueliang.storage.export.ExportStore;
import io.xueliang.storage.export.Mp4ClipCutter;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.recording.DiskSpace;
import io.xueliang.storage.recording.PlateImageRetention;
import io.xueliang.storage.recording.RecordingGate;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.RecordingService;
import io.xueliang.storage.recording.RetentionPolicy;
import io.xueliang.storage.recording.RetentionSweeper;
import io.xueliang.storage.recording.SegmentSources;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.storage.recording.TieredSegmentFiles;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import io.xueliang.storage.registry.SqliteCameraRegistry;
import io.xueliang.storage.secret.SecretBox;
import io.xueliang.storage.sql.EmbeddedDatabase;
import io.xueliang.storage.sql.EmbeddedDatabaseSettings;
import io.xueliang.storage.volume.SpaceReserve;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One xueliang process: ingest of every configured camera into its stream hub, and the HTTP
 * listener. Built from a validated configuration; {@link #close()} stops cameras with TEARDOWN.
 */
public final class XueliangServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XueliangServer.class);

    private final XueliangConfig config;
    private final StreamHubs hubs;
    private final EmbeddedDatabase database;
    private final IngestService ingest;
    private final RecordingService recording;
    private final ApiServer http;
    private final BlockingWork work;
    /** Periodic upkeep of the store (expired tokens now; retention later), one daemon thread. */
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xueliang-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private Optional<AdminBootstrap.Created> firstAdmin = Optional.empty();
    private UserStore users;
    private TokenStore tokens;
    private RecordingService.RepairReport repairReport;
    private RemoteTier remote;
    private PlateReadingService plates;
    private InProcessEventBus<PlateRead> plateBus;
    private ExportService exports;
    private BlockingWork playbackStreams;

    private XueliangServer(XueliangConfig config, StreamHubs hubs, EmbeddedDatabase database, IngestService ingest,
            RecordingService recording, ApiServer http, BlockingWork work) {
        this.recording = recording;
        this.work = work;
        this.config = config;
        this.hubs = hubs;
        this.database = database;
        this.ingest = ingest;
        this.http = http;
    }

    public static XueliangServer start(XueliangConfig config, String httpHost) throws Exception {
        InstantSource clock = InstantSource.system();
        StreamHubs hubs = new StreamHubs(config.ingest().hubQueueUnits());
        EmbeddedDatabase database = EmbeddedDatabase.open(config.storage().root(), EmbeddedDatabaseSettings.defaults(), clock);
        IngestService ingest;
        try {
            ingest = new IngestService(config.ingest(), hubs, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        BlockingWork work = new BlockingWork("api-worker", 4, 10_000);
        RecordingService recording = null;
        InProcessEventBus<PlateRead> plateBus = null;
        PlateReadingService plates = null;
        RemoteTier remote = null;
        ExportService exports = null;
        BlockingWork playbackStreams = null;
        try {
            SqliteRecordingIndex recordingIndex = new SqliteRecordingIndex(database);
            RecordingLayout layout = RecordingLayout.under(config.storage().root());
            DiskSpace recordingVolume = DiskSpace.of(layout.directory());
            RecordingGate gate = new RecordingGate(recordingVolume, config.recording().minFreePercent(),
                    spaceReserve(config), clock);
            recording = new RecordingService(hubs, recordingIndex, layout,
                    Duration.ofSeconds(config.recording().segmentSeconds()),
                    Fmp4WriterSettings.defaults().withDirectIo(config.recording().directIo()), clock, gate,
                    config.recording().writerThreads(), new QueueBudget(
                            Runtime.getRuntime().maxMemory() / 100 * config.recording().queueHeapPercent()));
            RecordingService.RepairReport repair = recording.repairAtStart();
            if (repair.repaired() + repair.emptied() > 0) {
                log.info("repaired {} segment(s) left open ({} bytes of unfinished fragments cut), removed {} empty",
                        repair.repaired(), repair.bytesCut(), repair.emptied());
            }
            plateBus = new InProcessEventBus<>();
            plates = new PlateReadingService(config.plates(), hubs, plateBus, new BlobImageStore(
                    new LocalBlobStore(plateImages(config)),
                    config.storage().root().resolve("spool").resolve("plates")),
                    PlateReadingService.readers(config.plates(), 1), clock);
            IngestControl cameraControl = new CameraFanOut(ingest, recording, plates);
            PrometheusRegistry registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            registry.register(new CameraMetricsCollector(ingest.health(), clock));
            registry.register(new RecordingMetricsCollector(recording::stats, recording.gate(),
                    recording.queueBudget()::used, recording.fragmentMemory()::allocatedBytes));
            registry.register(new PlateMetricsCollector(plates::stats));
            UserStore users = new SqliteUserStore(database, PasswordHasher.owasp(), PasswordPolicy.DEFAULT);
            TokenStore tokens = new SqliteTokenStore(database, clock);
            ApiOperations operations = new ApiOperations().authenticator(new TokenAuthenticator(tokens, work));
            new OpsEndpoints(registry, ingest.health(), config.http().metricsToken(),
                    token -> work.submit(() -> tokens.resolve(token))).register(operations);
            operations.handle("readyz", new ReadinessEndpoint(List.of(
                    new ReadinessCheck("storage", database::answers),
                    new ReadinessCheck("ingest", ingest::running),
                    new ReadinessCheck("disk", () -> !gate.paused() && !database.full())), work));
            // Exports write files: refused while the volume is full (other writes fail with 503 if the disk refuses).
            operations.guard(new DiskFullGuard(() -> gate.state() == RecordingGate.State.DISK_FULL || database.full()),
                    "createExport");
            new LoginEndpoints(users, tokens, LoginThrottle.defaults(clock), work, SESSION_LIFETIME).register(operations);
            // The file's cameras join those created through the API in one registry; ingest pulls them all.
            CameraRegistry cameras = new SqliteCameraRegistry(database, SecretBox.load(config.storage().root(), System.getenv()),
                    clock);
            cameras.syncFromConfig(config.cameras().stream().map(Camera::from).toList()).get(30, TimeUnit.SECONDS);
            SqliteAuditLog auditLog = new SqliteAuditLog(database);
            AuditTrail audit = new AuditTrail(auditLog, clock);
            new AuditEndpoints(auditLog, audit, work).register(operations);
            new CameraEndpoints(cameras, ingest.health(), audit, work).register(operations);
            new CameraAdminEndpoints(cameras, cameraControl, config.cameraDefaults(), audit, work).register(operations);
            new CameraImportEndpoint(cameras, cameraControl, config.cameraDefaults(), audit, work).register(operations);
            new RegionEndpoints(cameras, audit, work).register(operations);
            new UserEndpoints(users, tokens, audit, work, clock).register(operations);
            new TokenEndpoints(tokens, audit, work, clock).register(operations);
            new RecordingEndpoints(cameras, recordingIndex, audit, work).register(operations);
            new HoldEndpoints(cameras, recordingIndex, audit, work, clock).register(operations);
            remote = RemoteTier.start(config.storage(), recordingIndex, recording.layout());
            remote.metrics().ifPresent(m -> registry.register(new UploadMetricsCollector(m)));
            SegmentSources segmentSources = new SegmentSources(recording.layout(), remote.store().orElse(null));
            ExportSigningKey signingKey = ExportSigningKey.loadOrCreate(config.storage().root());
            exports = new ExportService(new ExportStore(database), recordingIndex,
                    new Mp4ClipCutter(segmentSources), id -> evidenceCamera(cameras, id),
                    new EvidencePackageWriter(signingKey, clock), config.storage().root().resolve("exports"), clock,
                    SOFTWARE_VERSION);
            new ExportEndpoints(cameras, exports, signingKey, audit, work).register(operations);
            playbackStreams = new BlockingWork("playback-stream", PLAYBACK_STREAMS, PLAYBACK_STREAMS * 4);
            new PlaybackEndpoint(cameras, recordingIndex, segmentSources, audit, work, playbackStreams)
                    .register(operations);
            ApiServer http = ApiServer.start(config.http(), httpHost, operations, Duration.ofSeconds(30));
            XueliangServer server = new XueliangServer(config, hubs, database, ingest, recording, http, work);
            List<RegisteredCamera> registered = cameras.all();
            registered.forEach(r -> cameraControl.put(r.camera()));
            server.users = users;
            server.tokens = tokens;
            server.repairReport = repair;
            server.remote = remote;
            server.plates = plates;
            server.plateBus = plateBus;
            server.exports = exports;
            server.playbackStreams = playbackStreams;
            int resumed = exports.resumeUnfinished();
            if (resumed > 0) {
                log.info("resuming {} export(s) a stop interrupted", resumed);
            }
            server.housekeeping.scheduleWithFixedDelay(() -> purgeTokens(tokens), 0, 6, TimeUnit.HOURS);
            RetentionPolicy retentionPolicy = new RetentionPolicy(config.recording(),
                    id -> cameras.get(id).map(r -> r.camera().region()).orElse(List.of()));
            RetentionSweeper retention = new RetentionSweeper(recordingIndex,
                    new TieredSegmentFiles(recording.layout(), remote.store().orElse(null)), retentionPolicy,
                    recordingVolume, config.recording().minFreePercent(), recording.gate(),
                    clock);
            server.housekeeping.scheduleWithFixedDelay(() -> housekeep("retention", retention::sweep), 0,
                    RETENTION_PERIOD.toSeconds(), TimeUnit.SECONDS);
            PlateImageRetention plateImageRetention = new PlateImageRetention(plateImages(config), retentionPolicy,
                    recordingIndex, clock);
            server.housekeeping.scheduleWithFixedDelay(() -> housekeep("plate image retention",
                    plateImageRetention::sweep), 1, 10, TimeUnit.MINUTES);
            server.firstAdmin = AdminBootstrap.ensureAdmin(users,
                    Optional.ofNullable(System.getenv("XUELIANG_ADMIN_PASSWORD")), clock, new SecureRandom());
            if (!http.unimplementedOperations().isEmpty()) {
                log.info("API operations not yet served (answer 501): {}", http.unimplementedOperations());
            }
            log.info("xueliang started: {} camera(s), HTTP on port {}, store {}", registered.size(), http.port(),
                    database.file());
            if (config.http().metricsToken() == null) {
                log.info("/metrics answers admins' tokens only; set http.metricsToken for a Prometheus scraper");
            }
            return server;
        } catch (Exception e) {
            work.close();
            ingest.close();
            if (exports != null) {
                exports.close();
            }
            if (playbackStreams != null) {
                playbackStreams.close();
            }
            if (plates != null) {
                plates.close();
            }
            if (plateBus != null) {
                plateBus.close();
            }
            if (recording != null) {
                recording.close();
            }
            if (remote != null) {
                remote.close();
            }
            database.close();
            throw e;
        }
    }

    /** The space kept back for the database (storage.reserveMiB), written now if the volume has room. */
    private static SpaceReserve spaceReserve(XueliangConfig config) {
        SpaceReserve reserve = new SpaceReserve(config.storage().root(), (long) config.storage().reserveMiB() << 20);
        try {
            reserve.hold();
        } catch (java.io.IOException e) {
            log.warn("could not keep {} MiB back on the storage volume for the database: {}",
                    config.storage().reserveMiB(), e.toString());
        }
        return reserve;
    }

    /** Runs one housekeeping pass; a failure is logged and the next pass comes as planned. */
    private static void housekeep(String what, Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.error("{} pass failed; it runs again at its next turn", what, e);
        }
    }

    /** Plate crops and overview pictures, kept as blobs by camera and day. */
    private static Path plateImages(XueliangConfig config) {
        return config.storage().root().resolve("plates");
    }

    /** How often retention runs: often enough that the free-space floor holds at 1,000 cameras' write rate. */
    private static final Duration RETENTION_PERIOD = Duration.ofSeconds(30);

    /** Deletes expired and revoked tokens so that sessions do not pile up in the store. */
    private static void purgeTokens(TokenStore tokens) {
        tokens.purgeDead().whenComplete((n, e) -> {
            if (e != null) {
                log.warn("purging dead tokens failed; will retry", e);
            } else if (n > 0) {
                log.info("purged {} expired or revoked token(s)", n);
            }
        });
    }

    /** Stated in every evidence manifest: the build that made it. */
    static final String SOFTWARE_VERSION = "xueliang " + Optional.ofNullable(XueliangServer.class.getPackage()
            .getImplementationVersion()).orElse("0.1.0-SNAPSHOT");

    /** A camera as an evidence manifest states it; a camera since removed keeps its id. */
    private static EvidenceCamera evidenceCamera(CameraRegistry cameras, CameraId id) {
        return cameras.get(id).map(r -> new EvidenceCamera(id.value(), r.camera().name() == null ? id.value()
                : r.camera().name(), r.camera().region())).orElse(new EvidenceCamera(id.value(), id.value(), List.of()));
    }

    /** Playback answers written at once; each holds a thread while its client downloads (others wait, then 503). */
    private static final int PLAYBACK_STREAMS = 16;

    /** Session tokens from a login last a working shift and a half. */
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    /** The admin account made on this, the first, start; its password is to be shown once, never logged. */
    public Optional<AdminBootstrap.Created> firstAdmin() {
        return firstAdmin;
    }

    /** The token store, for the demo's ready-made links. */
    public TokenStore tokens() {
        return tokens;
    }

    public UserStore users() {
        return users;
    }

    /** What this start repaired of the segments a crash or stop left open. */
    public RecordingService.RepairReport repairReport() {
        return repairReport;
    }

    public RecordingService recording() {
        return recording;
    }

    public IngestService ingest() {
        return ingest;
    }

    public StreamHubs hubs() {
        return hubs;
    }

    /** Consolidated plate reads, topic {@link PlateRead#TOPIC}: one per vehicle pass at a plate camera. */
    public EventBus<PlateRead> plateReads() {
        return plateBus;
    }

    public PlateReadingService plates() {
        return plates;
    }

    /** Every operation of the contract, operation id to "METHOD /path". */
    public Map<String, String> apiOperations() {
        return http.contractOperations();
    }

    /** Operations of the contract this build answers with 501; empty once every route is served. */
    public Set<String> unimplementedApiOperations() {
        return http.unimplementedOperations();
    }

    public int httpPort() {
        return http.port();
    }

    public XueliangConfig config() {
        return config;
    }

    @Override
    public void close() {
        log.info("xueliang stopping");
        housekeeping.shutdownNow();
        exports.close();
        ingest.close();
        recording.close(); // after ingest: the last units are in, open segments are finished and indexed
        plates.close(); // after ingest: open tracks yield their reads
        plateBus.close(); // delivers what was published
        if (remote != null) {
            remote.close();
        }
        try {
            http.close();
        } catch (Exception e) {
            log.warn("HTTP listener did not close cleanly", e);
        }
        work.close();
        playbackStreams.close();
        database.close();
    }
}
