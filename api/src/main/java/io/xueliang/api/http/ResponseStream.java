package io.xueliang.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link OutputStream} over a Vert.x response, for blocking producers (a playback plan reading segment files) on
 * a worker thread: bytes go out in chunks, and while the connection's write queue is full the writer waits for it to
 * drain, so a slow client holds back the producer instead of growing memory. A client that goes away, or stays stalled
 * for {@link #STALL_LIMIT_SECONDS}, makes the next write fail.
 */
public final class ResponseStream extends OutputStream {
    /** A client that takes nothing for this long is dropped: it would pin a thread and file handles. */
    static final long STALL_LIMIT_SECONDS = 60;
    private static final int CHUNK = 64 * 1024;

    private final HttpServerResponse response;
    private final byte[] chunk = new byte[CHUNK];
    private int filled;
    private volatile boolean gone;

    public ResponseStream(HttpServerResponse response) {
        this.response = response;
        response.closeHandler(v -> gone = true);
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == CHUNK) {
            flushChunk();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == CHUNK) {
                flushChunk();
            }
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (filled > 0) {
            flushChunk();
        }
    }

    private void flushChunk() throws IOException {
        if (gone) {
            throw new IOException("the client closed the connection");
        }
        response.write(Buffer.buffer(java.util.Arrays.copyOf(chunk, filled)));
        filled = 0;
        if (response.writeQueueFull()) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            response.drainHandler(v -> drained.complete(null));
            if (response.writeQueueFull()) {
                try {
                    drained.get(STALL_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the client was slow");
                } catch (TimeoutException e) {
                    gone = true;
                    throw new IOException("the client took nothing for " + STALL_LIMIT_SECONDS + " s");
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
        }
    }

    /** Sends what is buffered and ends the response. */
    @Override
    public void close() throws IOException {
        flush();
        if (!gone) {
            response.end();
        }
    }
}
