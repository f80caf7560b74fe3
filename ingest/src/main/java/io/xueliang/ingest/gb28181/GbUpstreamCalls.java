package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.MediaStatusNotify;
import io.xueliang.ingest.mansrtsp.MansrtspException;
import io.xueliang.ingest.mansrtsp.MansrtspRequest;
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
 * A superior platform's calls to our cameras (GB/T 28181 §9.2.2 and §9.8, this platform in the device's role):
 * INVITE with the superior's SDP offer, 200 with our answer, the ACK that starts the video
 * ({@link GbUpstreamStream}), and a BYE from either side.
 * <ul>
 *   <li>{@code s=Play}: the camera live, from its hub; only while its video arrives (480 otherwise).
 *   <li>{@code s=Playback}: its recordings over the offer's {@code t=} range at real time, steered by MANSRTSP in
 *       INFO (pause, resume, {@code Scale}, seek); {@code s=Download}: the same at {@code a=downloadspeed}. At the
 *       end of the range the superior gets MediaStatus 121 and sends its BYE.
 * </ul>
 * An INVITE is taken only for a camera the superior may see (its code in our catalog, the camera in a shared
 * region). A superior has at most {@link #MAX_CALLS} calls at once, {@link #MAX_RECORDED} of them of recordings
 * (486 beyond); a range is at most {@link #MAX_RANGE}; a 200 never ACKed is dropped after the INVITE transaction's
 * timeout. Runs on the signalling thread.
 */
final class GbUpstreamCalls {
    static final int MAX_CALLS = 512;
    /** Recorded streams at once: each reads segments from disk or S3. */
    static final int MAX_RECORDED = 32;
    /** The longest range one playback or download may ask. */
    static final Duration MAX_RANGE = Duration.ofDays(1);
    /** The fastest download: a multiple of real time. */
    static final int MAX_DOWNLOAD_SPEED = 8;
    private static final Logger log = LoggerFactory.getLogger(GbUpstreamCalls.class);
    /** How long a stream whose media connection broke waits for the superior's BYE before sending ours. */
    private static final Duration BYE_GRACE = Duration.ofSeconds(1);

    /** A call from the superior: what our BYE needs, and the stream. */
    private record Call(String callId, CameraId camera, String code, GbUpstreamStream stream, GbRecordedFeed recorded,
            NameAddress local, NameAddress remote, SipUri target) {
    }

    private static final SipContentType MANSRTSP = new SipContentType("Application", "MANSRTSP", Map.of());

    private final GbSuperiorLink link;
    private final GbCascadeContext context;
    private final Map<String, Call> calls = new HashMap<>();
    /** {@code calls.size()}, for readers on other threads. */
    private volatile int count;
    final AtomicLong invites = new AtomicLong();
    final AtomicLong refused = new AtomicLong();

    GbUpstreamCalls(GbSuperiorLink link, GbCascadeContext context) {
        this.link = link;
        this.context = context;
    }

    private void add(String callId, Call call) {
        calls.put(callId, call);
        count = calls.size();
    }

    private Call take(String callId) {
        Call call = calls.remove(callId);
        count = calls.size();
        return call;
    }

    /** Calls in progress; read from any thread, so a moment old at most. */
    int size() {
        return count;
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
        Optional<GbSessionType> type = offer.sessionType().filter(t -> t != GbSessionType.TALK);
        if (type.isEmpty()) {
            refuse(request, source, 488, "s= must be Play, Playback or Download");
            return;
        }
        boolean recorded = type.get() != GbSessionType.PLAY;
        if (recorded && (offer.start().isEmpty() || offer.end().isEmpty()
                || !offer.start().get().isBefore(offer.end().get())
                || Duration.between(offer.start().get(), offer.end().get()).compareTo(MAX_RANGE) > 0)) {
            refuse(request, source, 488, "t= must be a range of at most " + MAX_RANGE.toHours() + " h");
            return;
        }
        if (recorded && calls.values().stream().filter(c -> c.recorded() != null).count() >= MAX_RECORDED) {
            refuse(request, source, 486, "too many recorded streams to this superior");
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
            if (recorded) {
                int speed = type.get() == GbSessionType.DOWNLOAD
                        ? Math.clamp(offer.downloadSpeed().orElse(1), 1, MAX_DOWNLOAD_SPEED) : 1;
                accept(request, source, code, camera.get(), new GbRecordedFeed(context.shared(), camera.get(),
                        offer.start().get(), offer.end().get(), speed), offer);
                return;
            }
            Optional<StreamHub> hub = context.hubs().find(camera.get()).filter(h -> h.videoDescription() != null);
            if (hub.isEmpty()) {
                refuse(request, source, 480, "the camera's video does not arrive now");
                return;
            }
            accept(request, source, code, camera.get(), GbUpstreamStream.live(hub.get(), "gb28181-superior-"
                    + link.id()), offer);
        }));
    }

    private void accept(SipRequest request, InetSocketAddress source, String code, CameraId camera,
            GbUpstreamStream.Feed feed, GbSdp offer) {
        String callId = request.callId();
        GbSsrc ssrc = offer.ssrc().orElse(GbSsrc.live(context.domain(), ThreadLocalRandom.current().nextInt(10_000)));
        InetSocketAddress target = new InetSocketAddress(offer.connectionAddress(), offer.port());
        GbUpstreamStream stream = new GbUpstreamStream(context.group().next(), context.datagram(), context.socket(),
                context.bindHost(), feed, target, offer.transport().isTcp(), ssrc.value(),
                (why, finished) -> context.scheduler().execute(() -> {
                    if (finished) {
                        recordingEnded(callId);
                    } else {
                        context.scheduler().schedule(BYE_GRACE, () -> hangUp(callId, why));
                    }
                }));
        String toTag = context.ids().tag();
        NameAddress local = request.to().withTag(toTag);
        SipUri remoteTarget = request.contacts().stream().filter(c -> !c.wildcard()).findFirst()
                .map(c -> c.address().uri()).orElse(request.from().uri());
        add(callId, new Call(callId, camera, code, stream, feed instanceof GbRecordedFeed r ? r : null, local,
                request.from(), remoteTarget));
        stream.open().whenComplete((port, error) -> context.scheduler().execute(() -> {
            if (error != null || calls.get(callId) == null) {
                take(callId);
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
                log.info("GB/T 28181 superior {}: {} of {} ({}) to {} over {}", link.id(), offer.sessionName(),
                        camera, code, target, offer.transport().isTcp() ? "TCP" : "UDP");
            } catch (IllegalStateException late) {
                take(callId);
                stream.stop();
            }
        }));
        // a 200 never ACKed (the superior gave up, 64*T1) must not hold the call
        context.scheduler().schedule(SipTimers.DEFAULTS.transactionTimeout(), () -> {
            Call c = calls.get(callId);
            if (c != null && !c.stream().playing()) {
                take(callId);
                c.stream().stop();
            }
        });
    }

    private void refuse(SipRequest request, InetSocketAddress source, int status, String why) {
        refused.incrementAndGet();
        answer(request, source, status, why);
    }

    private void answer(SipRequest request, InetSocketAddress source, int status, String why) {
        try {
            context.servers().respond(request, SipResponse.answer(request, source, status, why, context.ids().tag()));
        } catch (IllegalStateException late) {
            // the superior gave up on the request meanwhile
        }
    }

    void onAck(SipRequest request) {
        Call call = calls.get(request.callId());
        if (call != null) {
            call.stream().play();
        }
    }

    void onBye(SipRequest request, InetSocketAddress source) {
        Call call = take(request.callId());
        if (call != null) {
            call.stream().stop();
        }
        link.respond(request, source, call != null ? 200 : 481);
    }

    /**
     * An INFO in a call: MANSRTSP playback control of a recorded stream (GB/T 28181 §9.8.2). 481 outside a call, 488
     * for a live one, 400 for a body that cannot be read.
     */
    void onInfo(SipRequest request, InetSocketAddress source) {
        Call call = calls.get(request.callId());
        if (call == null) {
            link.respond(request, source, 481);
            return;
        }
        if (call.recorded() == null) {
            answer(request, source, 488, "live video cannot be paused or moved");
            return;
        }
        MansrtspRequest control;
        try {
            control = MansrtspRequest.parse(request.body());
        } catch (MansrtspException e) {
            answer(request, source, 400, e.getMessage().replaceAll("[^\\x20-\\x7e]", "?"));
            return;
        }
        GbRecordedFeed feed = call.recorded();
        switch (control.method()) {
            case PAUSE -> feed.pause();
            case PLAY -> {
                control.scale().ifPresent(feed::speed);
                control.seekSeconds().ifPresent(feed::seek);
                feed.resume();
            }
            case TEARDOWN -> call.stream().stop();
        }
        try {
            context.servers().respond(request, SipResponse.answer(request, source, 200, null, context.ids().tag())
                    .withBody(MANSRTSP, control.ok()));
        } catch (IllegalStateException late) {
            // the superior gave up on the INFO meanwhile
        }
    }

    /** A recorded stream reached the end of its range: MediaStatus 121; the superior then sends its BYE. */
    private void recordingEnded(String callId) {
        Call call = calls.get(callId);
        if (call != null) {
            link.send(new MediaStatusNotify(link.nextSn(), call.code(), MediaStatusNotify.PLAYBACK_FINISHED));
        }
    }

    /** Our stream ended by itself: our BYE, unless the superior's came meanwhile. */
    private void hangUp(String callId, String why) {
        Call call = take(callId);
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
        count = 0;
    }
}
