package io.xueliang.ingest.sip.auth;

import io.xueliang.ingest.digest.AuthChallenge;
import io.xueliang.ingest.digest.DigestClient;
import io.xueliang.ingest.sip.SipHeaders;
import io.xueliang.ingest.sip.SipIdentifiers;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.Via;
import io.xueliang.ingest.sip.transaction.SipClientTransactions;
import io.xueliang.ingest.sip.transaction.SipFlow;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * Answers a superior platform's (or a device's) digest challenges to what we send: our REGISTER upward in a
 * cascade, or a MESSAGE a platform wants authenticated. The digest is {@link DigestClient}'s, shared with RTSP.
 * A 401 carries {@code WWW-Authenticate} and is answered with {@code Authorization}; a 407 {@code
 * Proxy-Authenticate} and {@code Proxy-Authorization} (RFC 3261 §22.2, §22.3).
 * <p>A second challenge with the nonce already answered and no {@code stale=true} means the password is wrong;
 * {@link #answer} then gives up rather than loop. Not thread-safe: one per registration.
 */
public final class SipDigestClient {
    private final DigestClient digest;
    private final SipIdentifiers ids;
    private String credentialsHeader;
    private String answeredNonce;

    public SipDigestClient(String username, String password, SipIdentifiers ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
        this.digest = new DigestClient(username, password, ids::cnonce);
    }

    /**
     * {@code sent} again with credentials for {@code challenge}: CSeq one higher, a new branch, same Call-ID and
     * tags (RFC 3261 §22.2). Empty when the response is no 401/407, offers no Digest MD5 challenge, or repeats a
     * nonce already answered without {@code stale=true}.
     */
    public Optional<SipRequest> answer(SipRequest sent, SipResponse challenge) {
        String challengeHeader;
        String header;
        if (challenge.status() == 401) {
            challengeHeader = "WWW-Authenticate";
            header = "Authorization";
        } else if (challenge.status() == 407) {
            challengeHeader = "Proxy-Authenticate";
            header = "Proxy-Authorization";
        } else {
            return Optional.empty();
        }
        Optional<AuthChallenge> usable = challenge.headers().getAll(challengeHeader).stream()
                .flatMap(h -> AuthChallenge.parse(h).stream())
                .filter(DigestClient::usable)
                .findFirst();
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        AuthChallenge c = usable.get();
        String nonce = c.param("nonce").orElseThrow();
        if (nonce.equals(answeredNonce) && !c.stale()) {
            return Optional.empty();
        }
        digest.accept(c);
        credentialsHeader = header;
        answeredNonce = nonce;
        SipHeaders h = sent.headers().copy();
        Via top = sent.topVia();
        Via fresh = Via.of(top.transport(), top.host(), top.port(), ids.branch());
        h.set("Via", fresh.toString());
        for (int i = 1; i < sent.vias().size(); i++) {
            h.add("Via", sent.vias().get(i).toString());
        }
        h.set("CSeq", sent.cseq().next().toString());
        return Optional.of(withCredentials(sent.withHeaders(h)));
    }

    /**
     * {@code request} with credentials for the last accepted challenge, so a REGISTER refresh needs no second
     * round trip; unchanged before any challenge.
     */
    public SipRequest authorize(SipRequest request) {
        return digest.hasChallenge() ? withCredentials(request) : request;
    }

    private SipRequest withCredentials(SipRequest request) {
        SipHeaders h = request.headers().copy();
        h.set(credentialsHeader, digest.authorization(request.method(), request.uri()));
        return request.withHeaders(h);
    }

    /**
     * Sends {@code request} as a client transaction and answers each 401 or 407 with credentials ({@link #answer}),
     * once a nonce; completes with the final answer, the refusal included. {@code callbacks} runs what follows each
     * answer (the caller's thread); {@code cseqSent} is told the CSeq of each request sent again, for the caller's
     * counter.
     */
    public CompletableFuture<SipResponse> send(SipClientTransactions clients, SipRequest request, SipFlow flow,
            Executor callbacks, LongConsumer cseqSent) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        send(clients, request, flow, callbacks, cseqSent, result);
        return result;
    }

    private void send(SipClientTransactions clients, SipRequest request, SipFlow flow, Executor callbacks,
            LongConsumer cseqSent, CompletableFuture<SipResponse> result) {
        clients.send(request, flow, null).whenComplete((response, error) -> callbacks.execute(() -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            if (response.status() == 401 || response.status() == 407) {
                Optional<SipRequest> again = answer(request, response);
                if (again.isPresent()) {
                    cseqSent.accept(again.get().cseq().number());
                    send(clients, again.get(), flow, callbacks, cseqSent, result);
                    return;
                }
            }
            result.complete(response);
        }));
    }

    @Override
    public String toString() {
        return "SipDigestClient[" + digest + "]";
    }
}
