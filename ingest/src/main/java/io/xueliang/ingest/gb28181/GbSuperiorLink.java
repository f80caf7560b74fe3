package io.xueliang.ingest.gb28181;

import io.xueliang.config.SuperiorPlatformConfig;
import io.xueliang.config.Transport;
import io.xueliang.ingest.manscdp.CatalogQuery;
import io.xueliang.ingest.manscdp.DeviceInfoQuery;
import io.xueliang.ingest.manscdp.DeviceInfoResponse;
import io.xueliang.ingest.manscdp.DeviceStatusQuery;
import io.xueliang.ingest.manscdp.DeviceStatusResponse;
import io.xueliang.ingest.manscdp.Keepalive;
import io.xueliang.ingest.manscdp.ManscdpException;
import io.xueliang.ingest.manscdp.ManscdpMessage;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.manscdp.RecordInfoQuery;
import io.xueliang.ingest.manscdp.RecordItem;
import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import io.xueliang.ingest.sip.auth.SipDigestClient;
import io.xueliang.ingest.sip.transaction.SipFlow;
import io.xueliang.media.CameraId;
import io.xueliang.media.Gb28181Stats;
import io.xueliang.media.Scheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This platform as a lower platform of one superior (cascade, GB/T 28181 §9.1 and §9.2): it registers upward with
 * digest, renews and keeps alive, answers the superior's queries from the cameras the configuration shares with it,
 * and hands its calls to {@link GbUpstreamCalls}. Runs on the signalling thread.
 *
 * <pre>
 *  UNREGISTERED --REGISTER--> 401 --REGISTER + digest--> 200: REGISTERED (renew at 4/5 of Expires, keepalives)
 *        ^                      \--403, timeout, 5xx, no connection: retry after a backoff (10 s doubling to 5 min)
 *        +-- keepalives unanswered 3 times in a row, or answered 4xx (the superior forgot us): register again
 * </pre>
 *
 * <p>Only requests from the superior's address (its host resolved at each registration) reach a link, and a link
 * shows the superior nothing outside the regions of its {@code share}: the catalog, RecordInfo and INVITE all ask
 * the same {@link GbSharedCameras} for the shared cameras.
 */
final class GbSuperiorLink {
    private static final Logger log = LoggerFactory.getLogger(GbSuperiorLink.class);
    private static final Duration RETRY_FIRST = Duration.ofSeconds(10);
    private static final Duration RETRY_MAX = Duration.ofMinutes(5);
    private static final int KEEPALIVE_MISSES = 3;

    private enum State { UNREGISTERED, REGISTERED, CLOSED }

    private final SuperiorPlatformConfig config;
    private final GbCascadeContext context;
    private final List<List<String>> share;
    private final SipDigestClient digest;
    private final String registerCallId;
    private final NameAddress self;
    private final GbUpstreamCalls calls;
    final AtomicLong registrations = new AtomicLong();
    final AtomicLong registerFailures = new AtomicLong();
    final AtomicLong keepalivesSent = new AtomicLong();
    final AtomicLong catalogsSent = new AtomicLong();
    final AtomicLong recordInfosSent = new AtomicLong();
    private volatile InetSocketAddress remote;
    private volatile State state = State.UNREGISTERED;
    private boolean registering;
    private long cseq;
    private long sn = 1;
    private int keepaliveMisses;
    private Duration retry = RETRY_FIRST;
    private Scheduler.Cancellable renewal;
    private Scheduler.Cancellable keepalive;

    GbSuperiorLink(SuperiorPlatformConfig config, GbCascadeContext context) {
        this.config = config;
        this.context = context;
        this.share = config.share().stream().map(p -> List.of(p.split("/"))).toList();
        this.digest = new SipDigestClient(context.serverId(), config.password(), context.ids());
        this.registerCallId = context.ids().callId();
        this.self = NameAddress.of(SipUri.of(context.serverId(), context.domain(), -1)).withTag(context.ids().tag());
        this.calls = new GbUpstreamCalls(this, context);
    }

    String id() {
        return config.id();
    }

    boolean registered() {
        return state == State.REGISTERED;
    }

    /** The superior's address as last resolved; null before the first attempt or when its name does not resolve. */
    InetSocketAddress remote() {
        return remote;
    }

    /** Its state for the API; any thread (the call count may be a moment old). */
    Gb28181Stats.Superior status() {
        return new Gb28181Stats.Superior(config.id(), config.host() + ":" + config.port(),
                config.transport() == Transport.TCP ? "tcp" : "udp", registered(), registerFailures.get(),
                calls.size(), config.share());
    }

    /** The regions shared with this superior, as paths. */
    List<List<String>> share() {
        return share;
    }

    GbUpstreamCalls calls() {
        return calls;
    }

    // ---- registration -------------------------------------------------------------------------------------------

    void start() {
        context.scheduler().execute(this::register);
    }

