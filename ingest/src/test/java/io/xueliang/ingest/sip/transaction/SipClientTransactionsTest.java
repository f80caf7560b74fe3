package io.xueliang.ingest.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.sip.NameAddress;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.SipUri;
import io.xueliang.media.ManualScheduler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class SipClientTransactionsTest {
    static final InetSocketAddress US = new InetSocketAddress("192.168.1.10", 5060);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SipClientTransactions client = new SipClientTransactions(scheduler, SipTimers.DEFAULTS);
    private final SipIdentifiers ids = new SipIdentifiers(new Random(1));

    static SipRequest request(SipIdentifiers ids, String method) {
        return ids.request(method, SipUri.parse("sip:34020000001320000001@192.168.1.64:5060"), "UDP", "192.168.1.10", 5060,
                        NameAddress.parse("<sip:34020000002000000001@3402000000>"),
                        NameAddress.parse("<sip:34020000001320000001@3402000000>"), null)
                .body(SipContentType.MANSCDP, "<Query/>".getBytes(StandardCharsets.US_ASCII)).build();
    }

    /** The device's answer: what a UAS sends back (same Via, CSeq…), as it would arrive. */
    static SipResponse answer(SipRequest request, int status) {
        return SipResponse.answer(request, US, status, null, "dev");
    }

    @Test
    void nonInviteOverUdpRetransmitsDoublingUpToT2ThenTimesOutAtTimerF() {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        CompletableFuture<SipResponse> f = client.send(request(ids, "MESSAGE"), udp, null);
        scheduler.advance(Duration.ofSeconds(40));
        // Timer E: 0.5, 1, 2, 4, 4, 4… s apart; Timer F at 32 s
        assertThat(udp.times()).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(SipTransactionTimeoutException.class, e -> {
                    assertThat(e.method()).isEqualTo("MESSAGE");
                    assertThat(e.after()).isEqualTo(Duration.ofSeconds(32));
                });
        assertThat(client.size()).isZero();
    }

    @Test
    void inviteOverUdpDoublesWithoutCapUntilTimerB() {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        CompletableFuture<SipResponse> f = client.send(request(ids, "INVITE"), udp, null);
        scheduler.advance(Duration.ofSeconds(31));
        assertThat(f).isNotDone();
        scheduler.advance(Duration.ofSeconds(2));
        // Timer A doubles without the T2 cap (RFC 3261 §17.1.1.2): 7 sends in 32 s, then Timer B
        assertThat(udp.times()).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void provisionalStopsInviteRetransmissionAndFinalCompletes() throws Exception {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest invite = request(ids, "INVITE");
        List<Integer> provisional = new ArrayList<>();
        CompletableFuture<SipResponse> f = client.send(invite, udp, r -> provisional.add(r.status()));
        scheduler.advance(Duration.ofMillis(600));
        assertThat(client.onResponse(answer(invite, 100))).isTrue();
        scheduler.advance(Duration.ofSeconds(60)); // past Timer B: a 1xx switched it off
        assertThat(udp.times()).containsExactly(0L, 500L);
        assertThat(f).isNotDone();
        SipResponse ok = answer(invite, 200);
        assertThat(client.onResponse(ok)).isTrue();
        assertThat(f.get()).isSameAs(ok);
        assertThat(provisional).containsExactly(100);
        assertThat(udp.log()).as("the ACK of a 2xx is the caller's").containsExactly("0 INVITE", "500 INVITE");
        assertThat(client.onResponse(ok)).as("retransmitted 2xx goes to the dialog").isFalse();
    }

    @Test
    void inviteThatStaysProceedingGivesUpAfterTheProceedingTimeout() {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest invite = request(ids, "INVITE");
        CompletableFuture<SipResponse> f = client.send(invite, udp, null);
        client.onResponse(answer(invite, 100));
        scheduler.advance(Duration.ofMinutes(3).minusMillis(1));
        assertThat(f).isNotDone();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void inviteFailureIsAckedHereAndAgainForEachRetransmission() throws Exception {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest invite = request(ids, "INVITE");
        CompletableFuture<SipResponse> f = client.send(invite, udp, null);
        SipResponse busy = answer(invite, 486);
        client.onResponse(busy);
        assertThat(f.get().status()).isEqualTo(486);
        SipRequest ack = (SipRequest) udp.sent.getLast().message();
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.uri()).isEqualTo(invite.uri());
        assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
        assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.to().tag()).contains("dev");
        assertThat(ack.callId()).isEqualTo(invite.callId());
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(client.onResponse(busy)).isTrue();
        assertThat(udp.log()).containsExactly("0 INVITE", "0 ACK", "2000 ACK");
        scheduler.advance(Duration.ofSeconds(31)); // Timer D
        assertThat(client.onResponse(busy)).isFalse();
        assertThat(client.size()).isZero();
    }

    @Test
    void nonInviteProceedingRetransmitsEveryT2() {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest message = request(ids, "MESSAGE");
        client.send(message, udp, null);
        scheduler.advance(Duration.ofMillis(100));
        client.onResponse(answer(message, 100));
        scheduler.advance(Duration.ofMillis(8_900));
        assertThat(udp.times()).containsExactly(0L, 4100L, 8100L);
    }

    @Test
    void reliableFlowNeverRetransmitsButStillTimesOut() {
        RecordingFlow tcp = new RecordingFlow(scheduler, true);
        CompletableFuture<SipResponse> f = client.send(request(ids, "REGISTER"), tcp, null);
        scheduler.advance(Duration.ofSeconds(31));
        assertThat(tcp.times()).containsExactly(0L);
        assertThat(f).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void responseMatchesByTopViaBranchAndCSeqMethodOnly() throws Exception {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest a = request(ids, "MESSAGE");
        SipRequest b = request(ids, "MESSAGE");
        CompletableFuture<SipResponse> fa = client.send(a, udp, null);
        CompletableFuture<SipResponse> fb = client.send(b, udp, null);
        SipResponse okB = answer(b, 200);
        SipResponse wrongMethod = new SipResponse(200, "OK",
                okB.headers().copy().set("CSeq", b.cseq().number() + " INVITE"));
        assertThat(client.onResponse(wrongMethod)).isFalse();
        assertThat(client.onResponse(okB)).isTrue();
        assertThat(fb.get().status()).isEqualTo(200);
        assertThat(fa).isNotDone();
        scheduler.advance(Duration.ofSeconds(6)); // Timer K (T4) forgets b; a goes on retransmitting
        assertThat(client.size()).isEqualTo(1);
        assertThat(udp.sent.stream().filter(s -> s.message() == b)).hasSize(1);
    }

    @Test
    void lateFinalAfterTimeoutMatchesNothing() {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest m = request(ids, "MESSAGE");
        client.send(m, udp, null);
        scheduler.advance(Duration.ofSeconds(33));
        assertThat(client.onResponse(answer(m, 200))).isFalse();
    }

    @Test
    void ackAndBranchlessRequestsAreRefused() {
        RecordingFlow udp = new RecordingFlow(scheduler, false);
        SipRequest ack = request(ids, "ACK");
        assertThatThrownBy(() -> client.send(ack, udp, null)).isInstanceOf(IllegalArgumentException.class);
        SipRequest m = request(ids, "MESSAGE");
        client.send(m, udp, null);
        assertThatThrownBy(() -> client.send(m, udp, null)).isInstanceOf(IllegalStateException.class);
    }
}
