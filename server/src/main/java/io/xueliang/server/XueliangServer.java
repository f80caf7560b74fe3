package io.xueliang.server;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.xueliang.api.ops.CameraMetricsCollector;
import io.xueliang.api.ops.OpsEndpoints;
import io.xueliang.api.ops.OpsServer;
import io.xueliang.config.CameraConfig;
import io.xueliang.config.XueliangConfig;
import io.xueliang.ingest.IngestService;
import io.xueliang.media.Camera;
import io.xueliang.media.StreamHubs;
import io.xueliang.storage.sql.EmbeddedDatabase;
import io.xueliang.storage.sql.EmbeddedDatabaseSettings;
import java.time.Duration;
import java.time.InstantSource;
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
    private final OpsServer http;

    private XueliangServer(XueliangConfig config, StreamHubs hubs, EmbeddedDatabase database, IngestService ingest,
            OpsServer http) {
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
        try {
            PrometheusRegistry registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            registry.register(new CameraMetricsCollector(ingest.health(), clock));
            OpsServer http = OpsServer.start(httpHost, config.http().port(),
                    new OpsEndpoints(registry, ingest.health(), config.http().metricsToken()), Duration.ofSeconds(30));
            XueliangServer server = new XueliangServer(config, hubs, database, ingest, http);
            for (CameraConfig c : config.cameras()) {
                ingest.put(Camera.from(c));
            }
            log.info("xueliang started: {} camera(s), HTTP on port {}, store {}", config.cameras().size(), http.port(),
                    database.file());
            if (config.http().metricsToken() == null) {
                log.warn("HTTP is plain and /metrics needs no token; set http.metricsToken to protect it");
            }
            return server;
        } catch (Exception e) {
            ingest.close();
            database.close();
            throw e;
        }
    }

    public IngestService ingest() {
        return ingest;
    }

    public StreamHubs hubs() {
        return hubs;
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
        ingest.close();
        try {
            http.close();
        } catch (Exception e) {
            log.warn("HTTP listener did not close cleanly", e);
        }
        database.close();
    }
}
