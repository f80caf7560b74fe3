package io.xueliang.ingest.simulator.gb28181;

import io.netty.channel.Channel;
import io.xueliang.ingest.manscdp.CatalogItem;
import io.xueliang.ingest.manscdp.CatalogQuery;
import io.xueliang.ingest.manscdp.ChannelStatus;
import io.xueliang.ingest.manscdp.DeviceInfoQuery;
import io.xueliang.ingest.manscdp.DeviceInfoResponse;
import io.xueliang.ingest.manscdp.DeviceStatusQuery;
import io.xueliang.ingest.manscdp.DeviceStatusResponse;
import io.xueliang.ingest.manscdp.Keepalive;
import io.xueliang.ingest.manscdp.ManscdpException;
import io.xueliang.ingest.manscdp.ManscdpMessage;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.sdp.SdpParseException;
import io.xueliang.ingest.sdp.gb28181.GbMediaTransport;
import io.xueliang.ingest.sdp.gb28181.GbSdp;
import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import io.xueliang.ingest.sip.auth.SipDigestClient;
import io.xueliang.ingest.sip.transaction.SipFlow;
import io.xueliang.ingest.sip.transaction.SipTimers;
import io.xueliang.media.Scheduler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One simulated NVR: its SIP socket, registration, keepalives, answers to the platform's queries, and its calls.
 * Every method runs on the simulator's signalling thread, so nothing here is locked.
 *
 * <pre>
 *  UNREGISTERED --REGISTER--> 401 --REGISTER + digest--> 200: REGISTERED (renew at 4/5 of Expires, keepalives)
 *        ^                      \--403, timeout, 5xx: retry after retryAfter
 *        +-- a keepalive answered 4xx or unanswered (the platform forgot us): register again
 *  INVITE (channel) --> 200 + SDP answer --ACK--> PsStream plays --BYE either way--> stopped
 * </pre>
 */
final class SimulatedDevice {
    private enum State { UNREGISTERED, REGISTERED, CLOSED }

    /** How long a device whose media connection broke waits for the platform's BYE before sending its own. */
    private static final Duration BYE_GRACE = Duration.ofSeconds(1);

    /** A call from the platform: what a BYE of ours needs, and the stream. */
    private record Call(String callId, PsStream stream, NameAddress local, NameAddress remote, SipUri target) {
    }

    final String id;
    private final int index;
    private final List<String> channelIds;
    private final GbSimulatorContext context;
    private final Channel sip;
    private final boolean tcp;
    /** "UDP" or "TCP", for Via. */
    private final String transport;
    private final SipFlow flow;
    private final String registerCallId;
    private final NameAddress self;
    private final NameAddress platform;
    private final SipUri platformUri;
    private final Map<String, Call> calls = new HashMap<>();
    private final SipDigestClient digest;
    private State state = State.UNREGISTERED;
    /** A REGISTER (first, renewal or retry) is under way. */
    private boolean registering;
    private long cseq;
    private long sn = 1;
    private Scheduler.Cancellable renewal;
    private Scheduler.Cancellable keepalive;

    /** @param sip the device's UDP socket, or its TCP connection to the platform */
    SimulatedDevice(GbSimulatorContext context, int index, Channel sip, boolean tcp) {
        GbSimulatorOptions o = context.options();
        this.context = context;
        this.index = index;
        this.id = o.deviceId(index);
        List<String> ids = new ArrayList<>(o.channels());
        for (int j = 0; j < o.channels(); j++) {
            ids.add(o.channelId(index, j));
        }
        this.channelIds = List.copyOf(ids);
        this.sip = sip;
        this.tcp = tcp;
        this.transport = tcp ? "TCP" : "UDP";
        this.flow = tcp ? SipFlow.stream(sip) : SipFlow.datagram(sip, context.platform());
        this.registerCallId = context.ids().callId();
        this.self = NameAddress.of(SipUri.of(id, o.domain(), -1)).withTag(context.ids().tag());
        this.platform = NameAddress.of(SipUri.of(o.serverId(), o.domain(), -1));
        this.platformUri = SipUri.of(o.serverId(), context.platform().getHostString(), context.platform().getPort());
        this.digest = new SipDigestClient(id, o.password(), context.ids());
    }

