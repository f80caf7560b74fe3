package io.xueliang.config.yaml;

import io.xueliang.config.AuditConfig;
import io.xueliang.config.AuditWitnessConfig;
import io.xueliang.config.CameraConfig;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.ConfigException;
import io.xueliang.config.ExportsConfig;
import io.xueliang.config.Gb28181Config;
import io.xueliang.config.HttpConfig;
import io.xueliang.config.IngestConfig;
import io.xueliang.config.Location;
import io.xueliang.config.PlatesConfig;
import io.xueliang.config.ReadsConfig;
import io.xueliang.config.RecordingConfig;
import io.xueliang.config.RetentionRule;
import io.xueliang.config.S3Config;
import io.xueliang.config.StorageConfig;
import io.xueliang.config.SuperiorPlatformConfig;
import io.xueliang.config.Transport;
import io.xueliang.config.WatchlistConfig;
import io.xueliang.config.XueliangConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;

/**
 * Binds a composed YAML node tree to {@link XueliangConfig} by hand, one record at a time, so that
 * every failure is a {@link ConfigException} with our words and the full key path. Values are
 * read first, then the record is constructed; a record's own validation failure gets the path of
 * the record in front of it.
 */
final class ConfigBinder {
    private final String source;
    private final ScalarReader scalars;
    /** Key path to the node whose line a failure at that path (or below it) reports. */
    private final Map<String, Node> lines = new HashMap<>();

    ConfigBinder(String source, Map<String, String> env) {
        this.source = source;
        this.scalars = new ScalarReader(new EnvSubstitution(env));
    }

    /** The configuration of {@code root}, null for an empty document. */
    XueliangConfig bind(Node root) {
        try {
            if (root == null || MappingReader.isNull(root)) {
                return XueliangConfig.defaults();
            }
            lines.put("", root);
            return config(root);
        } catch (ConfigException e) {
            int line = e.line().orElseGet(() -> lineOf(e.path()));
            throw new ConfigException(source, line, e.path(), e.reason());
        }
    }

    private XueliangConfig config(Node root) {
        if (root.getNodeType() != NodeType.MAPPING) {
            throw new ConfigException("", "expected a mapping of the keys http, storage, recording, ingest, plates, "
                    + "cameraDefaults, cameras, audit, exports, reads and gb28181 at the top level, got " + ScalarReader.kind(root));
        }
        MappingReader m = mapping(root, "").allowOnly(XueliangConfig.class);
        HttpConfig http = m.value("http").map(n -> http(n, m.keyPath("http"))).orElseGet(HttpConfig::defaults);
        StorageConfig storage = m.value("storage").map(n -> storage(n, m.keyPath("storage")))
                .orElseGet(StorageConfig::defaults);
        RecordingConfig recording = m.value("recording").map(n -> recording(n, m.keyPath("recording")))
                .orElseGet(RecordingConfig::defaults);
        IngestConfig ingest = m.value("ingest").map(n -> ingest(n, m.keyPath("ingest")))
                .orElseGet(IngestConfig::defaults);
        PlatesConfig plates = m.value("plates").map(n -> plates(n, m.keyPath("plates")))
                .orElseGet(PlatesConfig::defaults);
        CameraDefaults cameraDefaults = m.value("cameraDefaults")
                .map(n -> cameraDefaults(n, m.keyPath("cameraDefaults")))
                .orElseGet(CameraDefaults::defaults);
        List<CameraConfig> cameras = new ArrayList<>();
        m.value("cameras").ifPresent(n -> {
            List<Node> items = scalars.list(n, "cameras");
            for (int i = 0; i < items.size(); i++) {
                String path = "cameras[" + i + "]";
                lines.put(path, items.get(i));
                cameras.add(camera(items.get(i), path, cameraDefaults));
            }
        });
        AuditConfig audit = m.value("audit").map(n -> audit(n, m.keyPath("audit"))).orElseGet(AuditConfig::defaults);
        ExportsConfig exports = m.value("exports").map(n -> exports(n, m.keyPath("exports")))
                .orElseGet(ExportsConfig::defaults);
        ReadsConfig reads = m.value("reads").map(n -> reads(n, m.keyPath("reads"))).orElseGet(ReadsConfig::defaults);
        Gb28181Config gb28181 = m.value("gb28181").map(n -> gb28181(n, m.keyPath("gb28181"))).orElse(null);
        return construct("", () -> new XueliangConfig(http, storage, recording, ingest, plates, cameraDefaults, cameras,
                audit, exports, reads, gb28181));
    }

