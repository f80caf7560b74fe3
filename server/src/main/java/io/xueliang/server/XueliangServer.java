package io.xueliang.server;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.xueliang.analytics.decode.KeyframeJpeg;
import io.xueliang.analytics.plate.PlateReadingService;
import io.xueliang.api.analysis.AnalysisEndpoints;
import io.xueliang.api.audit.AuditEndpoints;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.LoginEndpoints;
import io.xueliang.api.auth.MediaTickets;
import io.xueliang.api.auth.TicketEndpoints;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.auth.TokenEndpoints;
import io.xueliang.api.auth.TokenRateLimiter;
import io.xueliang.api.cameras.CameraAdminEndpoints;
import io.xueliang.api.cameras.CameraEndpoints;
import io.xueliang.api.cameras.CameraImportEndpoint;
import io.xueliang.api.cameras.PtzEndpoint;
import io.xueliang.api.cameras.RegionEndpoints;
import io.xueliang.api.gb28181.DeviceEndpoints;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.ApiServer;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.live.DevicePlaybackEndpoint;
import io.xueliang.api.live.HlsEndpoints;
import io.xueliang.api.live.LiveChannels;
import io.xueliang.api.live.LiveEndpoint;
import io.xueliang.api.live.LiveMetricsCollector;
import io.xueliang.api.live.SnapshotEndpoint;
import io.xueliang.api.ops.CameraMetricsCollector;
import io.xueliang.api.ops.DiskFullGuard;
import io.xueliang.api.ops.Gb28181MetricsCollector;
import io.xueliang.api.ops.OpsEndpoints;
import io.xueliang.api.ops.PlateMetricsCollector;
import io.xueliang.api.ops.ReadMetricsCollector;
import io.xueliang.api.ops.ReadinessCheck;
import io.xueliang.api.ops.ReadinessEndpoint;
import io.xueliang.api.ops.RecordingMetricsCollector;
import io.xueliang.api.ops.UploadMetricsCollector;
import io.xueliang.api.reads.ReadAccess;
import io.xueliang.api.reads.ReadEndpoints;
import io.xueliang.api.reads.TrajectoryEndpoint;
import io.xueliang.api.recordings.DeviceRecordingEndpoint;
import io.xueliang.api.recordings.ExportEndpoints;
import io.xueliang.api.recordings.HoldEndpoints;
import io.xueliang.api.recordings.PlaybackEndpoint;
import io.xueliang.api.recordings.RecordingEndpoints;
import io.xueliang.api.ring.RingEndpoints;
import io.xueliang.api.users.UserEndpoints;
import io.xueliang.api.wall.WallLayoutEndpoints;
import io.xueliang.api.watch.AlertEndpoints;
import io.xueliang.api.watch.AlertStreams;
import io.xueliang.api.watch.WatchMetricsCollector;
import io.xueliang.api.watch.WatchlistEndpoints;
import io.xueliang.config.XueliangConfig;
import io.xueliang.ingest.IngestService;
import io.xueliang.ingest.gb28181.GbDevicePlayback;
import io.xueliang.ingest.gb28181.GbDeviceRecordings;
import io.xueliang.ingest.gb28181.GbPtzControl;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.DevicePlayback;
import io.xueliang.media.DeviceRecordings;
import io.xueliang.media.EventBus;
import io.xueliang.media.Gb28181Stats;
import io.xueliang.media.GbDevicePasswords;
import io.xueliang.media.InProcessEventBus;
import io.xueliang.media.IngestControl;
import io.xueliang.media.PlateRead;
import io.xueliang.media.PtzControl;
import io.xueliang.media.QueueBudget;
import io.xueliang.media.RetentionPolicy;
import io.xueliang.media.StreamHubs;
import io.xueliang.reads.analysis.AnalysisJobs;
import io.xueliang.reads.analysis.AnalysisLimits;
import io.xueliang.reads.ring.SqliteBoundaryRing;
import io.xueliang.reads.store.HeldRange;
import io.xueliang.reads.store.ReadRecorder;
import io.xueliang.reads.store.ReadRetention;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.reads.watch.WatchAlerter;
import io.xueliang.reads.watch.WatchStore;
import io.xueliang.reads.watch.Watchlists;
import io.xueliang.reads.watch.sqlite.SqliteWatchStore;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.volume.SpaceReserve;
import io.xueliang.storage.audit.AuditArchive;
import io.xueliang.storage.audit.AuditCheckpointer;
import io.xueliang.storage.audit.AuditRetention;
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
import io.xueliang.storage.gb28181.SqliteGbDevicePasswords;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.recording.DiskSpace;
import io.xueliang.storage.recording.PlateImageRetention;
import io.xueliang.storage.recording.RecordingGate;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.RecordingService;
import io.xueliang.storage.recording.RetentionSweeper;
import io.xueliang.storage.recording.SegmentSources;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.storage.recording.TieredSegmentFiles;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import io.xueliang.storage.registry.SqliteCameraRegistry;
import io.xueliang.storage.secret.SecretBox;
import io.xueliang.storage.wall.SqliteWallLayoutStore;
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
 * One xueliang process: ingest of every configured camera into its stream hub, recording, plate
 * reading, and the HTTP listener. Built from a validated configuration.
 *
 * <p>Every part the start opens is registered in one {@link Closer} as it is opened, so the stop
 * ({@link #close()}) and a start that fails half way both close in reverse order of opening:
 * <pre>
 *   opened:  store lock, store, audit checkpoints, workers, recorder, plate reading, ingest, S3 tier, exports, HTTP,
 *            housekeeping
 *   closed:  housekeeping, HTTP, exports, S3 tier, ingest (TEARDOWN), plate reading, recorder, workers, audit
 *            checkpoints (the last records anchored), store, lock
 * </pre>
 * Ingest closes before the recorder and the plate readers so that their last units are in; the
 * HTTP listener closes early so that no request comes in while what it uses stops.
 */
public final class XueliangServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XueliangServer.class);

    private final Closer opened;
    private final XueliangConfig config;
    private final StreamHubs hubs;
    private final EmbeddedDatabase database;
    private final RecordingService recording;
    private final RecordingService.RepairReport repairReport;
    private final InProcessEventBus<PlateRead> plateBus;
    private final SqliteReadStore readStore;
    private final Watchlists watchlists;
    private final InProcessEventBus<PlateAlert> alertBus;
    private final PlateReadingService plates;
    private final IngestService ingest;
    private final UserStore users;
    private final TokenStore tokens;
    private final ApiServer http;
    private final MediaTickets tickets;
    private final Optional<AdminBootstrap.Created> firstAdmin;

    /**
     * Starts a server; when the start fails, everything it had opened is closed before the exception
     * leaves.
     *
     * @throws PortInUseException when another process listens on {@code http.port}
     * @throws StoreLock.StoreInUseException when another server uses {@code storage.root}
     */
    public static XueliangServer start(XueliangConfig config, String httpHost) throws Exception {
        Closer opened = new Closer();
        try {
            return new XueliangServer(config, httpHost, InstantSource.system(), opened);
        } catch (Exception | Error e) {
            opened.closeAfter(e);
            throw e;
        }
    }

    /** The wiring, in the order of opening; each part is registered with {@code opened} at once. */
    private XueliangServer(XueliangConfig config, String httpHost, InstantSource clock, Closer opened) throws Exception {
        this.opened = opened;
        this.config = config;
        Path root = config.storage().root();
        opened.add("store lock", StoreLock.acquire(root));
        hubs = new StreamHubs(config.ingest().hubQueueUnits(), config.ingest().keepKeyframes());
        database = opened.add("store", EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock));
        SqliteAuditLog auditLog = new SqliteAuditLog(database);
        // Closed after everything that appends to the trail and before the store: the last records get anchored.
        AuditCheckpointer auditCheckpoints = opened.add("audit checkpoints", AuditCheckpointer.open(root, auditLog,
                AuditWitnesses.of(config.audit().witness()), clock), c -> {
                    AuditWitnesses.checkpoint(c);
                    c.close();
                });
        BlockingWork playbackStreams = opened.add("playback streams",
                new BlockingWork("playback-stream", PLAYBACK_STREAMS, PLAYBACK_STREAMS * 4));
        BlockingWork work = opened.add("API workers", new BlockingWork("api-worker", 4, 10_000));

        SqliteRecordingIndex recordingIndex = new SqliteRecordingIndex(database);
        RecordingLayout layout = RecordingLayout.under(root);
        RecordingGate gate = new RecordingGate(DiskSpace.of(layout.directory()), config.recording().minFreePercent(),
                spaceReserve(config), clock);
        recording = opened.add("recording", new RecordingService(hubs, recordingIndex, layout,
                Duration.ofSeconds(config.recording().segmentSeconds()), config.recording().changeRotationInterval(),
                Fmp4WriterSettings.defaults().withDirectIo(config.recording().directIo()), clock, gate,
                config.recording().writerThreads(),
                new QueueBudget(Runtime.getRuntime().maxMemory() / 100 * config.recording().queueHeapPercent())));
        repairReport = recording.repairAtStart();
        if (repairReport.repaired() + repairReport.emptied() > 0) {
            log.info("repaired {} segment(s) left open ({} bytes of unfinished fragments cut), removed {} empty",
                    repairReport.repaired(), repairReport.bytesCut(), repairReport.emptied());
        }
        // Reads: their own database file; the recorder closes after the bus has delivered what was published.
        readStore = opened.add("read store", SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), clock));
        ReadRecorder readRecorder = opened.add("read recorder", new ReadRecorder(readStore));
        plateBus = opened.add("plate read bus", new InProcessEventBus<>()); // delivers what was published
        plateBus.subscribe(PlateRead.TOPIC, "read store", readRecorder);
        plates = opened.add("plate reading", new PlateReadingService(config.plates(), hubs, plateBus,
                new BlobImageStore(new LocalBlobStore(plateImages(config)), root.resolve("spool").resolve("plates")),
                PlateReadingService.readers(config.plates(), 1), clock));
        // The file's cameras join those created through the API in one registry; ingest pulls them all.
        SecretBox secrets = SecretBox.load(root, System.getenv());
        CameraRegistry cameras = new SqliteCameraRegistry(database, secrets, clock);
        GbChannelSync gbChannels = new GbChannelSync(cameras);
        GbCascadeCameras gbShared = opened.add("GB/T 28181 cascade reads", new GbCascadeCameras(cameras,
                recordingIndex));
        ingest = opened.add("ingest", new IngestService(config.ingest(), config.gb28181Section().orElse(null),
                config.cameraDefaults(), hubs, clock, gbChannels, gbShared));
        gbShared.start(ingest.health());
        IngestControl cameraControl = new CameraFanOut(ingest, recording, plates);
        gbChannels.start(cameraControl);

        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        registry.register(new CameraMetricsCollector(ingest.health(), clock));
        registry.register(new RecordingMetricsCollector(recording::stats, recording.gate(),
                recording.queueBudget()::used, recording.fragmentMemory()::allocatedBytes));
        registry.register(new PlateMetricsCollector(plates::stats));
        registry.register(new ReadMetricsCollector(readRecorder));
        ingest.gb28181().ifPresent(gb -> registry.register(new Gb28181MetricsCollector(gb)));
        users = new SqliteUserStore(database, PasswordHasher.owasp(), PasswordPolicy.DEFAULT);
        tokens = new SqliteTokenStore(database, clock);
        cameras.syncFromConfig(config.cameras().stream().map(Camera::from).toList()).get(30, TimeUnit.SECONDS);
        // Watch lists: every read is matched; an alert is stored, then published on plate-alerts for the streams.
        SqliteWatchStore watchStore = new SqliteWatchStore(readStore.database());
        watchlists = new Watchlists(watchStore, config.reads().watchlists(), clock);
        alertBus = opened.add("plate alert bus", new InProcessEventBus<>());
        WatchAlerter alerter = opened.add("watch alerter", new WatchAlerter(watchlists, watchStore, alertBus,
                id -> cameras.get(id).map(r -> r.camera().region()).orElse(List.of()), clock));
        plateBus.subscribe(PlateRead.TOPIC, "watch lists", alerter);

        RemoteTier remote = opened.add("S3 tier", RemoteTier.start(config.storage(), recordingIndex, recording.layout()));
        remote.metrics().ifPresent(m -> registry.register(new UploadMetricsCollector(m)));
        SegmentSources segmentSources = new SegmentSources(recording.layout(), remote.store().orElse(null));
        gbShared.playFrom(segmentSources);
        ExportSigningKey signingKey = ExportSigningKey.loadOrCreate(root);
        ExportService exports = opened.add("exports", new ExportService(new ExportStore(database), recordingIndex,
                new Mp4ClipCutter(segmentSources), id -> evidenceCamera(cameras, id),
                new EvidencePackageWriter(signingKey, clock), root.resolve("exports"), clock, SOFTWARE_VERSION,
                config.exports(), DiskSpace.of(root.resolve("exports")), config.recording().minFreePercent()));

        tickets = new MediaTickets(clock, config.http().ticketLifetime(), new SecureRandom());
        TokenRateLimiter tokenRates = new TokenRateLimiter(clock, config.http().tokenRequestsPerSecond(),
                config.http().tokenRequestBurst(), TOKEN_RATE_BUCKETS);
        TokenRateLimiter liveRates = new TokenRateLimiter(clock, config.http().tokenRequestsPerSecond()
                * TokenAuthenticator.LIVE_HLS_RATE_FACTOR, config.http().tokenRequestBurst(), TOKEN_RATE_BUCKETS);
        ApiOperations operations = new ApiOperations()
                .authenticator(new TokenAuthenticator(tokens, tickets, tokenRates, liveRates, work));
        new TicketEndpoints(tickets).register(operations);
        new OpsEndpoints(registry, ingest.health(), config.http().metricsToken(),
                token -> work.submit(() -> tokens.resolve(token))).register(operations);
        operations.handle("readyz", new ReadinessEndpoint(List.of(
                new ReadinessCheck("storage", database::answers),
                new ReadinessCheck("ingest", ingest::running),
                new ReadinessCheck("disk", () -> !gate.paused() && !database.full())), work));
        // Exports write files: refused while the volume is full (other writes fail with 503 if the disk refuses).
        operations.guard(new DiskFullGuard(() -> gate.state() == RecordingGate.State.DISK_FULL || database.full()),
                "createExport");
        AuditTrail audit = new AuditTrail(auditLog, clock);
        LoginThrottle loginThrottle = LoginThrottle.defaults(clock);
        new LoginEndpoints(users, tokens, loginThrottle, audit, work, SESSION_LIFETIME, config.http().mapTiles(),
                config.http().mapAttribution()).register(operations);
        new AuditEndpoints(auditLog, audit, work).register(operations);
        new CameraEndpoints(cameras, ingest.health(), audit, work).register(operations);
        new CameraAdminEndpoints(cameras, cameraControl, config.cameraDefaults(), audit, work).register(operations);
        new CameraImportEndpoint(cameras, cameraControl, config.cameraDefaults(), audit, work).register(operations);
        new RegionEndpoints(cameras, audit, work).register(operations);
        new UserEndpoints(users, tokens, loginThrottle, audit, work, clock).register(operations);
        new TokenEndpoints(tokens, audit, work, clock).register(operations);
        new RecordingEndpoints(cameras, recordingIndex, audit, work).register(operations);
        new HoldEndpoints(cameras, recordingIndex, audit, work, clock).register(operations);
        new ExportEndpoints(cameras, exports, signingKey, audit, work).register(operations);
        new PlaybackEndpoint(cameras, recordingIndex, segmentSources, audit, work, playbackStreams).register(operations);
        LiveChannels live = opened.add("live video", new LiveChannels(hubs, MAX_LIVE_VIEWERS, MAX_LIVE_VIEWERS_A_CAMERA,
                clock, LIVE_LINGER)).substreams(new SubstreamPuller(ingest));
        registry.register(new LiveMetricsCollector(live));
        new LiveEndpoint(cameras, live, tokens, audit, work, clock, LiveEndpoint.RECHECK).register(operations);
        new DevicePlaybackEndpoint(cameras, live, ingest.gb28181().<DevicePlayback>map(GbDevicePlayback::new)
                .orElse(DevicePlayback.NONE), tokens, audit, work, clock, LiveEndpoint.RECHECK).register(operations);
        new SnapshotEndpoint(cameras, live, new KeyframeJpeg(), ingest.health(), audit, work, clock).register(operations);
        new HlsEndpoints(cameras, live, tickets, audit, work, ingest.health()).register(operations);
        new WallLayoutEndpoints(new SqliteWallLayoutStore(database, clock), cameras, audit, work).register(operations);
        new PtzEndpoint(cameras, ingest.gb28181().<PtzControl>map(GbPtzControl::new).orElse(PtzControl.NONE), audit,
                work).register(operations);
        GbDevicePasswords devicePasswords = GbDevicePasswords.NONE;
        if (ingest.gb28181().isPresent()) {
            GbDevicePasswordSync sync = new GbDevicePasswordSync(new SqliteGbDevicePasswords(database, secrets, clock),
                    ingest.gb28181().get());
            int own = sync.load();
            if (own > 0) {
                log.info("GB/T 28181: {} device(s) register with a password of their own", own);
            }
            devicePasswords = sync;
        }
        new DeviceEndpoints(ingest.gb28181().map(gb -> (Gb28181Stats) gb), devicePasswords, audit)
                .register(operations);
        new DeviceRecordingEndpoint(cameras, ingest.gb28181().<DeviceRecordings>map(GbDeviceRecordings::new)
                .orElse(DeviceRecordings.NONE), audit, work).register(operations);
        ReadAccess readAccess = new ReadAccess(cameras, config.reads());
        new RingEndpoints(cameras, readAccess, new SqliteBoundaryRing(readStore.database()), audit, work, clock)
                .register(operations);
        AnalysisJobs analysisJobs = opened.add("analyses", new AnalysisJobs(ANALYSIS_WORKERS, MAX_ANALYSIS_JOBS,
                MAX_ANALYSIS_JOBS_A_USER, clock));
        new AnalysisEndpoints(cameras, readAccess, readStore, analysisJobs, AnalysisLimits.defaults(),
                config.reads().cloneSpeedKmh(), audit, work).register(operations);
        new WatchlistEndpoints(watchlists, audit, work, clock).register(operations);
        new AlertEndpoints(watchStore, cameras, audit, work, clock).register(operations);
        AlertStreams alertStreams = new AlertStreams(watchStore, cameras, tokens, audit, work,
                config.reads().watchlists(), AlertStreams.HEARTBEAT);
        alertStreams.register(operations);
        alertBus.subscribe(PlateAlert.TOPIC, "alert streams", alertStreams);
        registry.register(new WatchMetricsCollector(watchlists, alerter, alertStreams));
        // Plate reads: search, one read and its images, trajectories (issue 11, items 2 and 3).
        new ReadEndpoints(readStore, cameras, new LocalBlobStore(plateImages(config)), config.reads(), audit, work)
                .register(operations);
        new TrajectoryEndpoint(readStore, cameras, config.reads(), audit, work).register(operations);
        operations.webUi(WEB_UI);
        http = opened.add("HTTP listener", listen(config, httpHost, operations));

        List<RegisteredCamera> registered = cameras.all();
        registered.forEach(r -> cameraControl.put(r.camera()));
        int resumed = exports.resumeUnfinished();
        if (resumed > 0) {
            log.info("resuming {} export(s) a stop interrupted", resumed);
        }
        ScheduledExecutorService housekeeping = opened.add("housekeeping", housekeepingThread(),
                XueliangServer::stopHousekeeping);
        scheduleHousekeeping(housekeeping, config, recordingIndex, recording, remote, cameras, clock);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("live channels", live::closeIdle), 5, 5, TimeUnit.SECONDS);
        scheduleReadRetention(housekeeping, config, readStore, watchStore, recordingIndex, cameras, clock);
        scheduleAuditAndExports(housekeeping, config, auditLog, auditCheckpoints, exports, clock);
        firstAdmin = AdminBootstrap.ensureAdmin(users, Optional.ofNullable(System.getenv("XUELIANG_ADMIN_PASSWORD")),
                clock, new SecureRandom());
        if (!http.unimplementedOperations().isEmpty()) {
            log.info("API operations not yet served (answer 501): {}", http.unimplementedOperations());
        }
        log.info("xueliang started: {} camera(s), HTTP on port {}, store {}", registered.size(), http.port(),
                database.file());
        if (config.http().metricsToken() == null) {
            log.info("/metrics answers admins' tokens only; set http.metricsToken for a Prometheus scraper");
        }
    }

    /** The API listener; a port another process holds is said in one line naming {@code http.port}. */
    private static ApiServer listen(XueliangConfig config, String host, ApiOperations operations) throws Exception {
        try {
            return ApiServer.start(config.http(), host, operations, Duration.ofSeconds(30));
        } catch (Exception e) {
            if (PortInUseException.causedBy(e)) {
                throw new PortInUseException("http.port", host, config.http().port(), e);
            }
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

    /** Periodic upkeep of the store: expired tokens, retention of footage and plate images. One daemon thread. */
    private static ScheduledExecutorService housekeepingThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xueliang-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Plate reads and their alerts past their retention go once an hour; those under an evidence hold stay. */
    private static void scheduleReadRetention(ScheduledExecutorService housekeeping, XueliangConfig config,
            ReadStore reads, WatchStore alerts, SqliteRecordingIndex recordingIndex, CameraRegistry cameras,
            InstantSource clock) {
        RetentionPolicy policy = new RetentionPolicy(config.reads().retentionDays(), config.reads().retention(),
                id -> cameras.get(id).map(r -> r.camera().region()).orElse(List.of()));
        ReadRetention retention = new ReadRetention(reads, policy, camera -> recordingIndex
                .holds(camera, true, MAX_HOLDS_PER_CAMERA).stream()
                .map(h -> new HeldRange(h.camera(), h.from(), h.to())).toList(), clock);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("read retention", retention::sweep), 2,
                READ_RETENTION_PERIOD.toMinutes(), TimeUnit.MINUTES);
        ReadRetention alertRetention = new ReadRetention(alerts, "alert", policy, camera -> recordingIndex
                .holds(camera, true, MAX_HOLDS_PER_CAMERA).stream()
                .map(h -> new HeldRange(h.camera(), h.from(), h.to())).toList(), clock);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("alert retention", alertRetention::sweep), 3,
                READ_RETENTION_PERIOD.toMinutes(), TimeUnit.MINUTES);
    }

    private void scheduleHousekeeping(ScheduledExecutorService housekeeping, XueliangConfig config,
            SqliteRecordingIndex recordingIndex, RecordingService recording, RemoteTier remote, CameraRegistry cameras,
            InstantSource clock) throws java.io.IOException {
        housekeeping.scheduleWithFixedDelay(() -> purgeTokens(tokens), 0, 6, TimeUnit.HOURS);
        RetentionPolicy retentionPolicy = new RetentionPolicy(config.recording().retentionDays(), config.recording().retention(),
                id -> cameras.get(id).map(r -> r.camera().region()).orElse(List.of()));
        RetentionSweeper retention = new RetentionSweeper(recordingIndex,
                new TieredSegmentFiles(recording.layout(), remote.store().orElse(null)), retentionPolicy,
                DiskSpace.of(recording.layout().directory()), config.recording().minFreePercent(), recording.gate(),
                clock);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("retention", retention::sweep), 0,
                RETENTION_PERIOD.toSeconds(), TimeUnit.SECONDS);
        PlateImageRetention plateImageRetention = new PlateImageRetention(plateImages(config), retentionPolicy,
                recordingIndex, clock);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("plate image retention", plateImageRetention::sweep), 1,
                10, TimeUnit.MINUTES);
    }

    /** Signs the audit chain's head now and then, archives old audit records, resumes paused and expires old exports. */
    private static void scheduleAuditAndExports(ScheduledExecutorService housekeeping, XueliangConfig config,
            SqliteAuditLog auditLog, AuditCheckpointer checkpoints, ExportService exports, InstantSource clock) {
        housekeeping.scheduleWithFixedDelay(() -> housekeep("audit checkpoint",
                () -> AuditWitnesses.checkpoint(checkpoints)), 0, config.audit().checkpointInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("paused exports", () -> exportPass(exports::resumePaused)),
                1, 1, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(() -> housekeep("export expiry", () -> exportPass(exports::expire)), 5, 60,
                TimeUnit.MINUTES);
        if (config.audit().retentionDays() > 0) {
            AuditRetention auditRetention = new AuditRetention(auditLog, checkpoints,
                    AuditArchive.directory(config.storage().root()), Duration.ofDays(config.audit().retentionDays()),
                    clock);
            housekeeping.scheduleWithFixedDelay(() -> housekeep("audit retention",
                    () -> AuditWitnesses.sweep(auditRetention)), 1, 60, TimeUnit.MINUTES);
        }
    }

    private static void exportPass(java.util.concurrent.Callable<?> pass) {
        try {
            pass.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the upkeep; a pass under way may finish (it uses the store, which closes after). */
    private static void stopHousekeeping(ScheduledExecutorService housekeeping) throws InterruptedException {
        housekeeping.shutdownNow();
        if (!housekeeping.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("a housekeeping pass did not stop within 10 s");
        }
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
    /** Read retention keeps days: once an hour is soon enough, and each pass is a few indexed deletes. */
    private static final Duration READ_RETENTION_PERIOD = Duration.ofHours(1);

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

    /** Tokens whose request rate is tracked at once: more than any deployment has live sessions and API tokens. */
    private static final int TOKEN_RATE_BUCKETS = 100_000;

    /** Live viewers (WebSockets) at once: 500 tiles of command-centre walls, each a connection and its queue. */
    private static final int MAX_LIVE_VIEWERS = 1_000;
    /** Live viewers of one camera: every wall of a county on one incident still fits. */
    private static final int MAX_LIVE_VIEWERS_A_CAMERA = 100;
    /** A camera's live channel (its GOP) is kept this long after its last viewer: coming back starts at once. */
    private static final Duration LIVE_LINGER = Duration.ofSeconds(60);
    /** Analyses run at once: each walks a window of the read store on one of its few read connections. */
    private static final int ANALYSIS_WORKERS = 2;
    /** Analysis jobs kept, running or finished (the oldest finished make room). */
    private static final int MAX_ANALYSIS_JOBS = 64;
    /** Analysis jobs one user may have queued or running: a flood by one leaves room for the others. */
    private static final int MAX_ANALYSIS_JOBS_A_USER = 8;

    /** Evidence holds of one camera that read retention respects in one pass; the read store takes 200. */
    private static final int MAX_HOLDS_PER_CAMERA = 200;

    /** Session tokens from a login last a working shift and a half. */
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** The web UI's files on the class path (the api module's resources). */
    private static final String WEB_UI = "io/xueliang/api/web";

    /** The admin account made on this, the first, start; its password is to be shown once, never logged. */
    public Optional<AdminBootstrap.Created> firstAdmin() {
        return firstAdmin;
    }

    /** A media ticket for the token {@code tokenId} and {@code path}, for the demo's ready-made playback link. */
    public MediaTickets.Ticket mediaTicket(long tokenId, String path) {
        return tickets.issue(tokenId, path);
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

    /** Watch-list alerts, topic {@link PlateAlert#TOPIC}: one per read and list it matched, once stored. */
    public EventBus<PlateAlert> plateAlerts() {
        return alertBus;
    }

    /** The watch lists (the demo puts a plate on one). */
    public Watchlists watchlists() {
        return watchlists;
    }

    /** The plate-read store (tests, tools). */
    public ReadStore readStore() {
        return readStore;
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

    /** Stops the server: cameras get TEARDOWN, open segments are finished, and the store closes last. */
    @Override
    public void close() {
        log.info("xueliang stopping");
        opened.close();
    }
}
