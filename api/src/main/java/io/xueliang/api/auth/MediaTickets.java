package io.xueliang.api.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Media tickets: the credential a URL may carry where the client cannot send a header ({@code <video src>}, a download
 * link). A ticket stands for the token that asked for it, for one resource path, for a short time; the token's rights
 * are checked again at every use (a revoked session or a demoted user takes its tickets along). Stateless: a ticket
 * is sealed with an HMAC under a key made at start, so a restart ends every ticket.
 *
 * <pre>
 *   ticket  = "xlt_" base64url(body | mac)
 *   body    = version (1 byte, 1) | token id (8) | expiry, epoch seconds (8) | SHA-256(path)[0..16)
 *   mac     = HMAC-SHA256(key, body)[0..16)
 * </pre>
 *
 * Only the media operations ({@link MediaOperation}) accept tickets, and nothing accepts the bearer token itself in a
 * URL, where it would end up in browser histories and proxy logs for its whole 12 hours.
 */
public final class MediaTickets {
    static final String PREFIX = "xlt_";
    private static final int BODY = 1 + 8 + 8 + 16;
    private static final int MAC = 16;
    private static final int LENGTH = PREFIX.length() + (BODY + MAC) * 4 / 3 + 1;

    private final InstantSource clock;
    private final Duration lifetime;
    private final SecretKeySpec key;

    public MediaTickets(InstantSource clock, Duration lifetime, SecureRandom random) {
        this.clock = clock;
        this.lifetime = lifetime;
        byte[] k = new byte[32];
        random.nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    /** The media operations, by contract operation id, and the paths they serve. */
    public enum MediaOperation {
        PLAYBACK("playback", "/api/v1/cameras/[A-Za-z0-9._-]{1,64}/playback\\.mp4"),
        /** A camera's live WebSocket: a browser cannot set headers on one. */
        LIVE("liveVideo", "/api/v1/cameras/[A-Za-z0-9._-]{1,64}/live"),
        /** What a camera's own device recorded, played by it over a WebSocket. */
        DEVICE_PLAYBACK("playDeviceRecording", "/api/v1/cameras/[A-Za-z0-9._-]{1,64}/device-playback"),
        SNAPSHOT("cameraSnapshot", "/api/v1/cameras/[A-Za-z0-9._-]{1,64}/snapshot\\.jpg"),
        /** A camera's LL-HLS playlist, and what it lists (each URI with a ticket of its own). */
        LIVE_HLS("liveHls", "/api/v1/cameras/[A-Za-z0-9._-]{1,64}/live/index\\.m3u8"),
        LIVE_HLS_MEDIA("liveHlsMedia",
                "/api/v1/cameras/[A-Za-z0-9._-]{1,64}/live/(init[0-9]{1,6}\\.mp4|s[0-9]{1,12}(\\.[0-9]{1,4})?\\.m4s)"),
        DOWNLOAD_EXPORT("downloadExport", "/api/v1/exports/[0-9a-f]{32}/download"),
        /** A read's pictures, for an {@code <img src>}: the case reference and purpose come as query parameters. */
        READ_PLATE_IMAGE("getReadPlateImage", "/api/v1/reads/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/plate\\.jpg"),
        READ_OVERVIEW_IMAGE("getReadOverviewImage",
                "/api/v1/reads/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/overview\\.jpg");

        private final String operationId;
        private final Pattern path;

        MediaOperation(String operationId, String path) {
            this.operationId = operationId;
            this.path = Pattern.compile(path);
        }

        public static Optional<MediaOperation> ofOperation(String operationId) {
            return Arrays.stream(values()).filter(m -> m.operationId.equals(operationId)).findFirst();
        }

        public static Optional<MediaOperation> ofPath(String path) {
            return Arrays.stream(values()).filter(m -> m.path.matcher(path).matches()).findFirst();
        }
    }

    /** An issued ticket and when it stops being accepted. */
    public record Ticket(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Ticket[expiresAt=" + expiresAt + "]";
        }
    }

    /** A ticket for the token {@code tokenId} and the resource at {@code path} (a media operation's path). */
    public Ticket issue(long tokenId, String path) {
        Instant expires = clock.instant().plus(lifetime);
        ByteBuffer b = ByteBuffer.allocate(BODY + MAC);
        b.put((byte) 1).putLong(tokenId).putLong(expires.getEpochSecond()).put(pathHash(path));
        b.put(mac(Arrays.copyOf(b.array(), BODY)));
        return new Ticket(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array()), expires);
    }

    /** The token id a valid, unexpired ticket for {@code path} stands for; empty for anything else. */
    public Optional<Long> verify(String ticket, String path) {
        if (ticket == null || ticket.length() > LENGTH + 4 || !ticket.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(ticket.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Canonical only: the last character's spare bits must be zero, so one ticket has one spelling.
        if (raw.length != BODY + MAC || raw[0] != 1
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(ticket.substring(PREFIX.length()))) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, BODY);
        if (!MessageDigest.isEqual(mac(body), Arrays.copyOfRange(raw, BODY, BODY + MAC))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(body, 1, BODY - 1);
        long tokenId = b.getLong();
        long expires = b.getLong();
        byte[] hash = new byte[16];
        b.get(hash);
        if (clock.instant().getEpochSecond() >= expires || !MessageDigest.isEqual(hash, pathHash(path))) {
            return Optional.empty();
        }
        return Optional.of(tokenId);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return Arrays.copyOf(m.doFinal(body), MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    private static byte[] pathHash(String path) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