    List<String> channelIds() {
        return channelIds;
    }

    private int sipPort() {
        return ((InetSocketAddress) sip.localAddress()).getPort();
    }

    private SipUri contact() {
        return uri(id);
    }

    /** {@code sip:user@ourAddress:ourPort}, with {@code transport=tcp} over TCP. */
    private SipUri uri(String user) {
        return new SipUri("sip", user, context.localAddress(), sipPort(), tcp ? Map.of("transport", "tcp") : Map.of(),
                null);
    }

    // ---- registration -------------------------------------------------------------------------------------------

    void register() {
        if (state == State.CLOSED || registering) {
            return;
        }
        registering = true;
        sendRegister(context.options().registerExpires().toSeconds()).whenComplete((ok, error) -> {
            registering = false;
            if (state == State.CLOSED) {
                return;
            }
            if (error == null && ok.success()) {
                registered(ok);
            } else {
                context.counters().registerFailures.increment();
                unregistered();
                renewal = context.scheduler().schedule(context.options().retryAfter(), this::register);
            }
        });
    }

    /** A REGISTER with the digest answered, completing with the final answer (a 2xx, or the refusal). */
    private CompletableFuture<SipResponse> sendRegister(long expires) {
        SipRequest request = digest.authorize(context.ids().request(SipRequest.REGISTER,
                        SipUri.of(context.options().serverId(), context.options().domain(), -1), transport,
                        context.localAddress(), sipPort(), self, NameAddress.of(self.uri()), registerCallId)
                .cseq(++cseq).contact(NameAddress.of(contact())).header("Expires", Long.toString(expires))
                .header("User-Agent", "xueliang-gb-simulator").build());
        return digest.send(context.clients(), request, flow, Runnable::run, n -> cseq = n);
    }

    private void registered(SipResponse ok) {
        if (state != State.REGISTERED) {
            context.counters().registered.incrementAndGet();
        }
        state = State.REGISTERED;
        context.counters().registrations.increment();
        long granted = ok.expires().orElse(context.options().registerExpires().toSeconds());
        cancel(renewal);
        renewal = context.scheduler().schedule(Duration.ofSeconds(Math.max(1, granted * 4 / 5)), this::renew);
        if (keepalive == null) {
            keepalive = context.scheduler().schedule(context.options().keepaliveInterval(), this::keepalive);
        }
    }

    private void renew() {
        if (state == State.REGISTERED) {
            register(); // by the same Call-ID, with the last nonce's credentials at once
        }
    }

