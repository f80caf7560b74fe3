package io.xueliang.bench.reads;

import io.xueliang.config.XueliangConfig;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.server.XueliangServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A server started on a benchmark's store directory (its {@code reads.db} the server's read store) and an admin's
 * token for it: what the read benchmarks ask their questions through, as an investigator's client would. One token
 * asks every query back to back, so the configuration given must lift the per-token rate a person is held to.
 */
final class ApiProbe implements AutoCloseable {
    private final Path root;
    private final XueliangServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    /** @param yaml the server's configuration, its storage root {@code root} */
    ApiProbe(Path root, String yaml) throws Exception {
        this.root = root;
        XueliangConfig config = ConfigLoader.parse(yaml, "bench.yaml", Map.of());
        this.server = XueliangServer.start(config, "127.0.0.1");
        this.base = "http://127.0.0.1:" + server.httpPort();
        this.token = login(adminPassword());
    }

    /** The answer's length in characters to a GET of {@code pathAndQuery} (under the server's root) as the admin. */
    int get(String pathAndQuery) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + ": " + r.statusCode() + " " + r.body());
            }
            return r.body().length();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The first admin's password: made at the store's first start, kept beside it for the runs after. */
    private String adminPassword() throws Exception {
        Path kept = root.resolve("bench-admin-password");
        if (server.firstAdmin().isPresent()) {
            Files.writeString(kept, server.firstAdmin().get().password());
        }
        return Files.readString(kept).strip();
    }

    private String login(String password) throws Exception {
        String body = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String json = r.body();
        int at = json.indexOf("\"token\":\"") + 9;
        return json.substring(at, json.indexOf('"', at));
    }

    @Override
    public void close() {
        server.close();
    }
}
