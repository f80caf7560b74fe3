package io.xueliang.api.live;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.xueliang.media.CameraId;
import io.xueliang.storage.fmp4.LiveFragmenter.Chunk;
import java.util.concurrent.atomic.LongAdder;

/**
 * One WebSocket watching one camera. Chunks are handed over from the channel's thread and written on the socket's
 * event loop. A viewer that does not keep up (its write queue holds more than {@link #WRITE_QUEUE_BYTES}) loses
 * pictures up to the next keyframe, counted, so that it shows live video again instead of an ever older past; the
 * camera, the recorder and the other viewers never wait for it.
 *
 * <pre>
 *   text   {"type":"stream","camera","stream":"main"|"sub","codec","mime"}   before each init segment
 *   binary init segment (ftyp, moov)
 *   binary fragment (moof, mdat) of one picture, ...
 * </pre>
 */
final class LiveViewer implements LiveSink {
    /** Bytes a viewer may have queued before it skips: about 2 s of a 4 Mbps main stream. */
    static final int WRITE_QUEUE_BYTES = 1 << 20;

    private final ServerWebSocket socket;
    private final Context context;
    private final CameraId camera;
    /** What it is sent: the camera's main stream (its id) or its sub stream's feed. */
    private final CameraId feed;
    private final LiveChannels.Counters counters;
    /** Event-loop state: drop fragments until a keyframe (at start, after an init segment, after falling behind). */
    private boolean waitingForKeyframe = true;
    private final LongAdder bytes = new LongAdder();
    private final LongAdder skips = new LongAdder();

    LiveViewer(ServerWebSocket socket, Context context, CameraId camera, CameraId feed,
            LiveChannels.Counters counters) {
        this.socket = socket;
        this.context = context;
        this.camera = camera;
        this.feed = feed;
        this.counters = counters;
        socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    }

    CameraId camera() {
        return camera;
    }

    CameraId feed() {
        return feed;
    }

    /** Hands {@code chunk} to the socket's event loop; never blocks. */
    @Override
    public void send(Chunk chunk) {
        context.runOnContext(v -> deliver(chunk));
    }

    private void deliver(Chunk chunk) {
        if (socket.isClosed()) {
            return;
        }
        if (chunk.kind() == Chunk.Kind.INIT) {
            socket.writeTextMessage(header(chunk).encode());
            write(chunk.bytes());
            waitingForKeyframe = true;
            return;
        }
        if (waitingForKeyframe && !chunk.keyframe()) {
            return;
        }
        if (socket.writeQueueFull()) {
            if (!waitingForKeyframe) {
                skips.increment();
                counters.skips().increment();
            }
            waitingForKeyframe = true;
            return;
        }
        waitingForKeyframe = false;
        write(chunk.bytes());
    }

    private void write(byte[] b) {
        socket.writeBinaryMessage(Buffer.buffer(b));
        bytes.add(b.length);
        counters.bytes().add(b.length);
    }

    private JsonObject header(Chunk init) {
        return new JsonObject().put("type", "stream").put("camera", camera.value())
                .put("stream", feed.equals(camera) ? "main" : "sub").put("codec", init.codec())
                .put("mime", "video/mp4; codecs=\"" + init.codec() + "\"");
    }

    /** Bytes written to this viewer. */
    long bytes() {
        return bytes.sum();
    }

    /** Times this viewer fell behind and skipped to a keyframe. */
    long skips() {
        return skips.sum();
    }

    /** Closes the socket with a WebSocket status and reason (RFC 6455 §7.4). */
    void close(short status, String reason) {
        context.runOnContext(v -> {
            if (!socket.isClosed()) {
                socket.close(status, reason);
            }
        });
    }
}
