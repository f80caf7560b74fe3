package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.sdp.SdpParseException;
import io.xueliang.ingest.sdp.gb28181.GbMediaTransport;
import io.xueliang.ingest.sdp.gb28181.GbSdp;
import io.xueliang.ingest.sdp.gb28181.GbSessionType;
import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import io.xueliang.ingest.sip.transaction.SipTimers;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHub;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A superior platform's calls to our cameras (GB/T 28181 §9.2.2, this platform in the device's role): INVITE with
 * the superior's SDP offer, 200 with our answer, the ACK that starts the video ({@link GbUpstreamStream}), and a BYE
 * from either side. Runs on the signalling thread.
 *
 * <p>An INVITE is taken only for a camera the superior may see (its code in our catalog, the camera in a shared
 * region) whose video arrives now; live ({@code s=Play}) only: playback of our recordings is answered 488.
 * A superior has at most {@link #MAX_CALLS} calls at once (486 beyond); a 200 never ACKed is dropped after the
 * INVITE transaction's timeout.
 */
final class GbUpstreamCalls {
    static final int MAX_CALLS = 512;
    private static final Logger log = LoggerFactory.getLogger(GbUpstreamCalls.class);
    /** How long a stream whose media connection broke waits for the superior's BYE before sending ours. */
    private static final Duration BYE_GRACE = Duration.ofSeconds(1);

    /** A call from the superior: what our BYE needs, and the stream. */
    private record Call(String callId, CameraId camera, GbUpstreamStream stream, NameAddress local,
            NameAddress remote, SipUri target) {
    }

    private final GbSuperiorLink link;
    private final GbCascadeContext context;
    private final Map<String, Call> calls = new HashMap<>();
    final AtomicLong invites = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    GbUpstreamCalls(GbSuperiorLink link, GbCascadeContext context) {
        this.link = link;
        this.context = context;
    }

    int size() {
        return calls.size();
    }

    void onInvite(SipRequest request, InetSocketAddress source) {
        invites.incrementAndGet();
        if (calls.containsKey(request.callId())) {
            refuse(request, source, 482, "a call with this Call-ID is under way"); // a re-INVITE: not supported
            return;
        }
        String code = request.requestUri().user();
        Optional<CameraId> camera = code == null ? Optional.empty() : context.codes().cameraOf(code);
        if (camera.isEmpty()) {
            refuse(request, source, 404, "no such channel");
            return;
        }
        GbSdp offer;
        try {
            offer = GbSdp.parse(request.bodyText(StandardCharsets.UTF_8));
        } catch (SdpParseException | RuntimeException e) {
            refuse(request, source, 400, "the SDP offer cannot be read");
            return;
        }
        if (offer.sessionType().filter(t -> t == GbSessionType.PLAY).isEmpty()) {
            refuse(request, source, 488, "only live video (s=Play) is served to superiors");
            return;
        }
        if (offer.transport() == GbMediaTransport.TCP_ACTIVE || offer.port() == 0) {
            refuse(request, source, 488, "the superior must listen for the media (UDP, or TCP with a=setup:passive)");
            return;
        }
        if (calls.size() >= MAX_CALLS) {
            refuse(request, source, 486, "too many calls from this superior");
            return;
        }
        link.sharedCamera(camera.get()).whenComplete((shared, error) -> context.scheduler().execute(() -> {
            if (error != null || shared.isEmpty()) {
                refuse(request, source, 404, "no such channel");
                return;
            }
            Optional<StreamHub> hub = context.hubs().find(camera.get()).filter(h -> h.videoDescription() != null);
            if (hub.isEmpty()) {
                refuse(request, source, 480, "the camera's video does not arrive now");
                return;
            }
            accept(request, source, code, camera.get(), hub.get(), offer);
        }));
    }

    private void accept(SipRequest request, InetSocketAddress source, String code, CameraId camera, StreamHub hub,
            GbSdp offer) {
        String callId = request.callId();
        GbSsrc ssrc = offer.ssrc().orElse(GbSsrc.live(context.domain(), ThreadLocalRandom.current().nextInt(10_000)));
        InetSocketAddress target = new InetSocketAddress(offer.connectionAddress(), offer.port());
        GbUpstreamStream stream = new GbUpstreamStream(context.group().next(), context.datagram(), context.socket(),
                context.bindHost(), hub, "gb28181-superior-" + link.id(), target, offer.transport().isTcp(),
                ssrc.value(), why -> context.scheduler().schedule(BYE_GRACE, () -> hangUp(callId, why)));
        String toTag = context.ids().tag();
        NameAddress local = request.to().withTag(toTag);
        SipUri remoteTarget = request.contacts().stream().filter(c -> !c.wildcard()).findFirst()
                .map(c -> c.address().uri()).orElse(request.from().uri());
        calls.put(callId, new Call(callId, camera, stream, local, request.from(), remoteTarget));
        stream.open().whenComplete((port, error) -> context.scheduler().execute(() -> {
            if (error != null || calls.get(callId) == null) {
                calls.remove(callId);
                stream.stop();
                refuse(request, source, 500, "no media socket");
                return;
            }
            GbSdp answer = offer.answer(code, context.announceAddress(), port, ssrc);
            SipResponse ok = SipResponse.answer(request, source, 200, null, toTag)
                    .with("Contact", NameAddress.of(link.contact(code)).toString())
                    .withBody(SipContentType.SDP, answer.format().getBytes(StandardCharsets.UTF_8));
            try {
                context.servers().respond(request, ok);
                log.info("GB/T 28181 superior {}: live {} ({}) to {} over {}", link.id(), camera, code, target,
                        offer.transport().isTcp() ? "TCP" : "UDP");
            } catch (IllegalStateException late) {
                calls.remove(callId);
                stream.stop();
            }
        }));
        // a 200 never ACKed (the superior gave up, 64*T1) must not hold the call
        context.scheduler().schedule(SipTimers.DEFAULTS.transactionTimeout(), () -> {
            Call c = calls.get(callId);
            if (c != null && !c.stream().playing()) {
                calls.remove(callId);
                c.stream().stop();
            }
        });
    }

    private void refuse(SipRequest request, InetSocketAddress source, int status, String why) {
        refused.incrementAndGet();
        try {
            context.servers().respond(request, SipResponse.answer(request, source, status, why, context.ids().tag()));
        } catch (IllegalStateException late) {
            // the superior gave up on the INVITE meanwhile
        }
    }

    void onAck(SipRequest request) {
        Call call = calls.get(request.callId());
        if (call != null) {
            call.stream().play();
        }
    }

    void onBye(SipRequest request, InetSocketAddress source) {
        Call call = calls.remove(request.callId());
        if (call != null) {
            call.stream().stop();
        }
        link.respond(request, source, call != null ? 200 : 481);
    }

    /** Our stream ended by itself: our BYE, unless the superior's came meanwhile. */
    private void hangUp(String callId, String why) {
        Call call = calls.remove(callId);
        if (call == null) {
            return;
        }
        log.info("GB/T 28181 superior {}: live {} ended: {}", link.id(), call.camera(), why);
        call.stream().stop();
        SipRequest template = context.ids().request(SipRequest.BYE, call.target(), link.viaTransport(),
                context.announceAddress(), context.sipPort(), call.local(), call.remote(), callId)
                .cseq(link.nextCseq()).build();
        context.clients().send(template, link.flow(), null);
    }

    /** Ends every call without signalling (the platform stops). */
    void close() {
        calls.values().forEach(c -> c.stream().stop());
        calls.clear();
    }
}
