package io.xueliang.ingest.sip.transaction;

import io.xueliang.ingest.sip.SipHeaders;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.Via;
import io.xueliang.media.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client transactions (RFC 3261 §17.1): requests we send, and the matching of the responses that come back.
 * <pre>
 *  INVITE (§17.1.1)                                   non-INVITE (§17.1.2)
 *  CALLING --1xx--> PROCEEDING --2xx--> done          TRYING --1xx--> PROCEEDING --final--> COMPLETED --K--> done
 *     |  A: resend at T1, 2T1, 4T1… (UDP)              |  E: resend at T1, 2T1… capped at T2 (UDP);
 *     |  B: 64*T1 → timeout                            |     at T2 in PROCEEDING
 *     +--300-699--> COMPLETED (ACK sent here) --D--> done   F: 64*T1 → timeout, in both states
 * </pre>
 * A response matches when its top Via branch and CSeq method are the request's (§17.1.3). The ACK for a 2xx is
 * the caller's (it belongs to the dialog); a retransmitted 2xx finds no transaction and {@link #onResponse} returns
 * false, so the dialog layer can ACK it again. The ACK for a failure is sent here, and again for each
 * retransmission of it.
 * <p>Not thread-safe: every method runs on the {@link Scheduler}'s thread, which also runs the timers. Netty
 * handlers hand inbound responses over with {@link Scheduler#execute}. Futures complete on that thread.
 */
public final class SipClientTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(SipClientTransactions.class);

    private enum State { CALLING, PROCEEDING, COMPLETED }

    private final Scheduler scheduler;
    private final SipTimers timers;
    private final Map<String, Transaction> transactions = new HashMap<>();

    public SipClientTransactions(Scheduler scheduler, SipTimers timers) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    /**
     * Sends {@code request} in a new transaction.
     *
     * @param provisional told of each 1xx (e.g. 100 Trying to an INVITE); may be null
     * @return completes with the final response, whatever its status, or fails with
     *         {@link SipTransactionTimeoutException}
     * @throws IllegalArgumentException for an ACK (no transaction) or a request without an RFC 3261 branch
     * @throws IllegalStateException when a transaction with that branch and method is still running
     */
    public CompletableFuture<SipResponse> send(SipRequest request, SipFlow flow, Consumer<SipResponse> provisional) {
        if (request.method().equals(SipRequest.ACK)) {
            throw new IllegalArgumentException("an ACK is sent on its own, not in a client transaction");
        }
        Via via = request.topVia();
        if (!via.hasRfc3261Branch()) {
            throw new IllegalArgumentException("a request we send needs a z9hG4bK branch");
        }
        String key = key(via.branch().orElseThrow(), request.cseq().method());
        if (transactions.containsKey(key)) {
            throw new IllegalStateException("a transaction with this branch and method is running");
        }
        Transaction t = new Transaction(key, request, flow, provisional);
        transactions.put(key, t);
        flow.send(request);
        if (!flow.reliable()) {
            t.interval = timers.t1();
            t.retransmit = scheduler.schedule(t.interval, t::retransmit);
        }
        t.timeout = scheduler.schedule(timers.transactionTimeout(), () -> t.timeOut(timers.transactionTimeout()));
        return t.future;
    }

    /**
     * Gives a response to its transaction.
     *
     * @return false when no transaction matches: a stray answer, a late one, or a retransmitted 2xx to an INVITE
     */
    public boolean onResponse(SipResponse response) {
        Via via = response.topVia();
        Transaction t = transactions.get(key(via.branch().orElse(""), response.cseq().method()));
        if (t == null) {
            return false;
        }
        t.onResponse(response);
        return true;
    }

    /** Running transactions, for a gauge. */
    public int size() {
        return transactions.size();
    }

    private static String key(String branch, String method) {
        return branch + ' ' + method;
    }

    private final class Transaction {
        final String key;
        final SipRequest request;
        final SipFlow flow;
        final boolean invite;
        final Consumer<SipResponse> provisional;
        final CompletableFuture<SipResponse> future = new CompletableFuture<>();
        State state = State.CALLING;
        Duration interval;
        Scheduler.Cancellable retransmit;
        Scheduler.Cancellable timeout;
        SipRequest ack;

        Transaction(String key, SipRequest request, SipFlow flow, Consumer<SipResponse> provisional) {
            this.key = key;
            this.request = request;
            this.flow = flow;
            this.invite = request.method().equals(SipRequest.INVITE);
            this.provisional = provisional;
        }

        void retransmit() {
            boolean resend = state == State.CALLING || state == State.PROCEEDING && !invite;
            if (!resend || transactions.get(key) != this) {
                return;
            }
            flow.send(request);
            if (state == State.PROCEEDING) {
                interval = timers.t2();
            } else {
                Duration doubled = interval.multipliedBy(2);
                interval = invite || doubled.compareTo(timers.t2()) < 0 ? doubled : timers.t2();
            }
            retransmit = scheduler.schedule(interval, this::retransmit);
        }

        void timeOut(Duration after) {
            if (transactions.get(key) != this || state == State.COMPLETED) {
                return;
            }
            end();
            future.completeExceptionally(new SipTransactionTimeoutException(request.method(), request.uri(), after));
        }

        void onResponse(SipResponse response) {
            if (response.provisional()) {
                if (state == State.CALLING) {
                    state = State.PROCEEDING;
                    if (invite) {
                        cancel(retransmit);
                        cancel(timeout);
                        timeout = scheduler.schedule(timers.inviteProceeding(), () -> timeOut(timers.inviteProceeding()));
                    } else if (retransmit != null) {
                        cancel(retransmit);
                        retransmit = scheduler.schedule(timers.t2(), this::retransmit);
                    }
                }
                if (state == State.PROCEEDING && provisional != null) {
                    try {
                        provisional.accept(response);
                    } catch (RuntimeException e) {
                        LOG.warn("a provisional-response listener failed; the transaction goes on", e);
                    }
                }
                return;
            }
            if (state == State.COMPLETED) {
                if (ack != null) {
                    flow.send(ack); // the failure was retransmitted: our ACK was lost
                }
                return;
            }
            cancel(retransmit);
            cancel(timeout);
            if (invite && response.success()) {
                transactions.remove(key);
            } else {
                state = State.COMPLETED;
                Duration linger = flow.reliable() ? Duration.ZERO : invite ? timers.timerD() : timers.t4();
                if (invite) {
                    ack = ackFor(response);
                    flow.send(ack);
                }
                if (linger.isZero()) {
                    transactions.remove(key);
                } else {
                    scheduler.schedule(linger, () -> transactions.remove(key, this));
                }
            }
            future.complete(response);
        }

        /** RFC 3261 §17.1.1.3: same Request-URI, top Via, Call-ID, From, CSeq number; the response's To. */
        SipRequest ackFor(SipResponse response) {
            SipHeaders in = request.headers();
            SipHeaders h = new SipHeaders();
            h.add("Via", request.topVia().toString());
            h.add("Max-Forwards", "70");
            h.add("From", in.get("From").orElseThrow());
            h.add("To", response.headers().get("To").orElseThrow());
            h.add("Call-ID", request.callId());
            h.add("CSeq", request.cseq().number() + " " + SipRequest.ACK);
            for (String route : in.getAll("Route")) {
                h.add("Route", route);
            }
            return new SipRequest(SipRequest.ACK, request.uri(), h);
        }

        void end() {
            transactions.remove(key);
            cancel(retransmit);
            cancel(timeout);
        }
    }

    private static void cancel(Scheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }
}
