package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.mansrtsp.MansrtspRequest;
import io.xueliang.ingest.sip.SipContentType;
import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.media.Camera;
import io.xueliang.media.DevicePlayback;
import io.xueliang.media.StreamHub;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device playing its own recording to us (GB/T 28181 §9.8): a {@link GbCameraSession} of kind {@code s=Playback}
 * into a hub of its own, MANSRTSP in INFO for its controls, and its end: the device's MediaStatus 121 (end of the
 * recording: we hang up), its BYE, or ours.
 */
final class GbPlaybackSession implements DevicePlayback.Session {
    private static final SipContentType MANSRTSP = new SipContentType("Application", "MANSRTSP", Map.of());

    private final CompletableFuture<DevicePlayback.Session> opened = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final AtomicLong cseq = new AtomicLong();
    private final GbOutgoing outgoing;
    private final GbCameraSession media;

    GbPlaybackSession(Camera camera, GbChannelAddress channel, GbCallKind kind, StreamHub hub, GbMediaResources resources,
            GbOutgoing outgoing) {
        this.outgoing = outgoing;
        CameraSessionListener listener = new CameraSessionListener() {
            @Override
            public void onPlaying() {
                opened.complete(GbPlaybackSession.this);
            }

            @Override
            public void onClosed(Throwable cause) {
                String why = cause == null ? "ended" : cause.getMessage();
                if (!opened.isDone()) {
                    opened.completeExceptionally(cause != null ? cause : new IllegalStateException(why));
                }
                ended.complete(why);
            }
        };
        this.media = new GbCameraSession(camera, channel, new CameraCounters(System::nanoTime), listener, hub, resources,
                kind);
    }

    CompletableFuture<DevicePlayback.Session> start() {
        media.start();
        return opened;
    }

    /** The call's Call-ID, or null before the device's answer. */
    String callId() {
        GbCalls.Call call = media.call();
        return call == null ? null : call.callId();
    }

    /** The device said its recording ended (MediaStatus 121): we hang up. */
    void endOfRecording() {
        media.stop();
    }

    @Override
    public CompletableFuture<Void> pause() {
        return control(MansrtspRequest.pause(cseq.incrementAndGet()));
    }

    @Override
    public CompletableFuture<Void> play(double scale) {
        if (!(scale >= MansrtspRequest.MIN_SCALE && scale <= MansrtspRequest.MAX_SCALE)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("scale must be "
                    + MansrtspRequest.MIN_SCALE + "-" + MansrtspRequest.MAX_SCALE));
        }
        return control(MansrtspRequest.play(cseq.incrementAndGet(), scale));
    }

    @Override
    public CompletableFuture<Void> seek(Duration offset) {
        return control(MansrtspRequest.seek(cseq.incrementAndGet(), offset.toMillis() / 1000.0));
    }

    private CompletableFuture<Void> control(MansrtspRequest request) {
        CompletableFuture<GbCalls.Call> call = new CompletableFuture<>();
        media.loop().execute(() -> call.complete(media.call()));
        return call.thenCompose(c -> {
            if (c == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("the playback has ended"));
            }
            return outgoing.info(c, MANSRTSP, request.write()).thenAccept(r -> {
                if (!r.success()) {
                    throw new IllegalStateException("the device answered " + r.status() + " " + r.reason());
                }
            });
        });
    }

    @Override
    public void close() {
        media.stop();
    }

    @Override
    public CompletableFuture<String> ended() {
        return ended;
    }
}
