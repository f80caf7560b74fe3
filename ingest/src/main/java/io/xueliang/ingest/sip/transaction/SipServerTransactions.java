package io.xueliang.ingest.sip.transaction;

import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.Via;
import io.xueliang.media.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Server transactions (RFC 3261 §17.2, RFC 6026): requests peers send us. A device that does not hear our answer
 * sends its request again with the same branch; the transaction absorbs it and sends the last response again
 * instead of handing a second REGISTER or MESSAGE to the application.
 * <pre>
 *  non-INVITE: TRYING --1xx--> PROCEEDING --final--> COMPLETED --J (64*T1, UDP; 0 TCP)--> done
 *  INVITE:     PROCEEDING --300-699--> COMPLETED --ACK--> CONFIRMED --I (T4, UDP)--> done
 *                  |                      G: resend answer at T1, 2T1… capped at T2 (UDP); H: 64*T1 → done
 *                  +------2xx-----> ACCEPTED --L (64*T1)--> done
 *                                     resend 2xx at T1, 2T1… capped at T2 (UDP) until the ACK (RFC 3261 §13.3.1.4)
 * </pre>
 * A request belongs to a transaction by its top Via branch, sent-by and method, an ACK to its INVITE's (§17.2.3);
 * requests without an RFC 3261 branch (old devices) by Call-ID, CSeq, From tag and sent-by instead. The 100 Trying
 * to an INVITE is the caller's to send, through {@link #respond}. A request the caller never answers is forgotten
 * after 64*T1 ({@link SipTimers#inviteProceeding()} for an INVITE).
 * <p>Not thread-safe: every method runs on the {@link Scheduler}'s thread.
 */
public final class SipServerTransactions {

    private enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED }

    private final Scheduler scheduler;
    private final SipTimers timers;
    private final Map<String, Transaction> transactions = new HashMap<>();
    /** INVITE transactions in ACCEPTED, by Call-ID and CSeq number: the 2xx's ACK has its own branch. */
    private final Map<String, Transaction> accepted = new HashMap<>();

    public SipServerTransactions(Scheduler scheduler, SipTimers timers) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    /**
     * Takes a request that came in on {@code flow}.
     *
     * @return true when the caller must handle it: a new request, to answer with {@link #respond}, or an ACK
     *         for a 2xx (the dialog's; no answer). False when it was absorbed: a retransmission (the last response,
     *         if any, went out again) or the ACK of a failure we sent.
     */
    public boolean onRequest(SipRequest request, SipFlow flow) {
        boolean ack = request.method().equals(SipRequest.ACK);
        Transaction t = transactions.get(key(request));
        if (ack) {
            if (t != null && t.state == State.COMPLETED) {
                t.confirmed();
                return false;
            }
            Transaction invite = accepted.remove(dialogKey(request));
            if (invite != null) {
                invite.cancelRetransmit();
            }
            return t == null || t.state == State.ACCEPTED;
        }
        if (t != null) {
            t.retransmitted();
            return false;
        }
        t = new Transaction(key(request), request, flow);
        transactions.put(t.key, t);
        // a caller that never answers must not leak the transaction: the client gave up by then anyway
        t.end = scheduler.schedule(t.invite ? timers.inviteProceeding() : timers.transactionTimeout(), t::end);
        return true;
    }

    /**
     * Sends {@code response} in {@code request}'s transaction and keeps it for retransmissions.
     *
     * @throws IllegalStateException when the transaction is gone (answered too late) or already has a final answer
     */
    public void respond(SipRequest request, SipResponse response) {
        Transaction t = transactions.get(key(request));
        if (t == null || t.state != State.PROCEEDING) {
            throw new IllegalStateException("no transaction waits for an answer to " + request.method() + " "
                    + request.cseq());
        }
        t.respond(response);
    }

    /** Running transactions, for a gauge. */
    public int size() {
        return transactions.size();
    }

    private static String key(SipRequest request) {
        Via via = request.topVia();
        String method = request.method().equals(SipRequest.ACK) ? SipRequest.INVITE : request.method();
        String sentBy = via.host() + ':' + via.port();
        if (via.hasRfc3261Branch()) {
            return via.branch().orElseThrow() + ' ' + sentBy + ' ' + method;
        }
        return request.callId() + ' ' + request.cseq().number() + ' ' + request.from().tag().orElse("") + ' ' + sentBy
                + ' ' + method;
    }

    private static String dialogKey(SipRequest request) {
        return request.callId() + ' ' + request.cseq().number();
    }

    private final class Transaction {
        final String key;
        final SipRequest request;
        final SipFlow flow;
        final boolean invite;
        State state = State.PROCEEDING;
        SipResponse last;
        Duration interval;
        Scheduler.Cancellable retransmit;
        Scheduler.Cancellable end;

        Transaction(String key, SipRequest request, SipFlow flow) {
            this.key = key;
            this.request = request;
            this.flow = flow;
            this.invite = request.method().equals(SipRequest.INVITE);
        }

        void retransmitted() {
            if (last != null && state != State.CONFIRMED) {
                flow.send(last);
            }
        }

        void respond(SipResponse response) {
            last = response;
            flow.send(response);
            if (response.provisional()) {
                return;
            }
            end.cancel();
            Duration lifetime = timers.transactionTimeout();
            if (!invite) {
                state = State.COMPLETED;
                if (flow.reliable()) {
                    transactions.remove(key);
                    return;
                }
            } else {
                state = response.success() ? State.ACCEPTED : State.COMPLETED;
                if (response.success()) {
                    accepted.put(dialogKey(request), this);
                }
                if (!flow.reliable()) {
                    interval = timers.t1();
                    retransmit = scheduler.schedule(interval, this::resendAnswer);
                }
            }
            end = scheduler.schedule(lifetime, this::end);
        }

        void resendAnswer() {
            if (transactions.get(key) != this || state == State.CONFIRMED) {
                return;
            }
            if (state == State.ACCEPTED && accepted.get(dialogKey(request)) != this) {
                return; // the 2xx's ACK came
            }
            flow.send(last);
            Duration doubled = interval.multipliedBy(2);
            interval = doubled.compareTo(timers.t2()) < 0 ? doubled : timers.t2();
            retransmit = scheduler.schedule(interval, this::resendAnswer);
        }

        void confirmed() {
            state = State.CONFIRMED;
            cancelRetransmit();
            if (end != null) {
                end.cancel();
            }
            if (flow.reliable()) {
                transactions.remove(key);
            } else {
                end = scheduler.schedule(timers.t4(), this::end);
            }
        }

        void cancelRetransmit() {
            if (retransmit != null) {
                retransmit.cancel();
                retransmit = null;
            }
        }

        void end() {
            cancelRetransmit();
            transactions.remove(key, this);
            accepted.remove(dialogKey(request), this);
        }
    }
}
