package io.xueliang.api.http;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connections from using up the server: at most {@code max} open at once and {@code perAddress} from one client
 * address (trusted proxies exempt), the rest closed as they arrive; and every connection must deliver a request's
 * header block within {@code headerTimeout} of connecting or of its previous answer, else it is closed. Without these,
 * 20,000 idle connections that never sent a byte exhausted the file descriptors and took {@code /healthz} down.
 *
 * <pre>
 *   connect --(over a cap)--> closed, counted
 *      |  arm header timer
 *   headers complete --> disarm; request runs (no timer while any request of the connection is in progress)
 *   answer ended, none in progress --> arm again (keep-alive: the next request has headerTimeout to come)
 *   timer fires --> closed, counted
 * </pre>
 *
 * Each connection's events run on its event loop, one at a time; the counts shared across connections are atomic.
 */
final class ConnectionGuard implements Handler<HttpConnection>, MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    /** Refusals are logged at most this often: a flood must not become a flood of log lines. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final int max;
    private final int perAddress;
    private final long headerTimeoutMillis;
    private final ClientAddress clients;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final Map<HttpConnection, State> states = new ConcurrentHashMap<>();
    private final AtomicLong refusedOverall = new AtomicLong();
    private final AtomicLong refusedPerAddress = new AtomicLong();
    private final AtomicLong headerTimeouts = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong();

    ConnectionGuard(Vertx vertx, int max, int perAddress, Duration headerTimeout, ClientAddress clients) {
        this.vertx = vertx;
        this.max = max;
        this.perAddress = perAddress;
        this.headerTimeoutMillis = headerTimeout.toMillis();
        this.clients = clients;
    }

    /** Per connection, on its event loop: the timer waiting for headers, and how many requests are in progress. */
    private static final class State {
        long timer = -1;
        int active;
        String address;
    }

    @Override
    public void handle(HttpConnection conn) {
        String address = conn.remoteAddress() == null ? "unknown" : conn.remoteAddress().hostAddress();
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refuse(conn, refusedOverall, "HTTP connection from " + address + " refused: " + max
                    + " connections are open (http.maxConnections)");
            return;
        }
        State state = new State();
        if (!clients.trusted(conn.remoteAddress())) {
            AtomicInteger n = byAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (n.incrementAndGet() > perAddress) {
                release(address);
                open.decrementAndGet();
                refuse(conn, refusedPerAddress, "HTTP connection from " + address + " refused: " + perAddress
                        + " are open from that address (http.maxConnectionsPerAddress)");
                return;
            }
            state.address = address;
        }
        states.put(conn, state);
        conn.closeHandler(v -> {
            State s = states.remove(conn);
            if (s != null) {
                disarm(s);
                if (s.address != null) {
                    release(s.address);
                }
                open.decrementAndGet();
            }
        });
        arm(conn, state);
    }

    /** Wraps the request handler: a request whose headers arrived stops the connection's timer until it is answered. */
    Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            HttpConnection conn = request.connection();
            State state = conn == null ? null : states.get(conn);
            if (state != null) {
                disarm(state);
                state.active++;
                request.response().endHandler(v -> {
                    state.active--;
                    if (state.active == 0 && states.containsKey(conn)) {
                        arm(conn, state);
                    }
                });
            }
            next.handle(request);
        };
    }

    private void arm(HttpConnection conn, State state) {
        disarm(state);
        state.timer = vertx.setTimer(headerTimeoutMillis, id -> {
            state.timer = -1;
            if (state.active == 0) {
                headerTimeouts.incrementAndGet();
                conn.close();
            }
        });
    }

    private void disarm(State state) {
        if (state.timer >= 0) {
            vertx.cancelTimer(state.timer);
            state.timer = -1;
        }
    }

    private void release(String address) {
        byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private void refuse(HttpConnection conn, AtomicLong counter, String why) {
        counter.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY.toNanos() && lastLog.compareAndSet(last, now)) {
            LOG.warn("{} ({} refused so far; logged at most every {} s)", why,
                    refusedOverall.get() + refusedPerAddress.get(), LOG_EVERY.toSeconds());
        }
        conn.close();
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(
                GaugeSnapshot.builder().name("xueliang_http_connections").help("HTTP connections open now")
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(open.get()).build()).build(),
                CounterSnapshot.builder().name("xueliang_http_connections_refused")
                        .help("HTTP connections closed on arrival: over http.maxConnections (overall) or"
                                + " http.maxConnectionsPerAddress (address)")
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(Labels.of("limit", "overall")).value(refusedOverall.get()).build())
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(Labels.of("limit", "address")).value(refusedPerAddress.get()).build())
                        .build(),
                CounterSnapshot.builder().name("xueliang_http_header_timeouts")
                        .help("HTTP connections closed for not sending a request's headers within http.headerTimeout")
                        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(headerTimeouts.get()).build())
                        .build());
    }
}
