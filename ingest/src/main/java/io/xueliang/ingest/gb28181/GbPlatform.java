package io.xueliang.ingest.gb28181;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.ingest.manscdp.CatalogAssembler;
import io.xueliang.ingest.manscdp.CatalogNotify;
import io.xueliang.ingest.manscdp.CatalogQuery;
import io.xueliang.ingest.manscdp.CatalogResponse;
import io.xueliang.ingest.manscdp.DeviceControl;
import io.xueliang.ingest.manscdp.DeviceInfoQuery;
import io.xueliang.ingest.manscdp.DeviceStatusQuery;
import io.xueliang.ingest.manscdp.DeviceStatusResponse;
import io.xueliang.ingest.manscdp.Keepalive;
import io.xueliang.ingest.manscdp.ManscdpException;
import io.xueliang.ingest.manscdp.ManscdpLimits;
import io.xueliang.ingest.manscdp.ManscdpMessage;
import io.xueliang.ingest.manscdp.ManscdpParser;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.manscdp.MediaStatusNotify;
import io.xueliang.ingest.manscdp.PtzCommand;
import io.xueliang.ingest.manscdp.RecordInfoQuery;
import io.xueliang.ingest.manscdp.RecordInfoResponse;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.auth.SipDigestServer;
import io.xueliang.ingest.sip.codec.SipDecoderLimits;
import io.xueliang.ingest.sip.transaction.SipClientTransactions;
import io.xueliang.ingest.sip.transaction.SipFlow;
import io.xueliang.ingest.sip.transaction.SipServerTransactions;
import io.xueliang.ingest.sip.transaction.SipTimers;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.DeviceRecordings;
import io.xueliang.media.ExecutorScheduler;
import io.xueliang.media.Gb28181Stats;
import io.xueliang.media.StreamHubs;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GB/T 28181 platform: devices register with it, keep alive and send their catalogs, and their channels are
 * pulled live like RTSP cameras ({@link #sessions()}). All signalling runs on one thread, the platform's scheduler:
 * the transactions, the registrations and the assemblers are touched there only, and no request waits on a disk.
 *
 * <pre>
 *  UDP/TCP :sipPort -> GbSipTransport -> signalling thread -> server transactions (retransmissions absorbed)
 *      REGISTER  -> GbRegistrar -> new device: Catalog and DeviceInfo queries
 *      MESSAGE   -> from the device's registered address only -> Keepalive | Catalog part | other (200)
 *      NOTIFY    -> catalog changes: the catalog is asked again
 *      BYE       -> the call's session ends
 *  every second: catalogs that went quiet end partial; devices silent for keepaliveInterval x misses go offline
 * </pre>
 */
public final class GbPlatform implements Gb28181Stats, AutoCloseable {
    /** The To tag of this platform's answers to requests outside a dialog. */
    static final String TO_TAG = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private static final Logger log = LoggerFactory.getLogger(GbPlatform.class);
    /** A catalog's parts come within milliseconds; a quiet gap this long ends it (partial). */
    private static final Duration CATALOG_QUIET = Duration.ofSeconds(5);
    /** Catalogs assembling at once: a registration storm asks every device's at the same time. */
    private static final int MAX_CATALOGS_ASSEMBLING = 20_000;

    private final Gb28181Config config;
    private final Clock clock;
    private final ExecutorScheduler scheduler;
    private final GbDevices devices;
    private final GbCounters counters = new GbCounters();
    private final GbSipTransport transport;
    private final SipServerTransactions serverTransactions;
    private final SipClientTransactions clientTransactions;
    private final GbRegistrar registrar;
    private final GbOutgoing outgoing;
    private final ManscdpParser parser;
    private final CatalogAssembler catalogs;
    private final GbCatalogCameras catalogCameras;
    private final GbPlatformListener listener;
    private final GbCameraSessionFactory sessions;
    private final RegisterThrottle throttle;
    private final GbSuperiors superiors;
    private final GbRecordQueries recordQueries;
    private final GbStatusQueries statusQueries;
    /** Playbacks from devices' storage once their device answered, by Call-ID; for the devices' MediaStatus 121. */
    private final Map<String, GbPlaybackSession> playbacks = new ConcurrentHashMap<>();
    private final GbMediaResources mediaResources;
    private final StreamHubs hubs;
    /** Devices' own registration passwords by id; the rest register with {@code gb28181.password}. */
    private final Map<String, String> ownPasswords = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Binds the SIP listeners and starts the platform.
     *
     * @param announceAddress the IPv4 address devices reach this server at
     * @param shared          the cameras superior platforms may see; null: no cascade, {@code superiors} unused
     * @throws InterruptedException when interrupted while binding
     * @throws io.netty.channel.ChannelException when the SIP port cannot be bound
     */
    public GbPlatform(Gb28181Config config, String announceAddress, CameraDefaults channelDefaults,
            EventLoopGroup group, Class<? extends DatagramChannel> datagramChannel,
            Class<? extends ServerChannel> serverChannel, Class<? extends Channel> socketChannel, StreamHubs hubs,
            int maxAccessUnitBytes, Clock clock, GbPlatformListener listener, GbSharedCameras shared)
            throws InterruptedException {
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.scheduler = new ExecutorScheduler("xueliang-gb28181");
        this.devices = new GbDevices(config.maxDevices(), config.offlineAfter());
        this.serverTransactions = new SipServerTransactions(scheduler, SipTimers.DEFAULTS);
        this.clientTransactions = new SipClientTransactions(scheduler, SipTimers.DEFAULTS);
        this.parser = new ManscdpParser(ManscdpLimits.DEFAULTS, clock.getZone());
        this.catalogs = new CatalogAssembler(clock, CATALOG_QUIET, config.maxChannelsPerDevice(),
                MAX_CATALOGS_ASSEMBLING);
        this.catalogCameras = new GbCatalogCameras(config.domain(), config.region(), channelDefaults);
        try {
            this.transport = new GbSipTransport(group, datagramChannel, serverChannel, config.sipHost(),
                    config.sipPort(), SipDecoderLimits.DEFAULTS, config.offlineAfter(), scheduler, new Inbound());
        } catch (InterruptedException | RuntimeException e) {
            scheduler.close();
            throw e;
        }
        this.outgoing = new GbOutgoing(config.serverId(), config.domain(), announceAddress, transport.port(), devices,
                transport, clientTransactions, SipIdentifiers.secure(), new ManscdpWriter(clock.getZone()), scheduler,
                counters);
        SipDigestServer digest = SipDigestServer.withRandomSecret(config.domain(), clock, Duration.ofMinutes(5));
        this.throttle = new RegisterThrottle(config.registersPerMinute(), 100_000, System::nanoTime);
        this.registrar = new GbRegistrar(digest, config.password(), ownPasswords, config.registerExpiresMax(), devices,
                throttle, clock, counters, this::query);
        this.hubs = hubs;
        this.mediaResources = new GbMediaResources(group, datagramChannel, serverChannel, config.sipHost(),
                announceAddress, new MediaPorts(config.mediaPortFirst(), config.mediaPortLast()),
                new SsrcAllocator(config.domain()), outgoing, clock, maxAccessUnitBytes);
        this.sessions = new GbCameraSessionFactory(mediaResources, hubs);
        this.recordQueries = new GbRecordQueries(clock);
        this.statusQueries = new GbStatusQueries(clock);
        this.superiors = superiors(config, announceAddress, group, datagramChannel, socketChannel, hubs, clock, shared);
        superiors.start();
        scheduler.schedule(Duration.ofSeconds(1), this::sweep);
        log.info("GB/T 28181 platform {} (domain {}) listening on {}:{} (UDP and TCP), announcing {}",
                config.serverId(), config.domain(), config.sipHost(), transport.port(), announceAddress);
    }

    private GbSuperiors superiors(Gb28181Config config, String announceAddress, EventLoopGroup group,
            Class<? extends DatagramChannel> datagramChannel, Class<? extends Channel> socketChannel, StreamHubs hubs,
            Clock clock, GbSharedCameras shared) {
        if (shared == null || config.superiors().isEmpty()) {
            return new GbSuperiors(List.of());
        }
        GbCascadeCodes codes = new GbCascadeCodes(config.domain());
        GbCascadeContext context = new GbCascadeContext(config.serverId(), config.domain(), announceAddress,
                transport.port(), config.sipHost(), transport, clientTransactions, serverTransactions,
                SipIdentifiers.secure(), parser, new ManscdpWriter(clock.getZone()), scheduler, clock, shared, codes,
                new GbCascadeCatalog(config.domain(), codes), hubs, group,
                new Bootstrap().group(group).channel(datagramChannel), new Bootstrap().group(group).channel(socketChannel));
        return new GbSuperiors(config.superiors().stream().map(s -> new GbSuperiorLink(s, context)).toList());
    }

    /** Opens live sessions of this platform's channels, for the ingest supervisor. */
    public GbCameraSessionFactory sessions() {
        return sessions;
    }

    /** The SIP port (the configured one, or the one picked for port 0). */
    public int sipPort() {
        return transport.port();
    }

    /** The devices registered now. */
    public List<GbDevice> devices() {
        return devices.all();
    }

    public GbCounters counters() {
        return counters;
    }

    @Override
    public List<Count> counts() {
        return counters.counts(throttle.dropped(), transport.malformed(), transport.refusedConnections(), superiors);
    }

    @Override
    public int devicesRegistered() {
        return devices.size();
    }

    @Override
    public int devicesOnline() {
        return (int) devices.all().stream().filter(GbDevice::online).count();
    }

    @Override
    public int calls() {
        return outgoing.calls();
    }

    @Override
    public List<Device> registeredDevices() {
        return devices.all().stream().sorted(Comparator.comparing(GbDevice::id))
                .map(d -> new Device(d.id(), d.remote().getAddress().getHostAddress() + ":" + d.remote().getPort(),
                        d.tcp() ? "tcp" : "udp", d.registeredAt(), d.expiresAt(), d.lastSeen(), d.online(),
                        ownPasswords.containsKey(d.id())))
                .toList();
    }

    @Override
    public List<Superior> superiors() {
        return superiors.links().stream().map(GbSuperiorLink::status).toList();
    }

    /**
     * Sends a PTZ command to a channel's device (DeviceControl, GB/T 28181 §9.3); completes when the device answered
     * 200, fails when it is not registered, offline, refused it or did not answer.
     */
    public CompletableFuture<Void> control(GbChannelAddress channel, PtzCommand command) {
        return withDevice(channel, device -> outgoing.message(device, new DeviceControl(outgoing.nextSn(),
                channel.channelId(), Optional.of(command), Map.of())).thenAccept(r -> {
                    if (!r.success()) {
                        throw new IllegalStateException("the device answered " + r.status() + " " + r.reason());
                    }
                }));
    }

    @Override
    public CompletableFuture<DeviceState> deviceStatus(String deviceId) {
        return withDevice(new GbChannelAddress(deviceId, deviceId), device -> {
            long sn = outgoing.nextSn();
            CompletableFuture<DeviceStatusResponse> answer = statusQueries.ask(deviceId, sn);
            outgoing.message(device, new DeviceStatusQuery(sn, deviceId)).whenComplete((r, e) -> scheduler.execute(() -> {
                if (e != null || !r.success()) {
                    statusQueries.failed(deviceId, sn, e != null ? e
                            : new IllegalStateException("the device answered " + r.status()));
                }
            }));
            return answer.thenApply(s -> new DeviceState(s.isOnline(), s.result(), s.status(), s.encode(),
                    s.record(), s.deviceTime().orElse(null), s.alarmStatus().stream()
                            .map(a -> new DeviceState.Alarm(a.deviceId(), a.dutyStatus())).toList()));
        });
    }

    /**
     * Runs {@code ask} on the signalling thread with the channel's device; fails when the device is not registered or
     * offline.
     */
    private <T> CompletableFuture<T> withDevice(GbChannelAddress channel,
            Function<GbDevice, CompletableFuture<T>> ask) {
        CompletableFuture<T> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            Optional<GbDevice> device = devices.get(channel.deviceId()).filter(GbDevice::online);
            if (device.isEmpty()) {
                done.completeExceptionally(new IllegalStateException("device " + channel.deviceId()
                        + " is not registered or offline"));
                return;
            }
            ask.apply(device.get()).whenComplete((r, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(r);
                }
            });
        });
        return done;
    }

    /**
     * Gives a device a registration password of its own, or takes it away (null): from its next REGISTER (a renewal
     * included) it must answer the digest with that password. A registration that stands is not ended.
     */
    public void devicePassword(String deviceId, String password) {
        if (password == null) {
            ownPasswords.remove(deviceId);
        } else {
            ownPasswords.put(deviceId, password);
        }
    }

    /** Whether a device has a password of its own. */
    public boolean hasOwnPassword(String deviceId) {
        return ownPasswords.containsKey(deviceId);
    }

    /**
     * Asks a channel's device what it recorded between two instants (RecordInfo, GB/T 28181 §9.7.1); completes with
     * the assembled answer, fails when the device is not registered, offline, refused or did not answer.
     */
    public CompletableFuture<DeviceRecordings.Listing> recordings(GbChannelAddress channel, Instant from, Instant to) {
        return withDevice(channel, device -> {
            long sn = outgoing.nextSn();
            CompletableFuture<DeviceRecordings.Listing> answer = recordQueries.ask(channel.channelId(), sn);
            outgoing.message(device, new RecordInfoQuery(sn, channel.channelId(), from, to, "all"))
                    .whenComplete((r, e) -> scheduler.execute(() -> {
                        if (e != null || !r.success()) {
                            recordQueries.failed(channel.channelId(), sn, e != null ? e
                                    : new IllegalStateException("the device answered " + r.status()));
                        }
                    }));
            return answer;
        });
    }

    /**
     * Asks a channel's device to play what it recorded over {@code [from, to)} into the hub of {@code feed}; completes
     * once the device answered and its stream may come.
     */
    CompletableFuture<GbPlaybackSession> playback(Camera camera, Instant from, Instant to, CameraId feed) {
        GbChannelAddress channel = GbChannelAddress.of(camera.source()).orElseThrow();
        // the units carry the feed's id: the hub of the feed takes no other
        Camera asFeed = new Camera(feed, camera.name(), camera.region(), camera.location(), camera.source(), null,
                camera.transport(), false, true, false, true, camera.direction(), camera.auth());
        GbPlaybackSession session = new GbPlaybackSession(asFeed, channel, GbCallKind.playback(from, to),
                hubs.hub(feed), mediaResources, outgoing);
        return session.start().thenApply(s -> {
            String callId = session.callId();
            if (callId != null) {
                playbacks.put(callId, session);
                session.ended().whenComplete((why, e) -> {
                    playbacks.remove(callId);
                    hubs.remove(feed);
                });
            }
            return session;
        }).whenComplete((s, e) -> {
            if (e != null) {
                hubs.remove(feed);
            }
        });
    }

    /** Asks a device for its catalog and its DeviceInfo, as after its registration. */
    private void query(String deviceId) {
        devices.get(deviceId).ifPresent(d -> {
            log.info("GB/T 28181 device {} registered from {} ({}): asking its catalog", deviceId, d.remote(),
                    d.tcp() ? "TCP" : "UDP");
            listener.registered(deviceId);
            outgoing.message(d, new CatalogQuery(outgoing.nextSn(), deviceId));
            outgoing.message(d, new DeviceInfoQuery(outgoing.nextSn(), deviceId));
        });
    }

    private final class Inbound implements GbSipTransport.Inbound {
        @Override
        public void request(SipRequest request, InetSocketAddress source, SipFlow flow) {
            try {
                if (!serverTransactions.onRequest(request, flow)) {
                    return; // a retransmission: the last answer went again
                }
                Optional<GbSuperiorLink> superior = superiors.named(request);
                SipResponse answer = superior.isPresent()
                        ? superiors.request(superior.get(), request, source, TO_TAG)
                        : switch (request.method()) {
                    case SipRequest.REGISTER -> registrar.register(request, source, flow.reliable());
                    case SipRequest.MESSAGE, SipRequest.NOTIFY -> message(request, source);
                    case SipRequest.BYE -> SipResponse.answer(request, source,
                            outgoing.byeFromDevice(request.callId()) ? 200 : 481, null, TO_TAG);
                    case SipRequest.ACK -> null;
                    case SipRequest.OPTIONS -> SipResponse.answer(request, source, 200, null, TO_TAG);
                    default -> SipResponse.answer(request, source, 501, null, TO_TAG);
                };
                if (answer != null) {
                    serverTransactions.respond(request, answer);
                }
            } catch (SipParseException e) {
                // A header the decoder let through but a typed view cannot read (From, CSeq): 400 where possible.
                counters.badBodies.incrementAndGet();
                try {
                    serverTransactions.respond(request, SipResponse.answer(request, source, 400, null, TO_TAG));
                } catch (SipParseException unanswerable) {
                    // no Via to answer on
                }
            }
        }

        @Override
        public void response(SipResponse response, InetSocketAddress source) {
            try {
                if (!clientTransactions.onResponse(response) && response.success()) {
                    outgoing.reAck(response);
                }
            } catch (SipParseException e) {
                counters.badBodies.incrementAndGet();
            }
        }
    }

    /** MESSAGE or NOTIFY from a device: only from where it registered, with a body we can read. */
    private SipResponse message(SipRequest request, InetSocketAddress source) {
        String id = request.from().uri().user();
        Optional<GbDevice> device = id == null ? Optional.empty() : devices.get(id);
        if (device.isEmpty() || !device.get().remote().getAddress().equals(source.getAddress())) {
            counters.strangers.incrementAndGet();
            return SipResponse.answer(request, source, 403, "not registered from this address", TO_TAG);
        }
        ManscdpMessage body;
        try {
            body = parser.parse(request.body());
        } catch (ManscdpException e) {
            counters.badBodies.incrementAndGet();
            return SipResponse.answer(request, source, 400, null, TO_TAG);
        }
        switch (body) {
            case Keepalive k -> {
                counters.keepalives.incrementAndGet();
                devices.keepalive(id, source, clock.instant());
            }
            case CatalogResponse part -> catalogs.accept(part).ifPresent(c -> catalog(id, c));
            case RecordInfoResponse part -> recordQueries.accept(part);
            case DeviceStatusResponse status -> statusQueries.accept(status);
            case MediaStatusNotify n when n.notifyType() == MediaStatusNotify.PLAYBACK_FINISHED ->
                    outgoing.callsTo(n.deviceId()).forEach(callId -> {
                        GbPlaybackSession p = playbacks.get(callId);
                        if (p != null) {
                            p.endOfRecording();
                        }
                    });
            case CatalogNotify change -> scheduler.execute(() -> devices.get(id).ifPresent(d ->
                    outgoing.message(d, new CatalogQuery(outgoing.nextSn(), id))));
            default -> { }
        }
        return SipResponse.answer(request, source, 200, null, TO_TAG);
    }

    private void catalog(String deviceId, CatalogAssembler.Catalog catalog) {
        counters.catalogs.incrementAndGet();
        boolean complete = !catalog.partial();
        if (!complete) {
            log.info("GB/T 28181 device {}: catalog {} ended with {} of {} items", deviceId, catalog.sn(),
                    catalog.items().size(), catalog.sumNum());
        }
        try {
            listener.catalog(deviceId, catalogCameras.cameras(deviceId, catalog.items()), complete);
        } catch (RuntimeException e) {
            log.warn("GB/T 28181 device {}: its catalog could not be taken: {}", deviceId, e.toString());
        }
    }

    private void sweep() {
        if (closed) {
            return;
        }
        try {
            for (CatalogAssembler.Catalog quiet : catalogs.expire()) {
                catalog(quiet.deviceId(), quiet);
            }
            recordQueries.sweep();
            statusQueries.sweep();
            GbDevices.Sweep sweep = devices.sweep(clock.instant());
            counters.wentOffline.addAndGet(sweep.wentOffline().size());
            sweep.wentOffline().forEach(d -> log.info("GB/T 28181 device {} missed {} keepalives: offline", d.id(),
                    config.keepaliveMisses()));
            sweep.expired().forEach(d -> catalogs.forget(d.id()));
        } finally {
            scheduler.schedule(Duration.ofSeconds(1), this::sweep);
        }
    }

    @Override
    public void close() {
        closed = true;
        superiors.close();
        transport.close();
        scheduler.close();
    }
}
