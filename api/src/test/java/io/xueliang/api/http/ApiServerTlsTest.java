package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.HttpConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files, with a self-signed certificate made by the openssl CLI for this test. */
class ApiServerTlsTest {
    @TempDir
    Path dir;

    private Path[] selfSigned() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("openssl CLI not found; cannot make a test certificate: " + e.getMessage());
            throw e;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
        return new Path[] {cert, key};
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    @Test
    void servesHttpsFromPemFiles() throws Exception {
        Path[] pem = selfSigned();
        HttpConfig config = new HttpConfig(0, null, 1 << 20, 8192, 4096, pem[0], pem[1]);
        try (ApiServer server = ApiServer.start(config, "127.0.0.1", new ApiOperations()
                .handle("healthz", ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("status", "ok"))), Duration.ofSeconds(30))) {
            assertThat(server.tls()).isTrue();
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(pem[0])).build();

            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(r.sslSession()).isPresent();

            // plain HTTP on the TLS port gets no answer
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/healthz")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void missingPemFileFailsTheStartNamingTheKey() {
        HttpConfig config = new HttpConfig(0, null, 1 << 20, 8192, 4096, dir.resolve("none.pem"), dir.resolve("key.pem"));

        assertThatThrownBy(() -> ApiServer.start(config, "127.0.0.1", new ApiOperations(), Duration.ofSeconds(30)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("none.pem")
                .hasMessageContaining("http.tlsCertificate: cannot read the PEM file");
    }
}