    private HttpConfig http(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(HttpConfig.class);
        HttpConfig d = HttpConfig.defaults();
        int port = m.integer("port", d.port());
        String metricsToken = m.string("metricsToken", d.metricsToken());
        int maxBodyBytes = m.integer("maxBodyBytes", d.maxBodyBytes());
        int maxHeaderBytes = m.integer("maxHeaderBytes", d.maxHeaderBytes());
        int maxRequestLineBytes = m.integer("maxRequestLineBytes", d.maxRequestLineBytes());
        var tlsCertificate = m.path("tlsCertificate", d.tlsCertificate());
        var tlsKey = m.path("tlsKey", d.tlsKey());
        List<String> trustedProxies = scalarList(m, "trustedProxies", d.trustedProxies(), scalars::string);
        int maxConnections = m.integer("maxConnections", d.maxConnections());
        int maxConnectionsPerAddress = m.integer("maxConnectionsPerAddress", d.maxConnectionsPerAddress());
        Duration headerTimeout = m.duration("headerTimeout", d.headerTimeout());
        Duration idleTimeout = m.duration("idleTimeout", d.idleTimeout());
        int tokenRequestsPerSecond = m.integer("tokenRequestsPerSecond", d.tokenRequestsPerSecond());
        int tokenRequestBurst = m.integer("tokenRequestBurst", d.tokenRequestBurst());
        Duration ticketLifetime = m.duration("ticketLifetime", d.ticketLifetime());
        String mapTiles = m.string("mapTiles", d.mapTiles());
        String mapAttribution = m.string("mapAttribution", d.mapAttribution());
        return construct(path, () -> new HttpConfig(port, metricsToken, maxBodyBytes, maxHeaderBytes,
                maxRequestLineBytes, tlsCertificate, tlsKey, trustedProxies, maxConnections, maxConnectionsPerAddress,
                headerTimeout, idleTimeout, tokenRequestsPerSecond, tokenRequestBurst, ticketLifetime, mapTiles,
                mapAttribution));
    }

    private StorageConfig storage(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(StorageConfig.class);
        StorageConfig d = StorageConfig.defaults();
        var root = m.path("root", d.root());
        var blob = m.read("blob", d.blob(), scalars::blobStoreKind);
        S3Config s3 = m.value("s3").map(n -> s3(n, m.keyPath("s3"))).orElseGet(S3Config::defaults);
        int reserveMiB = m.integer("reserveMiB", d.reserveMiB());
        return construct(path, () -> new StorageConfig(root, blob, s3, reserveMiB));
    }

    private S3Config s3(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(S3Config.class);
        S3Config d = S3Config.defaults();
        URI endpoint = m.uri("endpoint", d.endpoint());
        String region = m.string("region", d.region());
        String bucket = m.string("bucket", d.bucket());
        String accessKey = m.string("accessKey", d.accessKey());
        String secretKey = m.string("secretKey", d.secretKey());
        String prefix = m.string("prefix", d.prefix());
        boolean pathStyle = m.bool("pathStyle", d.pathStyle());
        return construct(path, () -> new S3Config(endpoint, region, bucket, accessKey, secretKey, prefix, pathStyle));
    }

    private PlatesConfig plates(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(PlatesConfig.class);
        PlatesConfig d = PlatesConfig.defaults();
        double sampleFps = m.read("sampleFps", d.sampleFps(), scalars::decimal);
        boolean keyframesOnly = m.bool("keyframesOnly", d.keyframesOnly());
        int workers = m.integer("workers", d.workers());
        int queueUnits = m.integer("queueUnits", d.queueUnits());
        int maxFrameWidth = m.integer("maxFrameWidth", d.maxFrameWidth());
        int detectionSide = m.integer("detectionSide", d.detectionSide());
        List<Double> motionRegion = scalarList(m, "motionRegion", d.motionRegion(), scalars::decimal);
        double motionSensitivity = m.read("motionSensitivity", d.motionSensitivity(), scalars::decimal);
        double triggerLine = m.read("triggerLine", d.triggerLine(), scalars::decimal);
        Duration trackMaxAge = m.duration("trackMaxAge", d.trackMaxAge());
        int minObservations = m.integer("minObservations", d.minObservations());
        double minConfidence = m.read("minConfidence", d.minConfidence(), scalars::decimal);
        List<String> patterns = scalarList(m, "patterns", d.patterns(), scalars::string);
        boolean saveImages = m.bool("saveImages", d.saveImages());
        return construct(path, () -> new PlatesConfig(sampleFps, keyframesOnly, workers, queueUnits, maxFrameWidth,
                detectionSide, motionRegion, motionSensitivity, triggerLine, trackMaxAge, minObservations, minConfidence,
                patterns, saveImages));
    }

