package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.ManscdpMessage;
import io.xueliang.ingest.manscdp.ManscdpWriter;
import io.xueliang.ingest.sdp.gb28181.GbSdp;
import io.xueliang.ingest.sdp.SdpParseException;
import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import io.xueliang.ingest.sip.transaction.SipClientTransactions;
import io.xueliang.ingest.sip.transaction.SipFlow;
import io.xueliang.media.Scheduler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests the platform sends devices: MANSCDP queries in MESSAGEs, and the calls of live video (INVITE, its
 * ACK, BYE). Runs on the signalling thread; {@link #invite} and {@link #bye} may be called from any thread and hop
 * there.
 *
 * <p>Requests go where the device's requests come from (its NAT mapping), on its TCP connection when it registered
 * over TCP. An INVITE carries {@code Subject: <channel>:<ssrc>,<server id>:0} (GB/T 28181 §9.2.2.1) and an SDP offer;
 * the 200 is ACKed at once and the dialog kept by Call-ID until either side's BYE.
 */
final class GbOutgoing implements GbCalls {
    private final String serverId;
    private final String domain;
    private final String announceAddress;
    private final int sipPort;
    private final GbDevices devices;
    private final GbSipTransport transport;
    private final SipClientTransactions transactions;
    private final SipIdentifiers ids;
    private final ManscdpWriter writer;
    private final Scheduler scheduler;
    private final GbCounters counters;
    private final AtomicLong sn = new AtomicLong(1);
    /** CSeq of requests outside a call; each is its own transaction, so one counter serves every device. */
    private final AtomicLong cseq = new AtomicLong(1);
    /** Established calls by Call-ID; touched on the signalling thread only. */
    private final Map<String, Dialog> dialogs = new HashMap<>();

    GbOutgoing(String serverId, String domain, String announceAddress, int sipPort, GbDevices devices,
            GbSipTransport transport, SipClientTransactions transactions, SipIdentifiers ids, ManscdpWriter writer,
            Scheduler scheduler, GbCounters counters) {
        this.serverId = serverId;
        this.domain = domain;
        this.announceAddress = announceAddress;
        this.sipPort = sipPort;
        this.devices = devices;
        this.transport = transport;
        this.transactions = transactions;
        this.ids = ids;
        this.writer = writer;
        this.scheduler = scheduler;
        this.counters = counters;
    }

    /** A call in progress: what a BYE or an INFO needs; {@code cseq} the last CSeq we sent in it. */
    private record Dialog(String callId, GbDevice device, NameAddress from, NameAddress to, SipUri target,
            AtomicLong cseq, Runnable hangup) {
    }

    /** The next SN of our MANSCDP bodies. */
    long nextSn() {
        return sn.getAndIncrement();
    }

    /** Sends {@code body} to {@code device} in a MESSAGE; completes with the device's final answer. */
    CompletableFuture<SipResponse> message(GbDevice device, ManscdpMessage body) {
        SipRequest request = request(SipRequest.MESSAGE, device, device.id(), null)
                .body(SipContentType.MANSCDP, writer.write(body)).build();
        return transactions.send(request, flow(device), r -> { });
    }

    @Override
    public CompletableFuture<Call> invite(GbChannelAddress channel, GbSdp offer, Runnable hangup) {
        CompletableFuture<Call> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            counters.invites.incrementAndGet();
            Optional<GbDevice> device = devices.get(channel.deviceId()).filter(GbDevice::online);
            if (device.isEmpty()) {
                counters.failedInvites.incrementAndGet();
                result.completeExceptionally(new IllegalStateException("device " + channel.deviceId()
                        + " is not registered or offline"));
                return;
            }
            GbDevice d = device.get();
            String ssrc = offer.ssrc().map(Object::toString).orElse("0");
            SipRequest invite = request(SipRequest.INVITE, d, channel.channelId(), null)
                    .contact(NameAddress.of(SipUri.of(serverId, announceAddress, sipPort)))
                    .header("Subject", channel.channelId() + ":" + ssrc + "," + serverId + ":0")
                    .body(SipContentType.SDP, offer.format().getBytes(StandardCharsets.UTF_8)).build();
            transactions.send(invite, flow(d), r -> { }).whenComplete((response, error) -> scheduler.execute(() -> {
                if (error != null || !response.success()) {
                    counters.failedInvites.incrementAndGet();
                    result.completeExceptionally(error != null ? error : new IllegalStateException("the device answered "
                            + response.status() + " " + response.reason()));
                    return;
                }
                answered(channel, d, invite, response, hangup, result);
            }));
        });
        return result;
    }

    private void answered(GbChannelAddress channel, GbDevice device, SipRequest invite, SipResponse ok,
            Runnable hangup, CompletableFuture<Call> result) {
        SipUri target = ok.contacts().stream().filter(c -> !c.wildcard()).findFirst().map(c -> c.address().uri())
                .orElse(invite.requestUri());
        NameAddress to = ok.to();
        sendAck(invite, ok, device, target);
        GbSdp answer;
        try {
            answer = GbSdp.parseAnswer(ok.bodyText(StandardCharsets.UTF_8));
        } catch (SdpParseException | RuntimeException e) {
            counters.failedInvites.incrementAndGet();
            Dialog broken = new Dialog(invite.callId(), device, invite.from(), to, target,
                    new AtomicLong(invite.cseq().number()), hangup);
            sendBye(broken);
            result.completeExceptionally(new IllegalStateException("the device's SDP answer cannot be read: "
                    + e.getMessage(), e));
            return;
        }
        Call call = new Call(channel, invite.callId(), answer, device.remote());
        dialogs.put(call.callId(), new Dialog(call.callId(), device, invite.from(), to, target,
                new AtomicLong(invite.cseq().number()), hangup));
        if (!result.complete(call)) {
            bye(call);
        }
    }

    /** ACK for a 2xx: its own transaction-less request to the target, CSeq number of the INVITE. */
    private void sendAck(SipRequest invite, SipResponse ok, GbDevice device, SipUri target) {
        flow(device).send(inDialog(SipRequest.ACK, device, invite.callId(), invite.cseq().number(), invite.from(),
                ok.to(), target));
    }

    /** A 2xx to an INVITE arrived again (our ACK was lost): ACK it again. */
    void reAck(SipResponse ok) {
        Dialog d = dialogs.get(ok.callId());
        if (d != null && ok.cseq().method().equals(SipRequest.INVITE)) {
            flow(d.device()).send(inDialog(SipRequest.ACK, d.device(), ok.callId(), ok.cseq().number(), d.from(),
                    d.to(), d.target()));
        }
    }

    @Override
    public void bye(Call call) {
        scheduler.execute(() -> {
            Dialog d = dialogs.remove(call.callId());
            if (d != null) {
                sendBye(d);
            }
        });
    }

    private void sendBye(Dialog d) {
        SipRequest bye = inDialog(SipRequest.BYE, d.device(), d.callId(), d.cseq().incrementAndGet(), d.from(),
                d.to(), d.target());
        transactions.send(bye, flow(d.device()), r -> { });
    }

    /**
     * Sends an INFO in a call (MANSRTSP playback control, GB/T 28181 §9.8.2); completes with the device's answer, fails
     * when the call has ended or the device did not answer.
     */
    CompletableFuture<SipResponse> info(Call call, SipContentType type, byte[] body) {
        CompletableFuture<SipResponse> answer = new CompletableFuture<>();
        scheduler.execute(() -> {
            Dialog d = dialogs.get(call.callId());
            if (d == null) {
                answer.completeExceptionally(new IllegalStateException("the call has ended"));
                return;
            }
            SipRequest plain = inDialog(SipRequest.INFO, d.device(), d.callId(), d.cseq().incrementAndGet(), d.from(),
                    d.to(), d.target());
            SipRequest info = new SipRequest(SipRequest.INFO, plain.uri(), plain.headers()
                    .set("Content-Type", type.toString()), body);
            transactions.send(info, flow(d.device()), r -> { }).whenComplete((r, e) -> {
                if (e != null) {
                    answer.completeExceptionally(e);
                } else {
                    answer.complete(r);
                }
            });
        });
        return answer;
    }

    /** The calls in progress to a channel, for a notification that names the channel only (MediaStatus). */
    List<String> callsTo(String channelId) {
        return dialogs.values().stream().filter(d -> d.to().uri().user() != null
                && d.to().uri().user().equals(channelId)).map(Dialog::callId).toList();
    }

    /** A request within a call: its From and To (with both tags) and its target, a new branch. */
    private SipRequest inDialog(String method, GbDevice device, String callId, long cseq, NameAddress from,
            NameAddress to, SipUri target) {
        SipRequest r = request(method, device, null, callId).cseq(cseq).build();
        return new SipRequest(method, target.toString(), r.headers().set("From", from.toString())
                .set("To", to.toString()), new byte[0]);
    }

    /**
     * A BYE from a device: ends the call's session.
     *
     * @return false when no call has that Call-ID
     */
    boolean byeFromDevice(String callId) {
        Dialog d = dialogs.remove(callId);
        if (d == null) {
            return false;
        }
        d.hangup().run();
        return true;
    }

    int calls() {
        return dialogs.size();
    }

    private SipRequest.Builder request(String method, GbDevice device, String toUser, String callId) {
        String host = device.remote().getAddress().getHostAddress();
        SipUri uri = SipUri.of(toUser != null ? toUser : device.id(), host, device.remote().getPort());
        NameAddress from = NameAddress.of(SipUri.of(serverId, domain, -1));
        NameAddress to = NameAddress.of(SipUri.of(toUser != null ? toUser : device.id(), domain, -1));
        SipFlow flow = flow(device);
        return ids.request(method, uri, flow.reliable() ? "TCP" : "UDP", announceAddress, sipPort, from, to, callId)
                .cseq(cseq.getAndIncrement() % 1_000_000 + 1);
    }

    private SipFlow flow(GbDevice device) {
        return transport.flowTo(device.remote(), device.tcp());
    }
}