    private void unregistered() {
        if (state == State.REGISTERED) {
            context.counters().registered.decrementAndGet();
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
        context.counters().keepalivesSent.increment();
        message(new Keepalive(sn++, id, true)).whenComplete((answer, error) -> {
            if (state != State.REGISTERED) {
                return;
            }
            if (error != null || answer.status() >= 400) {
                // the platform lost us (restarted, or took us offline): a new registration, as devices do
                cancel(renewal);
                unregistered();
                register();
                return;
            }
            keepalive = context.scheduler().schedule(context.options().keepaliveInterval(), this::keepalive);
        });
    }

    // ---- MESSAGEs -----------------------------------------------------------------------------------------------

    private CompletableFuture<SipResponse> message(ManscdpMessage body) {
        return message(context.writer().write(body));
    }

    private CompletableFuture<SipResponse> message(byte[] body) {
        SipRequest request = context.ids().request(SipRequest.MESSAGE, platformUri, transport, context.localAddress(),
                        sipPort(), self.withTag(context.ids().tag()), platform, null)
                .cseq(++cseq).body(SipContentType.MANSCDP, body).build();
        return context.clients().send(request, flow, null);
    }

    private void answerQuery(ManscdpMessage query) {
        switch (query) {
            case CatalogQuery q -> {
                List<byte[]> parts = context.writer().catalogResponses(q.sn(), id, catalog(),
                        tcp ? ManscdpWriter.TCP_MAX_BODY_BYTES : ManscdpWriter.UDP_MAX_BODY_BYTES, Integer.MAX_VALUE);
                sendInTurn(parts, 0);
            }
            case DeviceInfoQuery q -> {
                context.counters().deviceInfos.increment();
                message(new DeviceInfoResponse(q.sn(), id, "OK", "模拟设备 " + (index + 1), "xueliang",
                        "GB-SIM-NVR", "1.0", OptionalInt.of(channelIds.size())));
            }
            case DeviceStatusQuery q -> message(new DeviceStatusResponse(q.sn(), id, "OK", "ONLINE", "OK", "ON",
                    "OFF", Optional.empty(), List.of()));
            default -> {
                // other queries and controls: the 200 was the whole answer
            }
        }
    }

    /** A catalog's MESSAGEs one after the other, each when the last was answered, as devices pace them. */
    private void sendInTurn(List<byte[]> parts, int next) {
        if (next >= parts.size() || state == State.CLOSED) {
            return;
        }
        context.counters().catalogMessages.increment();
        message(parts.get(next)).whenComplete((answer, error) -> sendInTurn(parts, next + 1));
    }

    private List<CatalogItem> catalog() {
        GbSimulatorOptions o = context.options();
        String civilCode = o.domain().substring(0, 6);
        List<CatalogItem> items = new ArrayList<>(channelIds.size());
        for (int j = 0; j < channelIds.size(); j++) {
            items.add(CatalogItem.builder(channelIds.get(j)).name("模拟通道 " + (index + 1) + "-" + (j + 1))
                    .manufacturer("xueliang").model("GB-SIM").owner("xueliang").civilCode(civilCode)
                    .address("simulated").parental(0).parentId(id).safetyWay(0).registerWay(1).secrecy(0)
                    .status(ChannelStatus.ON).info("PTZType", "3").build());
        }
        return items;
    }

    // ---- requests from the platform -----------------------------------------------------------------------------

    /** A message that came in on this device's socket. */
    void received(SipMessage message, InetSocketAddress from) {
        try {
            if (message instanceof SipResponse response) {
                context.clients().onResponse(response);
                return;
            }
            SipRequest request = (SipRequest) message;
            SipFlow back = tcp ? flow : SipFlow.datagram(sip, from);
            if (!context.servers().onRequest(request, back)) {
                return; // a retransmission, answered again
            }
            switch (request.method()) {
                case SipRequest.MESSAGE -> onMessage(request, from);
                case SipRequest.INVITE -> onInvite(request, from);
                case SipRequest.ACK -> onAck(request);
                case SipRequest.BYE -> onBye(request, from);
                case SipRequest.OPTIONS -> respond(request, from, 200);
                default -> respond(request, from, 501);
            }
        } catch (SipParseException | IllegalStateException e) {
            // a header the decoder let through but a typed view cannot read, or an answer too late: dropped
        }
    }

    private void respond(SipRequest request, InetSocketAddress to, int status) {
        context.servers().respond(request, SipResponse.answer(request, to, status, null, context.ids().tag()));
    }

    private void onMessage(SipRequest request, InetSocketAddress from) {
        ManscdpMessage body;
        try {
            body = context.parser().parse(request.body());
        } catch (ManscdpException e) {
            respond(request, from, 400);
            return;
        }
        respond(request, from, 200);
        if (state != State.CLOSED) {
            answerQuery(body);
        }
    }

    private void onInvite(SipRequest request, InetSocketAddress from) {
        String channel = request.requestUri().user();
        if (channel == null || !channelIds.contains(channel)) {
            refuse(request, from, 404);
            return;
        }
        if (state == State.CLOSED) {
            refuse(request, from, 480);
            return;
        }
        GbSdp offer;
        try {
            offer = GbSdp.parse(request.bodyText(StandardCharsets.UTF_8));
        } catch (SdpParseException e) {
            refuse(request, from, 400);
            return;
        }
        if (offer.transport() == GbMediaTransport.TCP_ACTIVE || offer.port() == 0) {
            refuse(request, from, 488); // the platform would connect to us: not simulated
            return;
        }
        if (context.counters().streams.get() + calls.size() >= context.options().maxStreams()) {
            refuse(request, from, 486);
            return;
        }
        String callId = request.callId();
        GbSsrc ssrc = offer.ssrc().orElse(GbSsrc.live(context.options().domain(),
                ThreadLocalRandom.current().nextInt(10_000)));
        InetSocketAddress target = new InetSocketAddress(offer.connectionAddress(), offer.port());
        // a media connection the platform closed: its BYE usually follows at once, so ours waits a moment for it
        PsStream stream = new PsStream(context, sip.eventLoop(), channel, target, offer.transport().isTcp(),
                ssrc.value(), why -> context.scheduler().schedule(BYE_GRACE, () -> hangUp(callId)));
        String toTag = context.ids().tag();
        NameAddress local = request.to().withTag(toTag);
        SipUri remoteTarget = request.contacts().stream().filter(c -> !c.wildcard()).findFirst()
                .map(c -> c.address().uri()).orElse(platformUri);
        calls.put(callId, new Call(callId, stream, local, request.from(), remoteTarget));
        stream.open().whenComplete((port, error) -> context.scheduler().execute(() -> {
            if (error != null || calls.get(callId) == null) {
                calls.remove(callId);
                stream.stop();
                refuse(request, from, 500);
                return;
            }
            GbSdp answer = offer.answer(channel, context.localAddress(), port, ssrc);
            SipResponse ok = SipResponse.answer(request, from, 200, null, toTag)
                    .with("Contact", NameAddress.of(uri(channel)).toString())
                    .withBody(SipContentType.SDP, answer.format().getBytes(StandardCharsets.UTF_8));
            context.counters().invites.increment();
            try {
                context.servers().respond(request, ok);
            } catch (IllegalStateException late) {
                calls.remove(callId);
                stream.stop();
            }
        }));
        // a 200 never ACKed (the platform gave up, 64*T1) must not hold the call
        context.scheduler().schedule(SipTimers.DEFAULTS.transactionTimeout(), () -> {
            Call c = calls.get(callId);
            if (c != null && !c.stream().playing()) {
                calls.remove(callId);
                c.stream().stop();
            }
        });
    }

    private void refuse(SipRequest request, InetSocketAddress from, int status) {
        context.counters().invitesRefused.increment();
        try {
            respond(request, from, status);
        } catch (IllegalStateException late) {
            // the platform gave up on the INVITE meanwhile
        }
    }

    private void onAck(SipRequest request) {
        Call call = calls.get(request.callId());
        if (call != null) {
            call.stream().play();
        }
    }

    private void onBye(SipRequest request, InetSocketAddress from) {
        Call call = calls.remove(request.callId());
        if (call == null) {
            respond(request, from, 481);
            return;
        }
        context.counters().byesReceived.increment();
        call.stream().stop();
        respond(request, from, 200);
    }

    /** Ends a call from our side: the stream stops and the platform gets a BYE. */
    private CompletableFuture<SipResponse> hangUp(String callId) {
        Call call = calls.remove(callId);
        if (call == null) {
            return CompletableFuture.completedFuture(null);
        }
        call.stream().stop();
        context.counters().byesSent.increment();
        SipRequest bye = context.ids().request(SipRequest.BYE, call.target(), transport, context.localAddress(), sipPort(),
                call.local(), call.remote(), callId).cseq(1).build();
        return context.clients().send(bye, flow, null);
    }

    /**
     * The TCP connection to the platform closed (the platform restarted or dropped it): the device is offline, its
     * calls end without a BYE (there is no way to send one), and it does not reconnect.
     */
    void connectionLost() {
        if (state == State.CLOSED) {
            return;
        }
        cancel(renewal);
        unregistered();
        state = State.CLOSED;
        for (Call call : calls.values()) {
            call.stream().stop();
        }
        calls.clear();
    }

    /** Calls being set up or streaming. */
    int calls() {
        return calls.size();
    }

    /**
     * Stops: a BYE for every call, then {@code Expires: 0}; completes when the platform answered them (or gave up).
     */
    CompletableFuture<Void> close() {
        boolean wasRegistered = state == State.REGISTERED;
        cancel(renewal);
        cancel(keepalive);
        keepalive = null;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (String callId : List.copyOf(calls.keySet())) {
            pending.add(hangUp(callId));
        }
        if (wasRegistered) {
            context.counters().registered.decrementAndGet();
            pending.add(sendRegister(0));
        }
        state = State.CLOSED;
        return CompletableFuture.allOf(pending.stream().map(f -> f.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new));
    }

    private static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }
}
