package io.xueliang.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent events client on the JDK's HTTP client (WHATWG HTML §9.2: lines, a blank line ends an event, lines
 * starting with ':' are comments), reading on a thread of its own.
 */
final class EventStreamClient implements AutoCloseable {
    /** One event: its id line and its data. */
    record Event(String id, String data) {
    }

    private static final String END = "\u0000end";
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofPlatform().daemon().name("sse-client").start(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException e) {
                // closed by close() or by the server
            }
            lines.add(END);
        });
    }

    /** Opens {@code /api/v1/alerts/stream}; the answer's status is in {@link #status()}. */
    static EventStreamClient open(HttpClient http, int port, String token, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return new EventStreamClient(http.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next event within {@code wait}; empty when none came or the stream ended. */
    Optional<Event> next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String id = null;
        StringBuilder data = null;
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return Optional.empty();
            }
            if (line.equals(END)) {
                lines.add(END);
                return Optional.empty();
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(id, data.toString()));
                }
                id = null;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
            }
        }
    }

    /** Whether the server ended the stream within {@code wait}, with no event before the end. */
    boolean endsWithoutEvent(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return false;
            }
            if (line.equals(END)) {
                return true;
            }
            if (line.startsWith("data:")) {
                return false;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        response.body().close();
        reader.join(5000);
    }
}
