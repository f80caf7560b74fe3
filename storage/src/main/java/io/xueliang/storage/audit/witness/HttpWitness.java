package io.xueliang.storage.audit.witness;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.xueliang.storage.audit.AuditCheckpoint;
import io.xueliang.storage.audit.AuditWitness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * POSTs each checkpoint to an HTTP endpoint as JSON; any 2xx answer means it was taken:
 *
 * <pre>
 *   {"kind":"head","seq":1042,"hash":"…","at":"2026-11-22T08:05:00.123456Z","key":"&lt;fingerprint&gt;","line":"xueliang-audit-checkpoint-1 …"}
 * </pre>
 *
 * A base checkpoint (records archived and deleted by retention) also carries {@code "archive"} and {@code "sha256"}.
 * {@code line} is the signed line itself, which the endpoint may check against the checkpoint public key; the other
 * fields repeat it for convenience. With a token, the request carries {@code Authorization: Bearer <token>}.
 */
public final class HttpWitness implements AuditWitness {
    private static final JsonFactory JSON = new JsonFactory();

    private final URI endpoint;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param endpoint an {@code http://} or {@code https://} URL
     * @param token sent as a bearer token; null for none
     * @param timeout longest wait to connect, and for the whole answer
     */
    public HttpWitness(URI endpoint, String token, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.token = token;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String describe() {
        return "HTTP " + endpoint;
    }

    static byte[] body(AuditCheckpoint checkpoint, String line, String keyFingerprint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("kind", checkpoint.kind().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("seq", checkpoint.seq());
            g.writeStringField("hash", checkpoint.hash());
            g.writeStringField("at", checkpoint.at().toString());
            if (checkpoint.archive() != null) {
                g.writeStringField("archive", checkpoint.archive());
                g.writeStringField("sha256", checkpoint.archiveSha256());
            }
            g.writeStringField("key", keyFingerprint);
            g.writeStringField("line", line);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    @Override
    public void send(AuditCheckpoint checkpoint, String line, String keyFingerprint) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(checkpoint, line, keyFingerprint)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Void> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending an audit checkpoint to " + endpoint);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(endpoint + " answered HTTP " + answer.statusCode());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
