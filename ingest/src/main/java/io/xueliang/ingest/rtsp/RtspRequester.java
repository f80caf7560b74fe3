package io.xueliang.ingest.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.xueliang.ingest.rtsp.auth.RtspAuthenticator;
import io.xueliang.ingest.rtsp.codec.RtspHeaders;
import io.xueliang.ingest.rtsp.codec.RtspRequest;
import io.xueliang.ingest.rtsp.codec.RtspResponse;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request/answer half of a session: numbers requests (CSeq), adds Authorization, User-Agent
 * and Session headers, matches answers by CSeq, times out unanswered requests, and repeats a
 * request after a 401 as {@link #onUnauthorized} allows. Event-loop confined.
 */
final class RtspRequester {
    private static final Logger log = LoggerFactory.getLogger(RtspRequester.class);

    /** A request waiting for its answer; {@code authAttempts} counts sends with an Authorization header. */
    private record Exchange(String method, URI uri, RtspHeaders extraHeaders, Consumer<RtspResponse> onAnswer,
                            int authAttempts, Duration timeout, Runnable onTimeout, ScheduledFuture<?> timer) {
    }

    private final EventLoop loop;
    private final String userAgent;
    private final Supplier<URI> redactedUri;
    private final Consumer<Throwable> fail;
    private final Map<Integer, Exchange> pending = new HashMap<>();
    private Channel channel;
    private RtspAuthenticator authenticator;
    private String noCredentials = "camera requires credentials and the URI has none";
    private String sessionId;
    private int cseq;

    /** @param fail ends the session; called for write failures and refused credentials */
    RtspRequester(EventLoop loop, String userAgent, Supplier<URI> redactedUri, Consumer<Throwable> fail) {
        this.loop = loop;
        this.userAgent = userAgent;
        this.redactedUri = redactedUri;
        this.fail = fail;
    }

    /**
     * A new connection (start or redirect): forgets pending requests and the old challenge.
     *
     * @param authenticator null when this connection gets no credentials
     * @param noCredentials why, for the error when the camera asks for them anyway
     */
    void connection(Channel channel, RtspAuthenticator authenticator, String noCredentials) {
        cancelAll();
        this.channel = channel;
        this.authenticator = authenticator;
        this.noCredentials = noCredentials;
    }

    void sessionId(String id) {
        this.sessionId = id;
    }

    /**
     * Sends a request; {@code onAnswer} gets any answer but 401, {@code onTimeout} runs when none
     * comes within {@code timeout}.
     */
    void send(String method, URI target, RtspHeaders extra, Consumer<RtspResponse> onAnswer, Duration timeout,
              Runnable onTimeout) {
        sendAttempt(method, target, extra, onAnswer, 0, timeout, onTimeout);
    }

    private void sendAttempt(String method, URI target, RtspHeaders extra, Consumer<RtspResponse> onAnswer,
                             int priorAuthAttempts, Duration timeout, Runnable onTimeout) {
        if (channel == null || !channel.isActive()) {
            return;
        }
        int seq = ++cseq;
        RtspHeaders headers = new RtspHeaders().add("CSeq", Integer.toString(seq));
        String requestUri = target.toString();
        Optional<String> authorization = authenticator == null ? Optional.empty()
                : authenticator.authorization(method, requestUri);
        authorization.ifPresent(a -> headers.add("Authorization", a));
        headers.add("User-Agent", userAgent);
        if (sessionId != null) {
            headers.add("Session", sessionId);
        }
        for (int i = 0; i < extra.size(); i++) {
            headers.add(extra.name(i), extra.value(i));
        }
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (pending.remove(seq) != null) {
                onTimeout.run();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        int authAttempts = priorAuthAttempts + (authorization.isPresent() ? 1 : 0);
        pending.put(seq, new Exchange(method, target, extra, onAnswer, authAttempts, timeout, onTimeout, timer));
        Channel sentOn = channel;
        sentOn.writeAndFlush(new RtspRequest(method, requestUri, headers)).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && sentOn == channel) {
                fail.accept(new RtspConnectionException(method + " write failed", redactedUri.get(), f.cause()));
            }
        });
    }

    /** Routes an answer to its request by CSeq. */
    void answer(RtspResponse answer) {
        Exchange exchange = null;
        if (answer.cseq().isPresent()) {
            exchange = pending.remove(answer.cseq().getAsInt());
        } else if (pending.size() == 1) {
            // CSeq missing in the answer (seen on cheap DVRs): with one request in flight it is that one
            exchange = pending.remove(pending.keySet().iterator().next());
        }
        if (exchange == null) {
            log.debug("answer {} with unknown CSeq from {}", answer.status(), redactedUri.get());
            return;
        }
        exchange.timer().cancel(false);
        if (answer.status() == 401) {
            onUnauthorized(exchange, answer);
            return;
        }
        exchange.onAnswer().accept(answer);
    }

    /**
     * One retry with the challenge after a 401 to an unauthenticated request; a second 401 ends
     * the session, unless it says {@code stale=true} (the nonce expired, the password is fine),
     * which earns one more try. Never a loop: the supervisor's backoff decides about later tries.
     */
    private void onUnauthorized(Exchange exchange, RtspResponse answer) {
        if (authenticator == null) {
            fail.accept(new RtspAuthenticationException(noCredentials, redactedUri.get(), exchange.method(), 0));
            return;
        }
        List<String> challenges = answer.headers().getAll("WWW-Authenticate");
        boolean stale = challenges.stream()
                .anyMatch(c -> c.toLowerCase(Locale.ROOT).replace("\"", "").replace(" ", "").contains("stale=true"));
        int sent = exchange.authAttempts();
        boolean mayRetry = sent == 0 || (stale && sent < 2);
        if (!mayRetry) {
            fail.accept(new RtspAuthenticationException("credentials refused (" + answer.status() + " " + answer.reason() + ")",
                    redactedUri.get(), exchange.method(), sent));
            return;
        }
        if (!authenticator.accept(challenges)) {
            fail.accept(new RtspAuthenticationException(authenticator.refusal(), redactedUri.get(), exchange.method(), sent));
            return;
        }
        sendAttempt(exchange.method(), exchange.uri(), exchange.extraHeaders(), exchange.onAnswer(), sent,
                exchange.timeout(), exchange.onTimeout());
    }

    /** Forgets every pending request and its timer. */
    void cancelAll() {
        for (Exchange e : pending.values()) {
            e.timer().cancel(false);
        }
        pending.clear();
    }
}
