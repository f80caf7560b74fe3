package io.xueliang.api.watch;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.http.WholeNumbers;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.config.WatchlistConfig;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.reads.watch.WatchStore;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.TokenStore;
import io.xueliang.storage.registry.CameraRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code GET /alerts/stream}: alerts as server-sent events (WHATWG HTML §9.2), one event per alert, its id the alert's
 * id and its data the alert's JSON, to every open stream whose caller may see the alert's camera.
 *
 * <pre>
 *   plate-alerts bus ─► accept(alert) ─► each stream: offer ─► (its event loop) queue ─► pump:
 *        token checked again on a worker (expired, revoked, roles gone: the stream ends) ─► regions ─► write
 *   open with Last-Event-ID n ─► the stored alerts after n first (at most 1,000), then live ones after them
 *   every 15 s ─► token checked again ─► ": keep-alive" comment (keeps proxies and the idle timeout from closing it)
 * </pre>
 *
 * <p>Each stream holds a connection and a little memory, so there are at most {@code reads.watchlists.maxStreams} at
 * once and {@code maxStreamsPerUser} per account; a stream whose client does not read (the connection's write queue
 * full, or {@value #MAX_QUEUED} alerts waiting) is ended, and its client resumes with Last-Event-ID.
 */
public final class AlertStreams implements Consumer<PlateAlert> {
    /** Stored alerts one reconnection is sent before the live ones; an operator away longer looks at the list. */
    static final int MAX_RESUME = 1000;
    /** Alerts waiting for one stream's token check; more means the client or the server cannot keep up. */
    static final int MAX_QUEUED = 1000;
    /** Comment lines keep a quiet stream open through proxies and http.idleTimeout, and re-check the token. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final WatchStore store;
    private final CameraRegistry cameras;
    private final TokenStore tokens;
    private final AuditTrail audit;
    private final BlockingWork work;
    private final WatchlistConfig limits;
    private final Duration heartbeat;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    /** Streams open per account (user id); guarded by {@code this}. */
    private final Map<String, Integer> perUser = new HashMap<>();
    private int total;

    public AlertStreams(WatchStore store, CameraRegistry cameras, TokenStore tokens, AuditTrail audit, BlockingWork work,
            WatchlistConfig limits, Duration heartbeat) {
        this.store = store;
        this.cameras = cameras;
        this.tokens = tokens;
        this.audit = audit;
        this.work = work;
        this.limits = limits;
        this.heartbeat = heartbeat;
    }

    public void register(ApiOperations operations) {
        operations.handle("streamAlerts", this::open);
    }

    /** From the {@code plate-alerts} topic: hands the alert to every open stream. */
    @Override
    public void accept(PlateAlert alert) {
        for (Stream s : open) {
            s.offer(alert);
        }
    }

    /** Streams open now. */
    public int openStreams() {
        return open.size();
    }

    private void open(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        String action = "GET /api/v1/alerts/stream";
        String last = ctx.request().getHeader("Last-Event-ID");
        long resumeAfter = last == null ? -1 : WholeNumbers.parse("Last-Event-ID", last.strip(), 0, WholeNumbers.MAX_ID);
        Map<String, String> params = new HashMap<>();
        params.put("lastEventId", last);
        if (!Permission.ALERTS.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "alerts are for viewers, investigators and admins");
            return;
        }
        ApiProblem refused = reserve(who.userId());
        audit.record(ctx, who, action, params, -1, refused == null ? 200 : refused.status()).onComplete(r -> {
            if (refused != null) {
                ctx.fail(r.succeeded() ? refused : r.cause());
            } else if (r.failed()) {
                release(who.userId());
                ctx.fail(r.cause());
            } else {
                new Stream(ctx, who).start(resumeAfter);
            }
        });
    }

    /** Takes a place for a stream of {@code user}; the refusal when there is none. */
    private synchronized ApiProblem reserve(String user) {
        if (total >= limits.maxStreams()) {
            return ApiProblem.unavailable(Duration.ofSeconds(30), total + " alert streams are open, the most"
                    + " reads.watchlists.maxStreams allows");
        }
        int mine = perUser.getOrDefault(user, 0);
        if (mine >= limits.maxStreamsPerUser()) {
            return ApiProblem.tooManyRequests(Duration.ofSeconds(30), "you have " + mine + " alert streams open, the"
                    + " most reads.watchlists.maxStreamsPerUser allows; close one");
        }
        perUser.put(user, mine + 1);
        total++;
        return null;
    }

    private synchronized void release(String user) {
        perUser.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
        total--;
    }

    /** A token checked again, with the stored alerts a resumed stream missed. */
    private record Checked(Optional<Principal> who, List<PlateAlert> missed) {
    }

    /** One open stream; every field is used on its request's event loop only. */
    private final class Stream {
        private final Vertx vertx;
        private final Context context;
        private final HttpServerResponse response;
        private final String user;
        private final long tokenId;
        private final ArrayDeque<PlateAlert> queue = new ArrayDeque<>();
        private Principal who;
        private long lastSent;
        private boolean busy;
        private boolean closed;
        private long timer = -1;

        Stream(RoutingContext ctx, Principal who) {
            this.vertx = ctx.vertx();
            this.context = vertx.getOrCreateContext();
            this.response = ctx.response();
            this.who = who;
            this.user = who.userId();
            this.tokenId = who.tokenId();
        }

        void start(long resumeAfter) {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
            response.closeHandler(v -> close(false));
            response.exceptionHandler(e -> close(false));
            response.write("retry: 3000\n\n");
            open.add(this);
            timer = vertx.setPeriodic(heartbeat.toMillis(), t -> heartbeat());
            if (resumeAfter < 0) {
                return;
            }
            lastSent = resumeAfter;
            busy = true;
            work.submit(() -> {
                Optional<Principal> now = tokens.resolveId(tokenId);
                List<PlateAlert> missed = now.isEmpty() ? List.of()
                        : store.alertsAfter(resumeAfter, WatchJson.visibleCameras(now.get(), cameras), MAX_RESUME);
                return new Checked(now, missed);
            }).onComplete(r -> {
                busy = false;
                if (r.failed() || !stillAllowed(r.result().who())) {
                    close(true);
                    return;
                }
                r.result().missed().forEach(this::send);
                pump();
            });
        }

        /** From the bus's thread. */
        void offer(PlateAlert alert) {
            context.runOnContext(v -> {
                if (closed) {
                    return;
                }
                if (queue.size() >= MAX_QUEUED) {
                    close(true);
                    return;
                }
                queue.add(alert);
                pump();
            });
        }

        /** Sends what is queued once the token is found good still. */
        private void pump() {
            if (busy || closed || queue.isEmpty()) {
                return;
            }
            busy = true;
            List<PlateAlert> batch = new ArrayList<>(queue);
            queue.clear();
            work.submit(() -> tokens.resolveId(tokenId)).onComplete(r -> {
                busy = false;
                if (!checked(r)) {
                    return;
                }
                batch.forEach(this::send);
                pump();
            });
        }

        private void heartbeat() {
            if (closed) {
                return;
            }
            work.submit(() -> tokens.resolveId(tokenId)).onComplete(r -> {
                if (checked(r) && !response.writeQueueFull()) {
                    response.write(": keep-alive\n\n");
                }
            });
        }

        /** Whether the token is still good (taking the principal as it is now), else ends the stream. */
        private boolean checked(AsyncResult<Optional<Principal>> r) {
            if (closed) {
                return false;
            }
            if (r.failed() || !stillAllowed(r.result())) {
                close(true);
                return false;
            }
            return true;
        }

        private boolean stillAllowed(Optional<Principal> now) {
            if (now.isEmpty() || !Permission.ALERTS.grantedTo(now.get())) {
                return false;
            }
            who = now.get();
            return true;
        }

        private void send(PlateAlert a) {
            if (closed || a.id() <= lastSent || !RegionScope.covers(who, a.cameraRegion())) {
                return;
            }
            if (response.writeQueueFull()) {
                close(true);
                return;
            }
            response.write("id: " + a.id() + "\ndata: " + WatchJson.alert(a).encode() + "\n\n");
            lastSent = a.id();
        }

        /** Ends the stream once; {@code end}: the server ends it (else the client went away). */
        private void close(boolean end) {
            if (closed) {
                return;
            }
            closed = true;
            open.remove(this);
            release(user);
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (end && !response.closed() && !response.ended()) {
                response.end();
            }
        }
    }
}
