package io.xueliang.storage.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.xueliang.media.FakeClock;
import io.xueliang.storage.audit.AuditCheckpoint;
import io.xueliang.storage.audit.AuditCheckpointFile;
import io.xueliang.storage.audit.AuditCheckpointer;
import io.xueliang.storage.audit.AuditEntry;
import io.xueliang.storage.audit.AuditWitness;
import io.xueliang.storage.audit.SqliteAuditLog;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints reach real receivers: a UDP and a TCP syslog socket and an HTTP server, as the JDK provides them. */
class AuditWitnessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path root;
    private final FakeClock clock = new FakeClock();
    private EmbeddedDatabase database;
    private SqliteAuditLog log;

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        log = new SqliteAuditLog(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void append(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(1));
            log.append(new AuditEntry(clock.instant(), "investigator1", List.of("investigator"), "10.1.2.3",
                    "GET /api/v1/reads", new TreeMap<>(), null, null, 1, 200)).get();
        }
    }

    private String onlyLine() throws Exception {
        return Files.readAllLines(AuditCheckpointFile.under(root).path()).getFirst();
    }

    @Test
    void syslogOverUdpGetsOneRfc5424MessagePerCheckpoint() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                AuditCheckpointer checkpointer = AuditCheckpointer.open(root, log, List.of(new SyslogWitness(
                        URI.create("udp://127.0.0.1:" + receiver.getLocalPort()), TIMEOUT)), clock)) {
            receiver.setSoTimeout(10_000);
            append(3);
            AuditCheckpoint c = checkpointer.checkpoint().orElseThrow();
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            receiver.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertThat(message).matches("<109>1 " + java.util.regex.Pattern.quote(c.at().toString())
                    + " \\S+ xueliang \\d+ audit-checkpoint - .*");
            assertThat(message).endsWith(" - " + onlyLine());
        }
    }

    @Test
    void syslogOverTcpFramesTheMessageByOctetCounting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                AuditCheckpointer checkpointer = AuditCheckpointer.open(root, log, List.of(new SyslogWitness(
                        URI.create("tcp://127.0.0.1:" + server.getLocalPort()), TIMEOUT)), clock)) {
            server.setSoTimeout(10_000);
            append(2);
            BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(1);
            Thread accept = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    received.add(in.readAllBytes());
                } catch (Exception e) {
                    received.add(("failed " + e).getBytes(StandardCharsets.UTF_8));
                }
            });
            checkpointer.checkpoint().orElseThrow();
            String framed = new String(received.poll(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            accept.join();
            int space = framed.indexOf(' ');
            String message = framed.substring(space + 1);
            assertThat(Integer.parseInt(framed.substring(0, space)))
                    .isEqualTo(message.getBytes(StandardCharsets.UTF_8).length);
            assertThat(message).startsWith("<109>1 ").endsWith(" audit-checkpoint - " + onlyLine());
        }
    }

    @Test
    void httpWitnessGetsJsonWithTheTokenAndIsToldAgainAfterRefusing() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BlockingQueue<String> bodies = new ArrayBlockingQueue<>(10);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/checkpoints", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.toString(StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/checkpoints");
        try (AuditCheckpointer checkpointer = AuditCheckpointer.open(root, log,
                List.of(new HttpWitness(endpoint, "t0k3n", TIMEOUT)), clock)) {
            append(4);
            AuditCheckpoint c = checkpointer.checkpoint().orElseThrow();
            String first = bodies.poll(10, TimeUnit.SECONDS);
            assertThat(first).isEqualTo("POST Bearer t0k3n application/json {\"kind\":\"head\",\"seq\":4,\"hash\":\""
                    + c.hash() + "\",\"at\":\"" + c.at() + "\",\"key\":\"" + checkpointer.keyFingerprint()
                    + "\",\"line\":\"" + onlyLine() + "\"}");
            assertThat(Files.readAllLines(AuditCheckpointFile.under(root).path()))
                    .as("a refusing witness does not stop the file").hasSize(1);

            assertThat(checkpointer.checkpoint()).as("the head did not move").isEmpty();
            assertThat(bodies.poll(10, TimeUnit.SECONDS)).as("but the witness that refused is told again")
                    .isEqualTo(first);
            assertThat(checkpointer.checkpoint()).isEmpty();
            assertThat(bodies.poll(200, TimeUnit.MILLISECONDS)).as("once it took the checkpoint, no more").isNull();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableWitnessIsAFailedSend() {
        AuditCheckpoint c = AuditCheckpoint.head(1, "00".repeat(32), clock.instant());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (AuditWitness w : List.of(new SyslogWitness(URI.create("tcp://127.0.0.1:" + closedPort), TIMEOUT),
                new HttpWitness(URI.create("http://127.0.0.1:" + closedPort + "/x"), null, TIMEOUT))) {
            try (w) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.send(c, "line", "fp"))
                        .as(w.describe()).isInstanceOf(java.io.IOException.class);
            }
        }
    }
}
