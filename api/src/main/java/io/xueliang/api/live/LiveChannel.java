package io.xueliang.api.live;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamReader;
import io.xueliang.storage.fmp4.LiveFragmenter.Chunk;
import io.xueliang.storage.fmp4.LiveFragmenter;
import io.xueliang.storage.fmp4.UnsupportedStreamException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watched camera: reads its hub once for all viewers, repackages each picture once ({@link LiveFragmenter}) and
 * keeps the init segment and the fragments since the latest keyframe, which a new viewer is sent first so that its
 * picture starts at once. A channel opens with the hub's latest keyframe as a still ({@link LiveFragmenter#startWith}),
 * so that the first viewer of a camera nobody watched sees a picture at once rather than up to a GOP later. Everything
 * runs on the channel's own (virtual) thread, in order: pictures, viewers joining and leaving.
 *
 * <pre>
 *   hub ─► reader (its own bounded queue) ─► onAvailable ─► channel thread: fragmenter ─► GOP kept ─► each viewer
 *   join ─► channel thread: init + GOP to the viewer, then it is one of the viewers
 * </pre>
 */
final class LiveChannel {
    private static final Logger LOG = LoggerFactory.getLogger(LiveChannel.class);
    /** The GOP kept for new viewers, at most: a camera with 10 s GOPs at 8 Mbps has 10 MB. Beyond, nothing is kept. */
    static final long MAX_GOP_BYTES = 16L << 20;
    /** Units the channel's hub reader queues: 4 s at 25 fps, more than the channel thread ever falls behind. */
    static final int READER_UNITS = 100;
    static final long READER_BYTES = 8L << 20;
    /** A gap this long between two pictures is an outage (a camera rebooted, a network down), not a slow frame. */
    static final Duration STALE_GAP = Duration.ofSeconds(3);

    private final CameraId camera;
    private final StreamReader reader;
    private final LiveFragmenter fragmenter = new LiveFragmenter();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final Thread thread;
    private final LiveChannels.Counters counters;
    private volatile boolean closed;

    // channel thread only
    private final Set<LiveSink> viewers = new LinkedHashSet<>();
    private Chunk init;
    private final List<Chunk> gop = new ArrayList<>();
    private long gopBytes;
    private boolean keepingGop;
    /** When the last fragment was captured: a camera back from an outage makes the kept GOP a stale past. */
    private Instant lastCaptured;
    private boolean refusedLogged;
    /** The hub's keyframe the channel opened with; the reader may deliver it again, and it is not sent twice. */
    private AccessUnit still;

    LiveChannel(StreamHub hub, LiveChannels.Counters counters) {
        this.camera = hub.camera();
        this.counters = counters;
        this.reader = hub.subscribe("live", READER_UNITS, READER_BYTES);
        // Subscribed first: a keyframe published meanwhile is then either this still or the reader's first unit.
        AccessUnit latest = hub.latestKeyframe();
        if (latest != null) {
            tasks.offer(() -> startWith(latest));
        }
        this.thread = Thread.ofVirtual().name("live-" + camera.value()).unstarted(this::run);
        reader.onAvailable(() -> {
            if (drainQueued.compareAndSet(false, true)) {
                tasks.offer(this::drain);
            }
        });
        thread.start();
    }

    CameraId camera() {
        return camera;
    }

    void join(LiveSink viewer) {
        tasks.offer(() -> {
            if (init != null) {
                viewer.send(init);
                gop.forEach(viewer::send);
            }
            viewers.add(viewer);
        });
    }

    void leave(LiveSink viewer) {
        tasks.offer(() -> viewers.remove(viewer));
    }

    /** Leaves the hub and ends the thread; the viewers are closed by whoever closes the channel. */
    void close() {
        closed = true;
        reader.close();
        tasks.offer(() -> { });
    }

    private void run() {
        while (!closed) {
            try {
                tasks.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("live channel of {}: {}", camera, e.toString(), e);
            }
        }
    }

    private void drain() {
        drainQueued.set(false);
        AccessUnit unit;
        while (!closed && (unit = reader.poll()) != null) {
            if (still != null && unit.isKeyframe() && unit.pts90k() == still.pts90k()) {
                still = null;
                continue; // the still itself (the hub keeps a copy of it)
            }
            List<Chunk> chunks;
            try {
                chunks = fragmenter.accept(unit);
            } catch (UnsupportedStreamException e) {
                counters.refused().increment();
                if (!refusedLogged) {
                    LOG.warn("live video of {} cannot be packaged: {}", camera, e.getMessage());
                    refusedLogged = true;
                }
                continue;
            }
            deliver(chunks);
        }
    }

    private void startWith(AccessUnit keyframe) {
        try {
            deliver(fragmenter.startWith(keyframe));
            still = keyframe;
        } catch (UnsupportedStreamException e) {
            // The reader's first keyframe meets the same refusal, counted and logged there.
        }
    }

    private void deliver(List<Chunk> chunks) {
        for (Chunk c : chunks) {
            keep(c);
            for (LiveSink v : viewers) {
                v.send(c);
            }
        }
    }

    private void keep(Chunk c) {
        if (c.kind() == Chunk.Kind.INIT) {
            init = c;
            gop.clear();
            gopBytes = 0;
            keepingGop = false;
            return;
        }
        boolean resumed = lastCaptured != null && c.wallClock() != null
                && Duration.between(lastCaptured, c.wallClock()).compareTo(STALE_GAP) > 0;
        lastCaptured = c.wallClock();
        if (resumed && !c.keyframe()) {
            // Pictures from before the outage would start a new viewer minutes in the past: wait for a keyframe.
            gop.clear();
            gopBytes = 0;
            keepingGop = false;
            return;
        }
        if (c.keyframe()) {
            gop.clear();
            gopBytes = 0;
            keepingGop = true;
        }
        if (!keepingGop) {
            return;
        }
        if (gopBytes + c.bytes().length > MAX_GOP_BYTES) {
            gop.clear();
            gopBytes = 0;
            keepingGop = false;
            return;
        }
        gop.add(c);
        gopBytes += c.bytes().length;
    }
}
