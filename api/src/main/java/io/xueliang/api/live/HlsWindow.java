package io.xueliang.api.live;

import io.xueliang.storage.fmp4.LiveFragmenter.Chunk;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A camera's live video as Low-Latency HLS (RFC 8216bis with partial segments): the channel's fragments, as they come,
 * grouped into parts of at most {@link #PART_TARGET_S} (one picture a fragment, so a part is a handful of pictures)
 * and segments that start at a keyframe once the last has run {@link #MIN_SEGMENT_S}; the last
 * {@link #SEGMENTS_KEPT} segments are kept. Nothing is decoded: the parts are the WebSocket's fragments put side by
 * side (CMAF chunks). A request may wait for a part that is not there yet ({@link #whenReady}: blocking playlist
 * reload). Fed on the channel's thread, read from the event loops: every method is synchronized.
 */
final class HlsWindow implements LiveSink {
    /**
     * Parts last at most this: a player holds three of them back from the live edge (PART-HOLD-BACK), so the part
     * target is most of LL-HLS's latency.
     */
    static final double PART_TARGET_S = 0.3;
    /** A part closes once it lasts this long: 5 pictures at 25 fps. */
    static final double PART_MIN_S = 0.2;
    static final double MIN_SEGMENT_S = 1.0;
    static final int SEGMENTS_KEPT = 6;
    /** Segments whose parts the playlist lists (the rest by their whole segment only). */
    static final int SEGMENTS_WITH_PARTS = 2;
    /** Waiters at most (blocking reloads held): beyond, a reload is answered at once. */
    static final int MAX_WAITERS = 1_000;
    /**
     * The target duration at least: it must not change while a player follows the playlist, and a segment runs to
     * the keyframe after {@link #MIN_SEGMENT_S}, a GOP (1-4 s on most cameras).
     */
    static final int MIN_TARGET_S = 4;
    private static final double TIMESCALE = 90_000.0;

    /** A finished part. */
    record Part(byte[] bytes, double duration, boolean independent) { }

    private static final class Segment {
        final long msn;
        final int initVersion;
        final boolean discontinuity;
        final Instant captured;
        final List<Part> parts = new ArrayList<>();
        final ByteArrayOutputStream open = new ByteArrayOutputStream();
        double openDuration;
        boolean openIndependent;
        double duration;
        byte[] whole;

        Segment(long msn, int initVersion, boolean discontinuity, Instant captured) {
            this.msn = msn;
            this.initVersion = initVersion;
            this.discontinuity = discontinuity;
            this.captured = captured;
        }
    }

    private record Waiter(long msn, int part, Runnable ready) { }

    private final Deque<Segment> segments = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private byte[] init;
    private int initVersion;
    private boolean newInit;
    private long nextMsn;
    private int discontinuities;
    /** The longest segment so far, whole seconds up: the target duration only ever grows. */
    private long target = MIN_TARGET_S;
    private volatile long lastAccessNanos = System.nanoTime();

    @Override
    public synchronized void send(Chunk chunk) {
        if (chunk.kind() == Chunk.Kind.INIT) {
            init = chunk.bytes();
            initVersion++;
            newInit = true;
            closeSegment();
            return;
        }
        Segment current = segments.peekLast();
        boolean open = current != null && current.whole == null;
        if (!open && !chunk.keyframe()) {
            return; // a segment starts at a keyframe
        }
        if (chunk.keyframe() && (!open || current.duration + current.openDuration >= MIN_SEGMENT_S)) {
            closeSegment();
            current = new Segment(nextMsn++, initVersion, newInit && !segments.isEmpty(), chunk.wallClock());
            newInit = false;
            segments.addLast(current);
            while (segments.size() > SEGMENTS_KEPT + 1) {
                if (segments.removeFirst().discontinuity) {
                    discontinuities++;
                }
            }
        }
        double d = chunk.duration() / TIMESCALE;
        if (current.open.size() > 0 && current.openDuration + d > PART_TARGET_S) {
            closePart(current);
        }
        if (current.open.size() == 0) {
            current.openIndependent = chunk.keyframe();
        }
        current.open.writeBytes(chunk.bytes());
        current.openDuration += d;
        if (current.openDuration >= PART_MIN_S) {
            closePart(current);
        }
    }

    private void closePart(Segment s) {
        if (s.open.size() == 0) {
            return;
        }
        s.parts.add(new Part(s.open.toByteArray(), s.openDuration, s.openIndependent));
        s.duration += s.openDuration;
        s.open.reset();
        s.openDuration = 0;
        wake();
    }

    private void closeSegment() {
        Segment s = segments.peekLast();
        if (s == null || s.whole != null) {
            return;
        }
        closePart(s);
        if (s.parts.isEmpty()) {
            segments.removeLast();
            nextMsn--;
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        s.parts.forEach(p -> all.writeBytes(p.bytes()));
        s.whole = all.toByteArray();
        wake();
    }

    private void wake() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (has(w.msn(), w.part())) {
                it.remove();
                w.ready().run();
            }
        }
    }

    /** Whether the window has part {@code part} of segment {@code msn} or a later one (part -1: the segment whole). */
    synchronized boolean has(long msn, int part) {
        Segment last = segments.peekLast();
        if (last == null) {
            return false;
        }
        if (last.msn > msn) {
            return true;
        }
        if (last.msn < msn) {
            return false;
        }
        return part < 0 ? last.whole != null : last.parts.size() > part;
    }

    /**
     * Runs {@code ready} (on the channel's thread, or at once) when {@link #has} holds; false when too many wait
     * already (the caller answers at once).
     */
    synchronized boolean whenReady(long msn, int part, Runnable ready) {
        if (has(msn, part)) {
            ready.run();
            return true;
        }
        if (waiters.size() >= MAX_WAITERS) {
            return false;
        }
        waiters.add(new Waiter(msn, part, ready));
        return true;
    }

    /** Drops a waiter {@link #whenReady registered} that was answered otherwise (its request timed out). */
    synchronized void forget(Runnable ready) {
        waiters.removeIf(w -> w.ready() == ready);
    }

    /** The next media sequence number: a reload asking beyond it by more than two is refused (RFC 8216bis §6.2.5.2). */
    synchronized long nextSequence() {
        Segment last = segments.peekLast();
        return last == null ? nextMsn : last.msn + 1;
    }

    synchronized Optional<byte[]> init(int version) {
        return version == initVersion && init != null ? Optional.of(init) : Optional.empty();
    }

    synchronized Optional<byte[]> segment(long msn) {
        return find(msn).map(s -> s.whole);
    }

    synchronized Optional<byte[]> part(long msn, int index) {
        return find(msn).filter(s -> index < s.parts.size()).map(s -> s.parts.get(index).bytes());
    }

    private Optional<Segment> find(long msn) {
        return segments.stream().filter(s -> s.msn == msn).findFirst();
    }

    /** Marks a request: a window nobody asks for is closed by its channels. */
    void touch() {
        lastAccessNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastAccessNanos;
    }

    /**
     * The media playlist, each URI (relative: {@code init1.mp4}, {@code s12.m4s}, {@code s12.3.m4s}) passed through
     * {@code sign} (which adds the ticket), or empty before the first part.
     */
    synchronized Optional<String> playlist(UnaryOperator<String> sign) {
        List<Segment> listed = segments.stream().filter(s -> !s.parts.isEmpty()).toList();
        if (listed.isEmpty() || init == null) {
            return Optional.empty();
        }
        double longest = listed.stream().mapToDouble(s -> s.duration).max().orElse(1);
        target = Math.max(target, (long) Math.ceil(longest));
        StringBuilder m = new StringBuilder(4096);
        m.append("#EXTM3U\n#EXT-X-VERSION:9\n");
        m.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        m.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=")
                .append(decimal(3 * PART_TARGET_S)).append('\n');
        m.append("#EXT-X-PART-INF:PART-TARGET=").append(decimal(PART_TARGET_S)).append('\n');
        m.append("#EXT-X-MEDIA-SEQUENCE:").append(listed.getFirst().msn).append('\n');
        m.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuities).append('\n');
        int mapped = -1;
        for (int i = 0; i < listed.size(); i++) {
            Segment s = listed.get(i);
            if (s.discontinuity && i > 0) {
                m.append("#EXT-X-DISCONTINUITY\n");
            }
            if (s.initVersion != mapped) {
                m.append("#EXT-X-MAP:URI=\"").append(sign.apply("init" + s.initVersion + ".mp4")).append("\"\n");
                mapped = s.initVersion;
            }
            m.append("#EXT-X-PROGRAM-DATE-TIME:").append(s.captured.truncatedTo(ChronoUnit.MILLIS)).append('\n');
            if (i >= listed.size() - SEGMENTS_WITH_PARTS - 1) {
                for (int p = 0; p < s.parts.size(); p++) {
                    Part part = s.parts.get(p);
                    m.append("#EXT-X-PART:DURATION=").append(decimal(part.duration())).append(",URI=\"")
                            .append(sign.apply("s" + s.msn + "." + p + ".m4s")).append('"')
                            .append(part.independent() ? ",INDEPENDENT=YES" : "").append('\n');
                }
            }
            if (s.whole != null) {
                m.append("#EXTINF:").append(decimal(s.duration)).append(",\n").append(sign.apply("s" + s.msn + ".m4s"))
                        .append('\n');
            }
        }
        return Optional.of(m.toString());
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
