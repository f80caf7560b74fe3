package io.xueliang.ingest.gb28181;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera's recordings between two instants as the feed of a stream to a superior platform (GB/T 28181 playback
 * and download): read on a virtual thread of its own, paced by the frames' times at {@code speed} times real time
 * (a download's {@code a=downloadspeed}, or a playback's MANSRTSP {@code Scale}), waiting while a TCP connection does
 * not drain and while paused. A seek starts reading again from another instant. At the end the stream is told
 * {@link GbUpstreamStream#finished}, and the call sends the superior its MediaStatus 121.
 */
final class GbRecordedFeed implements GbUpstreamStream.Feed {
    private static final Logger log = LoggerFactory.getLogger(GbRecordedFeed.class);
    /** How far ahead of its time a frame may be sent: smooths the sleeps. */
    private static final long AHEAD_NANOS = Duration.ofMillis(20).toNanos();

    private final GbSharedCameras recordings;
    private final CameraId camera;
    private final Instant from;
    private final Instant to;
    private volatile double speed;
    private volatile boolean paused;
    /** A seek asked for and not yet done. */
    private volatile Instant seek;
    private volatile boolean stopped;
    private Thread thread;

    /** @param speed multiple of real time, 0.25-8 */
    GbRecordedFeed(GbSharedCameras recordings, CameraId camera, Instant from, Instant to, double speed) {
        this.recordings = recordings;
        this.camera = camera;
        this.from = from;
        this.to = to;
        this.speed = speed;
    }

    @Override
    public void start(GbUpstreamStream stream) {
        thread = Thread.ofVirtual().name("gb28181-playback-" + camera).start(() -> run(stream));
    }

    @Override
    public void stop() {
        stopped = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        LockSupport.unpark(thread);
    }

    void speed(double multiple) {
        speed = multiple;
    }

    /** Starts again {@code seconds} after the call's start. */
    void seek(double seconds) {
        Instant at = from.plusMillis(Math.round(seconds * 1000));
        seek = at.isAfter(to) ? to : at;
        LockSupport.unpark(thread);
    }

    private void run(GbUpstreamStream stream) {
        Instant start = from;
        try {
            while (!stopped) {
                seek = null;
                if (play(stream, start) && !stopped) {
                    stream.finished();
                    return;
                }
                Instant again = seek;
                if (again == null) {
                    return;
                }
                start = again;
            }
        } catch (IOException | RuntimeException e) {
            log.warn("GB/T 28181 playback of {} from {}: the recordings could not be read: {}", camera, start,
                    e.toString());
            stream.finished();
        }
    }

    /** Sends from {@code start}; true at the end of the recordings, false when stopped or a seek came. */
    private boolean play(GbUpstreamStream stream, Instant start) throws IOException {
        GbSharedCameras.RecordedVideo video = recordings.open(camera, start, to);
        long firstPts = -1;
        long clockStart = 0;
        double clockSpeed = speed;
        long mediaAtSpeedChange = 0;
        for (AccessUnit unit = video.next(); unit != null; unit = video.next()) {
            if (firstPts < 0) {
                firstPts = unit.pts90k();
                clockStart = System.nanoTime();
            }
            long media = (unit.pts90k() - firstPts) * 100_000 / 9; // nanoseconds of media since the start
            while (true) {
                if (stopped || seek != null) {
                    return false;
                }
                if (clockSpeed != speed) {
                    // a new speed counts from this frame on
                    mediaAtSpeedChange = media;
                    clockStart = System.nanoTime();
                    clockSpeed = speed;
                }
                long due = clockStart + (long) ((media - mediaAtSpeedChange) / clockSpeed);
                long wait = due - System.nanoTime() - AHEAD_NANOS;
                if (paused) {
                    long pausedAt = System.nanoTime();
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                    clockStart += System.nanoTime() - pausedAt;
                } else if (stream.busy()) {
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                } else if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    break;
                }
            }
            AccessUnit send = unit;
            stream.loop().execute(() -> {
                stream.deliver(send, false);
                stream.flush();
            });
        }
        return true;
    }
}
