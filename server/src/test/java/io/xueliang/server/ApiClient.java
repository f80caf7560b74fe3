package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain JDK HTTP client for a test's server: bearer tokens, JSON or raw bodies. */
final class ApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), bodyUnlessEventStream());
    }

    /**
     * The body as a string, except for a server-sent event stream (GET /api/v1/alerts/stream), which never ends: its
     * body is left unread (the connection is closed) and given as empty, so that a table of every route can call it.
     */
    static HttpResponse.BodyHandler<String> bodyUnlessEventStream() {
        return info -> info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
                ? new Unread() : HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Cancels the body at once, closing the connection. */
    private static final class Unread implements HttpResponse.BodySubscriber<String> {
        @Override
        public java.util.concurrent.CompletionStage<String> getBody() {
            return java.util.concurrent.CompletableFuture.completedFuture("");
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    HttpResponse<String> send(String method, String path, String token, JsonObject body) throws Exception {
        return send(method, path, token, body == null ? null : "application/json", body == null ? null : body.encode());
    }

    /** The answer's JSON body after checking its status. */
    JsonObject expect(int status, String method, String path, String token, JsonObject body) throws Exception {
        HttpResponse<String> r = send(method, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }

    /** A GET asked for a case: the {@code X-Case-Reference} header (none when null). */
    HttpResponse<String> getForCase(String path, String token, String caseReference) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                .header("Authorization", "Bearer " + token);
        if (caseReference != null) {
            b.header("X-Case-Reference", caseReference).header("X-Purpose", "test");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user, String password) throws Exception {
        return expect(200, "POST", "/api/v1/auth/login", null,
                new JsonObject().put("username", user).put("password", password)).getString("token");
    }
}
