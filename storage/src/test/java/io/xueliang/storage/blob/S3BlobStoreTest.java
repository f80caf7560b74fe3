package io.xueliang.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.S3Config;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real S3 server (S3Proxy), each test under a prefix of its own in one bucket. */
class S3BlobStoreTest extends BlobStoreContract {
    private static final String BUCKET = "xueliang-test";
    private static final AtomicInteger TESTS = new AtomicInteger();

    @TempDir
    static Path serverDir;
    static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.startOrSkip(serverDir);
        try (S3BlobStore admin = S3BlobStore.create(server.config(BUCKET, ""))) {
            admin.createBucketIfMissing();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    BlobStore newStore() {
        return S3BlobStore.create(server.config(BUCKET, "deployment/t" + TESTS.incrementAndGet()));
    }

    @Override
    String expectedLocation() {
        return "s3";
    }

    @AfterEach
    void closeStore() {
        ((S3BlobStore) store).close();
    }

    @Test
    void keysLiveUnderTheConfiguredPrefix() throws IOException {
        TestFile f = file("seg.mp4", 100, 1);
        store.put("cam1/a.mp4", f.path(), f.size(), f.sha256());

        try (S3BlobStore whole = S3BlobStore.create(server.config(BUCKET, ""))) {
            assertThat(whole.list("deployment/", null, 1000).entries()).extracting(BlobEntry::key)
                    .contains("deployment/t" + TESTS.get() + "/cam1/a.mp4");
        }
    }

    @Test
    void theSha256TravelsAsMetadataAndGuardsTheKey() throws IOException {
        TestFile f = file("seg.mp4", 100, 2);
        store.put("a.mp4", f.path(), f.size(), f.sha256());
        TestFile twin = file("twin.mp4", 100, 2);

        store.put("a.mp4", twin.path(), twin.size(), twin.sha256()); // same bytes: a no-op

        assertThat(twin.sha256()).isEqualTo(f.sha256());
        assertThat(store.size("a.mp4")).hasValue(100);
    }

    @Test
    void aWrongSecretIsAnAccessFailureNotRetriable() throws IOException {
        TestFile f = file("seg.mp4", 100, 3);
        S3Config c = server.config(BUCKET, "");
        S3Config wrong = new S3Config(c.endpoint(), c.region(), c.bucket(), c.accessKey(), "not-the-secret",
                c.prefix(), true);

        try (S3BlobStore s = S3BlobStore.create(wrong)) {
            assertThatThrownBy(() -> s.put("a.mp4", f.path(), f.size(), f.sha256()))
                    .isInstanceOf(BlobAccessException.class)
                    .satisfies(e -> assertThat(((BlobStoreException) e).retriable()).isFalse())
                    .satisfies(e -> assertThat(((BlobStoreException) e).code()).isNotNull());
            assertThatThrownBy(s::checkBucket).isInstanceOf(BlobAccessException.class);
        }
    }

    @Test
    void aMissingBucketIsAnAccessFailureNotRetriable() throws IOException {
        TestFile f = file("seg.mp4", 100, 4);

        try (S3BlobStore s = S3BlobStore.create(server.config("no-such-bucket", ""))) {
            assertThatThrownBy(() -> s.put("a.mp4", f.path(), f.size(), f.sha256()))
                    .isInstanceOf(BlobAccessException.class)
                    .hasMessageContaining("NoSuchBucket");
            assertThatThrownBy(() -> s.list("", null, 10)).isInstanceOf(BlobAccessException.class);
            assertThatThrownBy(s::checkBucket).isInstanceOf(BlobAccessException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void aStoreThatIsNotListeningIsRetriable() throws IOException {
        TestFile f = file("seg.mp4", 100, 5);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        S3Config c = server.config(BUCKET, "");
        S3Config away = new S3Config(URI.create("http://127.0.0.1:" + port), c.region(), c.bucket(), c.accessKey(),
                c.secretKey(), "", true);

        try (S3BlobStore s = S3BlobStore.create(away, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> s.put("a.mp4", f.path(), f.size(), f.sha256()))
                    .isInstanceOf(RetriableBlobStoreException.class)
                    .hasMessageContaining("cannot reach the store");
            assertThatThrownBy(() -> s.open("a.mp4", 0, 10)).isInstanceOf(RetriableBlobStoreException.class);
            assertThatThrownBy(() -> s.list("", null, 10)).isInstanceOf(RetriableBlobStoreException.class);
        }
    }
}