    /** The list of scalars under {@code key}, each read by {@code reader} with its {@code key[i]} path. */
    private <T> List<T> scalarList(MappingReader m, String key, List<T> fallback,
            java.util.function.BiFunction<Node, String, T> reader) {
        return m.value(key).map(n -> {
            String listPath = m.keyPath(key);
            List<Node> items = scalars.list(n, listPath);
            List<T> values = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                values.add(reader.apply(items.get(i), listPath + "[" + i + "]"));
            }
            return values;
        }).orElse(fallback);
    }

    private AuditConfig audit(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(AuditConfig.class);
        AuditConfig d = AuditConfig.defaults();
        Duration checkpointInterval = m.duration("checkpointInterval", d.checkpointInterval());
        AuditWitnessConfig witness = m.value("witness").map(n -> auditWitness(n, m.keyPath("witness")))
                .orElseGet(AuditWitnessConfig::defaults);
        int retentionDays = m.integer("retentionDays", d.retentionDays());
        return construct(path, () -> new AuditConfig(checkpointInterval, witness, retentionDays));
    }

    private ExportsConfig exports(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(ExportsConfig.class);
        ExportsConfig d = ExportsConfig.defaults();
        int maxConcurrent = m.integer("maxConcurrent", d.maxConcurrent());
        int perUserPerDay = m.integer("perUserPerDay", d.perUserPerDay());
        int perUserGiBPerDay = m.integer("perUserGiBPerDay", d.perUserGiBPerDay());
        Duration expireAfter = m.duration("expireAfter", d.expireAfter());
        return construct(path, () -> new ExportsConfig(maxConcurrent, perUserPerDay, perUserGiBPerDay, expireAfter));
    }

    private AuditWitnessConfig auditWitness(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(AuditWitnessConfig.class);
        AuditWitnessConfig d = AuditWitnessConfig.defaults();
        URI syslog = m.uri("syslog", d.syslog());
        URI http = m.uri("http", d.http());
        String httpToken = m.string("httpToken", d.httpToken());
        Duration timeout = m.duration("timeout", d.timeout());
        return construct(path, () -> new AuditWitnessConfig(syslog, http, httpToken, timeout));
    }

    private RecordingConfig recording(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(RecordingConfig.class);
        RecordingConfig d = RecordingConfig.defaults();
        int segmentSeconds = m.integer("segmentSeconds", d.segmentSeconds());
        int retentionDays = m.integer("retentionDays", d.retentionDays());
        int minFreePercent = m.integer("minFreePercent", d.minFreePercent());
        Duration changeRotationInterval = m.duration("changeRotationInterval", d.changeRotationInterval());
        List<RetentionRule> retention = retentionRules(m);
        boolean directIo = m.bool("directIo", d.directIo());
        int writerThreads = m.integer("writerThreads", d.writerThreads());
        int queueHeapPercent = m.integer("queueHeapPercent", d.queueHeapPercent());
        return construct(path, () -> new RecordingConfig(segmentSeconds, retentionDays, minFreePercent, retention,
                changeRotationInterval, directIo, writerThreads, queueHeapPercent));
    }

    private ReadsConfig reads(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(ReadsConfig.class);
        ReadsConfig d = ReadsConfig.defaults();
        int retentionDays = m.integer("retentionDays", d.retentionDays());
        List<RetentionRule> retention = retentionRules(m);
        int maxSearchDays = m.integer("maxSearchDays", d.maxSearchDays());
        int cloneSpeedKmh = m.integer("cloneSpeedKmh", d.cloneSpeedKmh());
        List<String> caseReferenceOptionalFor = scalarList(m, "caseReferenceOptionalFor",
                d.caseReferenceOptionalFor(), scalars::string);
        WatchlistConfig watchlists = m.value("watchlists").map(n -> watchlists(n, m.keyPath("watchlists")))
                .orElseGet(WatchlistConfig::defaults);
        return construct(path, () -> new ReadsConfig(retentionDays, retention, maxSearchDays, cloneSpeedKmh,
                caseReferenceOptionalFor, watchlists));
    }

    private Gb28181Config gb28181(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(Gb28181Config.class);
        String serverId = scalars.string(m.required("serverId"), m.keyPath("serverId"));
        String domain = scalars.string(m.required("domain"), m.keyPath("domain"));
        String password = scalars.string(m.required("password"), m.keyPath("password"));
        Gb28181Config d = Gb28181Config.withDefaults("00000000000000000000", "0000000000", "-");
        int sipPort = m.integer("sipPort", d.sipPort());
        String sipHost = m.string("sipHost", d.sipHost());
        String announceAddress = m.string("announceAddress", d.announceAddress());
        Duration registerExpiresMax = m.duration("registerExpiresMax", d.registerExpiresMax());
        Duration keepaliveInterval = m.duration("keepaliveInterval", d.keepaliveInterval());
        int keepaliveMisses = m.integer("keepaliveMisses", d.keepaliveMisses());
        int mediaPortFirst = m.integer("mediaPortFirst", d.mediaPortFirst());
        int mediaPortLast = m.integer("mediaPortLast", d.mediaPortLast());
        int maxDevices = m.integer("maxDevices", d.maxDevices());
        int maxChannelsPerDevice = m.integer("maxChannelsPerDevice", d.maxChannelsPerDevice());
        int registersPerMinute = m.integer("registersPerMinute", d.registersPerMinute());
        List<String> region = m.value("region").map(n -> region(n, m.keyPath("region"))).orElse(List.of());
        List<SuperiorPlatformConfig> superiors = new ArrayList<>();
        m.value("superiors").ifPresent(n -> {
            String listPath = m.keyPath("superiors");
            List<Node> items = scalars.list(n, listPath);
            for (int i = 0; i < items.size(); i++) {
                String itemPath = listPath + "[" + i + "]";
                lines.put(itemPath, items.get(i));
                superiors.add(superior(items.get(i), itemPath));
            }
        });
        return construct(path, () -> new Gb28181Config(serverId, domain, password, sipPort, sipHost, announceAddress,
                registerExpiresMax, keepaliveInterval, keepaliveMisses, mediaPortFirst, mediaPortLast, maxDevices,
                maxChannelsPerDevice, registersPerMinute, region, superiors));
    }

    private SuperiorPlatformConfig superior(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(SuperiorPlatformConfig.class);
        String id = scalars.string(m.required("id"), m.keyPath("id"));
        String domain = scalars.string(m.required("domain"), m.keyPath("domain"));
        String host = scalars.string(m.required("host"), m.keyPath("host"));
        int port = m.integer("port", Gb28181Config.DEFAULT_SIP_PORT);
        var transport = m.read("transport", Transport.UDP, scalars::transport);
        String password = scalars.string(m.required("password"), m.keyPath("password"));
        Duration registerExpires = m.duration("registerExpires", Duration.ofHours(1));
        Duration keepaliveInterval = m.duration("keepaliveInterval", Duration.ofSeconds(60));
        List<String> share = scalarList(m, "share", List.of(), scalars::string);
        return construct(path, () -> new SuperiorPlatformConfig(id, domain, host, port, transport, password,
                registerExpires, keepaliveInterval, share));
    }

    private WatchlistConfig watchlists(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(WatchlistConfig.class);
        WatchlistConfig d = WatchlistConfig.defaults();
        int maxExpiryDays = m.integer("maxExpiryDays", d.maxExpiryDays());
        int maxLists = m.integer("maxLists", d.maxLists());
        int maxEntriesPerList = m.integer("maxEntriesPerList", d.maxEntriesPerList());
        int maxEntries = m.integer("maxEntries", d.maxEntries());
        int maxStreams = m.integer("maxStreams", d.maxStreams());
        int maxStreamsPerUser = m.integer("maxStreamsPerUser", d.maxStreamsPerUser());
        return construct(path, () -> new WatchlistConfig(maxExpiryDays, maxLists, maxEntriesPerList, maxEntries,
                maxStreams, maxStreamsPerUser));
    }

    private List<RetentionRule> retentionRules(MappingReader m) {
        List<RetentionRule> retention = new ArrayList<>();
        m.value("retention").ifPresent(n -> {
            String listPath = m.keyPath("retention");
            List<Node> items = scalars.list(n, listPath);
            for (int i = 0; i < items.size(); i++) {
                String itemPath = listPath + "[" + i + "]";
                lines.put(itemPath, items.get(i));
                retention.add(retentionRule(items.get(i), itemPath));
            }
        });
        return retention;
    }

    private RetentionRule retentionRule(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(RetentionRule.class);
        String camera = m.string("camera", null);
        List<String> region = m.value("region").map(n -> region(n, m.keyPath("region"))).orElse(List.of());
        int days = scalars.integer(m.required("days"), m.keyPath("days"));
        return construct(path, () -> new RetentionRule(camera, region, days));
    }

    private IngestConfig ingest(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(IngestConfig.class);
        IngestConfig d = IngestConfig.defaults();
        var connectAttemptsPerSecond = m.integer("connectAttemptsPerSecond", d.connectAttemptsPerSecond());
        var backoffMin = m.duration("backoffMin", d.backoffMin());
        var backoffMax = m.duration("backoffMax", d.backoffMax());
        var noDataTimeout = m.duration("noDataTimeout", d.noDataTimeout());
        var connectTimeout = m.duration("connectTimeout", d.connectTimeout());
        var requestTimeout = m.duration("requestTimeout", d.requestTimeout());
        var sessionTimeoutDefault = m.duration("sessionTimeoutDefault", d.sessionTimeoutDefault());
        var maxRtspHeaderBytes = m.integer("maxRtspHeaderBytes", d.maxRtspHeaderBytes());
        var maxRtspBodyBytes = m.integer("maxRtspBodyBytes", d.maxRtspBodyBytes());
        var maxAccessUnitBytes = m.integer("maxAccessUnitBytes", d.maxAccessUnitBytes());
        var maxRedirects = m.integer("maxRedirects", d.maxRedirects());
        var hubQueueUnits = m.integer("hubQueueUnits", d.hubQueueUnits());
        var eventLoopThreads = m.integer("eventLoopThreads", d.eventLoopThreads());
        var udpPortMin = m.integer("udpPortMin", d.udpPortMin());
        var udpPortMax = m.integer("udpPortMax", d.udpPortMax());
        var keepKeyframes = m.bool("keepKeyframes", d.keepKeyframes());
        return construct(path, () -> new IngestConfig(connectAttemptsPerSecond, backoffMin, backoffMax,
                noDataTimeout, connectTimeout, requestTimeout, sessionTimeoutDefault, maxRtspHeaderBytes,
                maxRtspBodyBytes, maxAccessUnitBytes, maxRedirects, hubQueueUnits, eventLoopThreads,
                udpPortMin, udpPortMax, keepKeyframes));
    }

    private CameraDefaults cameraDefaults(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(CameraDefaults.class);
        CameraDefaults d = CameraDefaults.defaults();
        var transport = m.read("transport", d.transport(), scalars::transport);
        boolean record = m.bool("record", d.record());
        boolean live = m.bool("live", d.live());
        boolean plates = m.bool("plates", d.plates());
        boolean enabled = m.bool("enabled", d.enabled());
        var auth = m.read("auth", d.auth(), scalars::cameraAuth);
        return construct(path, () -> new CameraDefaults(transport, record, live, plates, enabled, auth));
    }

    private CameraConfig camera(Node node, String path, CameraDefaults d) {
        MappingReader m = mapping(node, path).allowOnly(CameraConfig.class);
        String id = scalars.string(m.required("id"), m.keyPath("id"));
        String name = m.string("name", null);
        List<String> region = m.value("region").map(n -> region(n, m.keyPath("region"))).orElse(List.of());
        Location location = m.value("location").map(n -> location(n, m.keyPath("location"))).orElse(null);
        URI source = scalars.uri(m.required("source"), m.keyPath("source"));
        URI substream = m.uri("substream", null);
        var transport = m.read("transport", d.transport(), scalars::transport);
        boolean record = m.bool("record", d.record());
        boolean live = m.bool("live", d.live());
        boolean plates = m.bool("plates", d.plates());
        boolean enabled = m.bool("enabled", d.enabled());
        String direction = m.string("direction", null);
        var auth = m.read("auth", d.auth(), scalars::cameraAuth);
        return construct(path, () -> new CameraConfig(id, name, region, location, source, substream, transport,
                record, live, plates, enabled, direction, auth));
    }

    private List<String> region(Node node, String path) {
        List<Node> items = scalars.list(node, path);
        List<String> region = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            lines.put(itemPath, items.get(i));
            region.add(scalars.string(items.get(i), itemPath));
        }
        return region;
    }

    private Location location(Node node, String path) {
        MappingReader m = mapping(node, path).allowOnly(Location.class);
        double lat = scalars.decimal(m.required("lat"), m.keyPath("lat"));
        double lon = scalars.decimal(m.required("lon"), m.keyPath("lon"));
        return construct(path, () -> new Location(lat, lon));
    }

    private MappingReader mapping(Node node, String path) {
        return new MappingReader(node, path, scalars, lines);
    }

    /** Runs a record constructor; its failure, relative to the record, gets the record's path. */
    private static <T> T construct(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw e.under(path);
        }
    }

    /** The line of the nearest node at {@code path} or above it. */
    private int lineOf(String path) {
        String p = path;
        while (!lines.containsKey(p) && !p.isEmpty()) {
            p = p.substring(0, Math.max(0, Math.max(p.lastIndexOf('.'), p.lastIndexOf('['))));
        }
        Node node = lines.get(p);
        return node == null ? 0 : MappingReader.line(node);
    }
}