    private void register() {
        if (state == State.CLOSED || registering) {
            return;
        }
        registering = true;
        resolve().thenCompose(ignored -> sendRegister(config.registerExpires().toSeconds()))
                .whenComplete((ok, error) -> context.scheduler().execute(() -> {
                    registering = false;
                    if (state == State.CLOSED) {
                        return;
                    }
                    if (error == null && ok.success()) {
                        registered(ok);
                    } else {
                        registerFailures.incrementAndGet();
                        log.warn("GB/T 28181 superior {} at {}:{}: registration failed ({}); again in {} s", config.id(),
                                config.host(), config.port(), error != null ? error.toString()
                                        : ok.status() + " " + ok.reason(), retry.toSeconds());
                        unregistered();
                        cancel(renewal);
                        renewal = context.scheduler().schedule(retry, this::register);
                        retry = retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
                    }
                }));
    }

    /** The superior's address resolved again (a name may move), and over TCP our connection to it. */
    private CompletableFuture<Void> resolve() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("gb28181-resolve-" + config.id()).start(() -> {
            try {
                remote = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
                done.complete(null);
            } catch (UnknownHostException e) {
                done.completeExceptionally(e);
            }
        });
        if (config.transport() != Transport.TCP) {
            return done;
        }
        return done.thenCompose(ignored -> context.transport().connect(remote, context.socket()));
    }

    private CompletableFuture<SipResponse> sendRegister(long expires) {
        SipRequest request = digest.authorize(context.ids().request(SipRequest.REGISTER,
                        SipUri.of(config.id(), config.domain(), -1), viaTransport(), context.announceAddress(),
                        context.sipPort(), self, NameAddress.of(self.uri()), registerCallId)
                .cseq(++cseq).contact(NameAddress.of(contact(context.serverId())))
                .header("Expires", Long.toString(expires)).header("User-Agent", "xueliang").build());
        return digest.send(context.clients(), request, flow(), context.scheduler()::execute, n -> cseq = n);
    }

    private void registered(SipResponse ok) {
        if (state != State.REGISTERED) {
            log.info("GB/T 28181: registered with superior platform {} at {}", config.id(), remote);
        }
        state = State.REGISTERED;
        registrations.incrementAndGet();
        retry = RETRY_FIRST;
        long granted = ok.expires().orElse(config.registerExpires().toSeconds());
        cancel(renewal);
        renewal = context.scheduler().schedule(Duration.ofSeconds(Math.max(1, granted * 4 / 5)), this::register);
        if (keepalive == null) {
            keepaliveMisses = 0;
            keepalive = context.scheduler().schedule(config.keepaliveInterval(), this::keepalive);
        }
    }

    private void unregistered() {
        if (state == State.REGISTERED) {
            log.info("GB/T 28181: no longer registered with superior platform {}", config.id());
        }
        state = state == State.CLOSED ? State.CLOSED : State.UNREGISTERED;
        cancel(keepalive);
        keepalive = null;
    }

    private void keepalive() {
        keepalive = null;
        if (state != State.REGISTERED) {
            return;
        }
        keepalivesSent.incrementAndGet();
        message(new Keepalive(sn++, context.serverId(), true)).whenComplete((answer, error) -> context.scheduler()
                .execute(() -> {
                    if (state != State.REGISTERED) {
                        return;
                    }
                    boolean refused = error == null && answer.status() >= 400;
                    keepaliveMisses = error != null ? keepaliveMisses + 1 : 0;
                    if (refused || keepaliveMisses >= KEEPALIVE_MISSES) {
                        log.info("GB/T 28181 superior {}: keepalive {}; registering again", config.id(),
                                refused ? "refused " + answer.status() : "unanswered " + KEEPALIVE_MISSES + " times");
                        cancel(renewal);
                        unregistered();
                        register();
                        return;
                    }
                    keepalive = context.scheduler().schedule(config.keepaliveInterval(), this::keepalive);
                }));
    }

    // ---- the superior's queries ---------------------------------------------------------------------------------

    /** A MESSAGE from the superior: 200 (400 for a body we cannot read), then the answer in MESSAGEs of ours. */
    void onMessage(SipRequest request, InetSocketAddress source) {
        ManscdpMessage body;
        try {
            body = context.parser().parse(request.body());
        } catch (ManscdpException e) {
            respond(request, source, 400);
            return;
        }
        respond(request, source, 200);
        switch (body) {
            case CatalogQuery q -> context.shared().cameras(share).whenComplete((cameras, error) -> context.scheduler()
                    .execute(() -> {
                        if (error != null) {
                            log.warn("GB/T 28181 superior {}: the shared cameras could not be read: {}", config.id(),
                                    error.toString());
                            return;
                        }
                        catalogsSent.incrementAndGet();
                        sendInTurn(context.writer().catalogResponses(q.sn(), context.serverId(),
                                context.catalog().items(cameras), maxBody(), Integer.MAX_VALUE), 0);
                    }));
            case DeviceInfoQuery q -> message(new DeviceInfoResponse(q.sn(), context.serverId(), "OK", "xueliang",
                    "xueliang", "xueliang", "1", OptionalInt.empty()));
            case DeviceStatusQuery q -> message(new DeviceStatusResponse(q.sn(), context.serverId(), "OK", "ONLINE",
                    "OK", "ON", "ON", Optional.of(context.clock().instant()), List.of()));
            case RecordInfoQuery q -> recordInfo(q);
            default -> {
                // controls and queries we do not answer: the 200 was the whole answer
            }
        }
    }

    /** Recordings of a shared camera; an unknown or unshared channel gets an empty list, as for no recording. */
    private void recordInfo(RecordInfoQuery q) {
        Optional<CameraId> camera = context.codes().cameraOf(q.deviceId());
        CompletableFuture<List<GbSharedCameras.Span>> spans = camera.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : sharedCamera(camera.get()).thenCompose(found -> found.isEmpty()
                        ? CompletableFuture.completedFuture(List.of())
                        : context.shared().recordings(camera.get(), q.startTime(), q.endTime()));
        spans.whenComplete((list, error) -> context.scheduler().execute(() -> {
            List<GbSharedCameras.Span> found = error == null ? list : List.of();
            if (error != null) {
                log.warn("GB/T 28181 superior {}: recordings of {} could not be read: {}", config.id(), q.deviceId(),
                        error.toString());
            }
            List<RecordItem> items = new ArrayList<>(found.size());
            for (GbSharedCameras.Span s : found) {
                items.add(new RecordItem(q.deviceId(), q.deviceId(), "", "", s.start(), s.end(), OptionalInt.of(0),
                        "time", "", OptionalLong.empty()));
            }
            recordInfosSent.incrementAndGet();
            sendInTurn(context.writer().recordInfoResponses(q.sn(), q.deviceId(), q.deviceId(), items, maxBody(),
                    Integer.MAX_VALUE), 0);
        }));
    }

    /** The camera, when it is one this superior may see. */
    CompletableFuture<Optional<GbSharedCameras.Shared>> sharedCamera(CameraId camera) {
        return context.shared().cameras(share).thenApply(list -> list.stream().filter(c -> c.id().equals(camera))
                .findFirst());
    }

    /** A multi-part answer one MESSAGE after the other, each when the last was answered, as devices pace them. */
    private void sendInTurn(List<byte[]> parts, int next) {
        if (next >= parts.size() || state == State.CLOSED) {
            return;
        }
        message(parts.get(next)).whenComplete((answer, error) -> context.scheduler()
                .execute(() -> sendInTurn(parts, next + 1)));
    }

    private int maxBody() {
        return config.transport() == Transport.TCP ? ManscdpWriter.TCP_MAX_BODY_BYTES : ManscdpWriter.UDP_MAX_BODY_BYTES;
    }

    private CompletableFuture<SipResponse> message(ManscdpMessage body) {
        return message(context.writer().write(body));
    }

    /** Sends the superior a MESSAGE of ours (a notification); its answer is not waited for. */
    void send(ManscdpMessage body) {
        message(body);
    }

    long nextSn() {
        return sn++;
    }

    private CompletableFuture<SipResponse> message(byte[] body) {
        if (remote == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("superior " + config.id()
                    + " not resolved"));
        }
        SipRequest request = context.ids().request(SipRequest.MESSAGE, SipUri.of(config.id(), config.domain(), -1),
                        viaTransport(), context.announceAddress(), context.sipPort(), self.withTag(context.ids().tag()),
                        NameAddress.of(SipUri.of(config.id(), config.domain(), -1)), null)
                .cseq(++cseq).body(SipContentType.MANSCDP, body).build();
        return context.clients().send(request, flow(), null);
    }

    void respond(SipRequest request, InetSocketAddress to, int status) {
        try {
            context.servers().respond(request, SipResponse.answer(request, to, status, null, context.ids().tag()));
        } catch (IllegalStateException late) {
            // the superior gave up on the request meanwhile
        }
    }

    // ---- shared with the calls ----------------------------------------------------------------------------------

    SipFlow flow() {
        return context.transport().flowTo(remote, config.transport() == Transport.TCP);
    }

    String viaTransport() {
        return config.transport() == Transport.TCP ? "TCP" : "UDP";
    }

    /** {@code sip:user@announce:sipPort}, with {@code transport=tcp} over TCP. */
    SipUri contact(String user) {
        return new SipUri("sip", user, context.announceAddress(), context.sipPort(),
                config.transport() == Transport.TCP ? Map.of("transport", "tcp") : Map.of(), null);
    }

    long nextCseq() {
        return ++cseq;
    }

    private static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    /** Stops the calls and the timers; sends no un-REGISTER (a restart registers again within seconds). */
    void close() {
        state = State.CLOSED;
        cancel(renewal);
        cancel(keepalive);
        calls.close();
    }

    @Override
    public String toString() {
        return "GbSuperiorLink[" + config.id() + " " + config.host() + ":" + config.port() + " " + state + "]";
    }
}
