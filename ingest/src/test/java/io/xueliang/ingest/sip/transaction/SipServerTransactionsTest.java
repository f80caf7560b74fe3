package io.xueliang.ingest.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.sip.SipHeaders;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.Via;
import io.xueliang.media.ManualScheduler;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipServerTransactionsTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SipServerTransactions server = new SipServerTransactions(scheduler, SipTimers.DEFAULTS);
    private final SipIdentifiers ids = new SipIdentifiers(new Random(2));
    private final RecordingFlow udp = new RecordingFlow(scheduler, false);

    private SipRequest request(String method) {
        return SipClientTransactionsTest.request(ids, method);
    }

    private static SipResponse answer(SipRequest r, int status) {
        return SipClientTransactionsTest.answer(r, status);
    }

    @Test
    void retransmittedRegisterIsAbsorbedAndGetsTheLastAnswerAgain() {
        SipRequest register = request("REGISTER");
        assertThat(server.onRequest(register, udp)).isTrue();
        scheduler.advance(Duration.ofMillis(500));
        assertThat(server.onRequest(register, udp)).as("before any answer: absorbed silently").isFalse();
        SipResponse challenge = answer(register, 401);
        server.respond(register, challenge);
        scheduler.advance(Duration.ofMillis(1000));
        assertThat(server.onRequest(register, udp)).isFalse();
        assertThat(udp.log()).containsExactly("500 401", "1500 401");
        scheduler.advance(Duration.ofSeconds(32)); // Timer J
        assertThat(server.onRequest(register, udp)).as("after Timer J it is new again").isTrue();
    }

    @Test
    void newBranchIsANewTransaction() {
        SipRequest first = request("MESSAGE");
        SipRequest second = request("MESSAGE");
        assertThat(server.onRequest(first, udp)).isTrue();
        assertThat(server.onRequest(second, udp)).isTrue();
        assertThat(server.size()).isEqualTo(2);
    }

    @Test
    void branchlessRequestsOfOldDevicesMatchByCallIdCSeqAndFromTag() {
        SipRequest r = request("MESSAGE");
        SipHeaders h = r.headers().copy().set("Via", "SIP/2.0/UDP 192.168.1.64:5060;branch=123456");
        SipRequest old = r.withHeaders(h);
        assertThat(server.onRequest(old, udp)).isTrue();
        assertThat(server.onRequest(old, udp)).isFalse();
        SipRequest next = old.withHeaders(h.copy().set("CSeq", (r.cseq().number() + 1) + " MESSAGE"));
        assertThat(server.onRequest(next, udp)).isTrue();
    }

    @Test
    void inviteFailureIsRetransmittedUntilItsAckWhichIsAbsorbed() {
        SipRequest invite = request("INVITE");
        server.onRequest(invite, udp);
        server.respond(invite, answer(invite, 100));
        server.respond(invite, answer(invite, 488));
        scheduler.advance(Duration.ofMillis(3600));
        SipRequest ack = new SipRequest("ACK", invite.uri(), invite.headers().copy().set("CSeq", invite.cseq().number() + " ACK"));
        assertThat(server.onRequest(ack, udp)).isFalse();
        scheduler.advance(Duration.ofSeconds(10));
        // Timer G: 0.5, 1, 2 s apart; the ACK at 3.6 s stops it
        assertThat(udp.log()).containsExactly("0 100", "0 488", "500 488", "1500 488", "3500 488");
        assertThat(server.size()).isZero();
    }

    @Test
    void inviteFailureWithoutAckGivesUpAtTimerH() {
        SipRequest invite = request("INVITE");
        server.onRequest(invite, udp);
        server.respond(invite, answer(invite, 486));
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(udp.times()).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(server.size()).isZero();
    }

    @Test
    void inviteSuccessIsRetransmittedUntilTheDialogsAckWhichGoesToTheCaller() {
        SipRequest invite = request("INVITE");
        server.onRequest(invite, udp);
        server.respond(invite, answer(invite, 200));
        scheduler.advance(Duration.ofMillis(1600));
        assertThat(server.onRequest(invite, udp)).as("retransmitted INVITE").isFalse();
        // the ACK of a 2xx has a branch of its own
        SipHeaders h = invite.headers().copy().set("Via", Via.of("UDP", "192.168.1.10", 5060, ids.branch()).toString())
                .set("CSeq", invite.cseq().number() + " ACK");
        assertThat(server.onRequest(new SipRequest("ACK", invite.uri(), h), udp)).isTrue();
        scheduler.advance(Duration.ofSeconds(40));
        assertThat(udp.log()).containsExactly("0 200", "500 200", "1500 200", "1600 200");
        assertThat(server.size()).isZero();
    }

    @Test
    void overTcpNothingIsRetransmittedAndAnsweredTransactionsEndAtOnce() {
        RecordingFlow tcp = new RecordingFlow(scheduler, true);
        SipRequest message = request("MESSAGE");
        server.onRequest(message, tcp);
        server.respond(message, answer(message, 200));
        assertThat(server.size()).isZero();
        SipRequest invite = request("INVITE");
        server.onRequest(invite, tcp);
        server.respond(invite, answer(invite, 200));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(tcp.log()).containsExactly("0 200", "0 200");
    }

    @Test
    void unansweredRequestsAreForgottenAndLateAnswersRefused() {
        SipRequest message = request("MESSAGE");
        server.onRequest(message, udp);
        scheduler.advance(Duration.ofSeconds(32));
        assertThat(server.size()).isZero();
        assertThatThrownBy(() -> server.respond(message, answer(message, 200))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secondFinalAnswerIsRefused() {
        SipRequest message = request("MESSAGE");
        server.onRequest(message, udp);
        server.respond(message, answer(message, 200));
        assertThatThrownBy(() -> server.respond(message, answer(message, 500))).isInstanceOf(IllegalStateException.class);
    }
}
