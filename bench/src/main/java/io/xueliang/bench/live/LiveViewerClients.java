package io.xueliang.bench.live;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many WebSocket live viewers in a process of their own (so that their CPU is not the server's): each reads every
 * message as a browser's script would and drops it. Prints the bytes and messages received.
 *
 * <pre>java -cp … io.xueliang.bench.live.LiveViewerClients PORT TOKEN CAMERA,CAMERA,… VIEWERS SECONDS</pre>
 */
public final class LiveViewerClients {
    private static final Pattern TICKET = Pattern.compile("\"ticket\"\\s*:\\s*\"([^\"]+)\"");

    private LiveViewerClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        String[] cameras = args[2].split(",");
        int viewers = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicLong bytes = new AtomicLong();
        AtomicLong messages = new AtomicLong();
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            String path = "/api/v1/cameras/" + cameras[i % cameras.length] + "/live";
            HttpResponse<String> t;
            int tries = 0;
            do {
                if (tries++ > 0) {
                    Thread.sleep(100); // 429: the token's request rate (http.tokenRequestsPerSecond)
                }
                t = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + path + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            } while (t.statusCode() == 429 && tries < 100);
            Matcher m = TICKET.matcher(t.body());
            if (t.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("ticket: " + t.statusCode() + " " + t.body());
            }
            open.add(connect(http, port, path, m.group(1), bytes, messages));
        }
        System.out.println("OPEN " + open.size());
        long b0 = bytes.get();
        long m0 = messages.get();
        Thread.sleep(seconds * 1000);
        System.out.printf("RECEIVED %d bytes %d messages in %d s%n", bytes.get() - b0, messages.get() - m0, seconds);
        open.forEach(ws -> ws.abort());
        System.exit(0);
    }

    /** Opens one viewer; a 429 (the token's request rate: 500 sockets at once are a burst) waits and tries again. */
    private static WebSocket connect(HttpClient http, int port, String path, String ticket, AtomicLong bytes,
            AtomicLong messages) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + path + "?access_token="
                    + URLEncoder.encode(ticket, StandardCharsets.UTF_8)), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                            bytes.addAndGet(data.remaining());
                            if (last) {
                                messages.incrementAndGet();
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            ws.request(1);
                            return null;
                        }
                    }).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (attempt > 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
