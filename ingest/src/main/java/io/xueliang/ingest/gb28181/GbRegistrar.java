package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.sip.Contact;
import io.xueliang.ingest.sip.SipDate;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.ingest.sip.auth.SipDigestServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * REGISTER (GB/T 28181 §9.1): the device's id in From, digest with the device's own password where it has one
 * (set through the API) and the shared {@code gb28181.password} otherwise, the registration granted
 * for what it asked up to {@code registerExpiresMax}, {@code Expires: 0} to leave. The 200 carries {@code Date} in the
 * platform's local time so that the device sets its clock by it (§9.10). Runs on the signalling thread.
 *
 * <pre>
 *  REGISTER -> throttle (per address; over it: dropped, no answer) -> From user 20 digits? (else 400)
 *           -> digest: none/stale/foreign nonce 401 | wrong password 403 | malformed 400
 *           -> Expires 0: unregister, 200 | under 60 s: 423 Min-Expires | devices full: 503 | else 200 + Date
 * </pre>
 */
final class GbRegistrar {
    /** Shorter registrations are answered 423 (RFC 3261 §10.3 step 7): a device re-registering every few seconds is
     * a misconfiguration that would cost a digest round each time. */
    static final long MIN_EXPIRES_SECONDS = 60;
    private static final Pattern ID = Pattern.compile("[0-9]{20}");

    private final SipDigestServer digest;
    private final String password;
    private final Map<String, String> own;
    private final Duration expiresMax;
    private final GbDevices devices;
    private final RegisterThrottle throttle;
    private final Clock clock;
    private final GbCounters counters;
    private final Consumer<String> registered;

    /**
     * @param own        devices' own passwords by id, changed by others while the registrar reads it
     * @param registered told the id of each device that registered anew (not on a renewal)
     */
    GbRegistrar(SipDigestServer digest, String password, Map<String, String> own, Duration expiresMax, GbDevices devices,
            RegisterThrottle throttle, Clock clock, GbCounters counters, Consumer<String> registered) {
        this.digest = digest;
        this.password = password;
        this.own = own;
        this.expiresMax = expiresMax;
        this.devices = devices;
        this.throttle = throttle;
        this.clock = clock;
        this.counters = counters;
        this.registered = registered;
    }

    /** The answer to a REGISTER, or null when it is dropped unanswered (over the throttle). */
    SipResponse register(SipRequest request, InetSocketAddress source, boolean tcp) {
        if (!throttle.tryAcquire(source.getAddress().getHostAddress())) {
            return null;
        }
        String id;
        try {
            id = request.from().uri().user();
        } catch (SipParseException e) {
            return answer(request, source, 400, "From cannot be read");
        }
        if (id == null || !ID.matcher(id).matches()) {
            return answer(request, source, 400, "From must name a 20-digit device id");
        }
        SipDigestServer.Verdict verdict = digest.verify(request, id, own.getOrDefault(id, password));
        switch (verdict) {
            case OK -> { }
            case NO_CREDENTIALS, UNKNOWN_NONCE, STALE_NONCE -> {
                counters.challenges.incrementAndGet();
                return digest.challengeResponse(request, source, GbPlatform.TO_TAG,
                        verdict == SipDigestServer.Verdict.STALE_NONCE);
            }
            case WRONG_PASSWORD, USERNAME_MISMATCH -> {
                counters.wrongPasswords.incrementAndGet();
                return answer(request, source, 403, "wrong password");
            }
            default -> {
                return answer(request, source, 400, "malformed credentials");
            }
        }
        long asked = requestedExpires(request);
        if (asked == 0) {
            if (devices.unregister(id).isPresent()) {
                counters.unregistrations.incrementAndGet();
            }
            return answer(request, source, 200, null).with("Expires", "0");
        }
        if (asked < MIN_EXPIRES_SECONDS) {
            return answer(request, source, 423, null).with("Min-Expires", Long.toString(MIN_EXPIRES_SECONDS));
        }
        Duration granted = Duration.ofSeconds(Math.min(asked, expiresMax.toSeconds()));
        GbDevices.Outcome outcome = devices.register(id, source, tcp, granted, clock.instant());
        if (outcome == GbDevices.Outcome.FULL) {
            counters.refusedFull.incrementAndGet();
            return answer(request, source, 503, "too many devices").with("Retry-After", "300");
        }
        (outcome == GbDevices.Outcome.NEW ? counters.registrations : counters.renewals).incrementAndGet();
        SipResponse ok = answer(request, source, 200, null)
                .with("Date", SipDate.format(LocalDateTime.now(clock)))
                .with("Expires", Long.toString(granted.toSeconds()));
        if (outcome == GbDevices.Outcome.NEW) {
            registered.accept(id);
        }
        return ok;
    }

    /** Expires of the Contact, else the header, else 3600 (RFC 3261 §10.2.1.1 leaves it to the registrar). */
    private static long requestedExpires(SipRequest request) {
        try {
            for (Contact c : request.contacts()) {
                if (c.wildcard()) {
                    return 0;
                }
                OptionalLong e = c.expires();
                if (e.isPresent()) {
                    return e.getAsLong();
                }
            }
            OptionalLong header = request.expires();
            return header.isPresent() ? header.getAsLong() : 3600;
        } catch (SipParseException e) {
            return 3600;
        }
    }

    private static SipResponse answer(SipRequest request, InetSocketAddress source, int status, String reason) {
        return SipResponse.answer(request, source, status, reason, GbPlatform.TO_TAG);
    }
}
