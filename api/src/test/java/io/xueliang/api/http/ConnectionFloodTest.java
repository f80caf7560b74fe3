package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.HttpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flood of connections that never send a request, from one address and from many, and a client that trickles its
 * headers: the server closes what is over its caps at once and what is too slow after http.headerTimeout, and keeps
 * answering everyone else. (Loopback answers on all of 127.0.0.0/8, so each 127.0.0.x is another client address.)
 */
class ConnectionFloodTest {
    private static HttpConfig config(int max, int perAddress) {
        return config(max, perAddress, Duration.ofSeconds(1));
    }

    private static HttpConfig config(int max, int perAddress, Duration headerTimeout) {
        return new HttpConfig(0, null, 64 * 1024, 8192, 4096, null, null, List.of(), max, perAddress,
                headerTimeout, Duration.ofSeconds(60), 1000, 1000, Duration.ofMinutes(15), null, null);
    }

    private static Socket connect(TestApi api, String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", api.server.port()), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Whether the server has closed the connection (end of stream or reset), waiting up to the socket's timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static String healthz(TestApi api, String from) throws IOException {
        try (Socket s = connect(api, from)) {
            OutputStream out = s.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.isEmpty() ? "" : answer.substring(0, answer.indexOf("\r\n"));
        }
    }

    @Test
    void idleConnectionsFromOneAddressAreCappedAndClosedAndHealthzStillAnswersOthers() throws Exception {
        try (TestApi api = new TestApi(config(64, 20))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    idle.add(connect(api, "127.0.0.1"));
                }
                assertThat(healthz(api, "127.0.0.2")).isEqualTo("HTTP/1.1 200 OK");
                int refusedAtOnce = 0;
                for (Socket s : idle.subList(20, 200)) {
                    s.setSoTimeout(5_000);
                    refusedAtOnce += closedByServer(s) ? 1 : 0;
                }
                assertThat(refusedAtOnce).as("connections beyond 20 from one address").isEqualTo(180);
                for (Socket s : idle.subList(0, 20)) {
                    assertThat(closedByServer(s)).as("closed after the header timeout").isTrue();
                }
                // The server counts a connection gone when its close handler has run, a moment after the client sees
                // the close: ask again for up to 5 s.
                String again = healthz(api, "127.0.0.1");
                for (long end = System.nanoTime() + 5_000_000_000L; !again.equals("HTTP/1.1 200 OK")
                        && System.nanoTime() < end; again = healthz(api, "127.0.0.1")) {
                    Thread.sleep(50);
                }
                assertThat(again).as("the address may connect again").isEqualTo("HTTP/1.1 200 OK");
                String metrics = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/metrics"))
                        .header("Authorization", "Bearer metrics-secret")).body();
                assertThat(metrics).contains("xueliang_http_connections_refused_total{limit=\"address\"} 180.0")
                        .contains("xueliang_http_header_timeouts_total 20.0");
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    @Test
    void atTheOverallCapIdleConnectionsMakeRoomForOnesThatSendARequest() throws Exception {
        try (TestApi api = new TestApi(config(30, 10, Duration.ofMinutes(1)))) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int host = 10; host < 16; host++) {
                    for (int i = 0; i < 10; i++) {
                        idle.add(connect(api, "127.0.0." + host));
                    }
                }
                // Accepted after the 60 (the kernel queues connections in order), so answered after all were handled.
                assertThat(healthz(api, "127.0.0.20")).as("a real client, the cap full of idle connections")
                        .isEqualTo("HTTP/1.1 200 OK");
                int open = 0;
                for (Socket s : idle) {
                    s.setSoTimeout(100);
                    open += closedByServer(s) ? 0 : 1;
                }
                assertThat(open).as("idle ones open of 60 from 6 addresses, cap 30, one gave way to /healthz")
                        .isEqualTo(29);
                assertThat(metrics(api)).contains("xueliang_http_connections_evicted_total 31.0");
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    private static String metrics(TestApi api) throws Exception {
        return api.send(java.net.http.HttpRequest.newBuilder(api.uri("/metrics"))
                .header("Authorization", "Bearer metrics-secret")).body();
    }

    @Test
    void aClientTricklingItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        try (TestApi api = new TestApi(config(64, 20)); Socket s = connect(api, "127.0.0.3")) {
            OutputStream out = s.getOutputStream();
            byte[] request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            out.write(request);
            boolean closed = false;
            // One byte every 200 ms would take 20 s for 100 bytes: the server closes well before.
            for (int i = 0; i < 100 && !closed; i++) {
                try {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200);
                    s.setSoTimeout(1);
                    closed = closedByServer(s);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).isTrue();
        }
    }

    @Test
    void keepAliveConnectionsServeRequestsOneAfterAnother() throws Exception {
        try (TestApi api = new TestApi(config(64, 20)); Socket s = connect(api, "127.0.0.4")) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(answer(in)).startsWith("HTTP/1.1 200 OK");
            }
        }
    }

    /** One whole answer: the header block, then as many body bytes as its Content-Length says. */
    private static String answer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        in.readNBytes(length);
        return head.toString();
    }
}
