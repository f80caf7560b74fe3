package io.xueliang.storage.fmp4;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.StreamDescription;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Writes one segment file of one camera: the init segment when created, then a fragment ({@code prft}, {@code moof},
 * {@code mdat}) each time one completes, so a crash loses at most the open fragment (see {@link Fmp4SegmentRepair}).
 *
 * <p>Fragments close at every video keyframe and before they would exceed {@link Fmp4WriterSettings}' duration, size
 * or sample limits: one GOP or 1 s of video at most. Audio goes into the fragment that is open when it arrives. Sample durations are true pts differences: each track holds its newest
 * unit until the next one arrives. The last unit of each track, when the segment is finished, takes the duration of
 * the one before it. Media time 0 is the first video frame's pts; decode time equals presentation time (cameras do not
 * send B-frames, and an {@link AccessUnit} has only a pts, so a stream whose pts goes back is refused).
 *
 * <p>Video samples are copied into the camera's {@link FragmentBuffer} (off the heap) as they join the fragment, and
 * a fragment is written from there in one gathering call; with {@link Fmp4WriterSettings#directIo()} the file is
 * written with {@code O_DIRECT}, every write starting and ending on a 4 KiB boundary (a filler inside the {@code mdat}
 * before the samples, a {@code free} box after them), so the video never passes through the page cache.
 *
 * <p>The writer refuses ({@link UnitRejectedException}) a unit whose {@link StreamDescription} differs from the one
 * the segment was opened with, and leaves it to the recorder to start a new segment. Not thread-safe: one thread per
 * camera. Everything here blocks on the disk: never call it on an event loop.
 */
public final class Fmp4SegmentWriter implements AutoCloseable {
    /**
     * Lifecycle: OPEN takes units; COMPLETE has written its last fragment and waits for {@link #closeDurably()};
     * FINISHED and ABANDONED are final; FAILED (a write failed) only closes.
     */
    public enum State { OPEN, COMPLETE, FINISHED, ABANDONED, FAILED }

    private final Path file;
    private final CameraId camera;
    private final SegmentTracks tracks;
    private final Fmp4WriterSettings settings;
    private final FragmentListener listener;
    private final SegmentFile channel;
    private final FragmentBuffer buffer;
    private final MessageDigest sha256;
    private final TrackBuffer video;
    private final TrackBuffer audio;
    private final long maxFragmentVideoTicks;
    private final long maxFragmentAudioTicks;

    private State state = State.OPEN;
    private long origin;
    private boolean started;
    private Instant wallClockStart;
    private int sequence;
    private long audioDropped;
    private SegmentSummary summary;

    private Fmp4SegmentWriter(Path file, CameraId camera, SegmentTracks tracks, Fmp4WriterSettings settings,
            FragmentListener listener, SegmentFile channel, FragmentBuffer buffer) {
        this.file = file;
        this.camera = camera;
        this.tracks = tracks;
        this.settings = settings;
        this.listener = listener;
        this.channel = channel;
        this.buffer = buffer;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        this.video = new TrackBuffer(SegmentTracks.VIDEO_TRACK_ID, tracks.timescale(true), tracks.video());
        this.audio = tracks.hasAudio()
                ? new TrackBuffer(SegmentTracks.AUDIO_TRACK_ID, tracks.timescale(false), tracks.audio()) : null;
        this.maxFragmentVideoTicks = Fmp4WriterSettings.ticks(settings.maxFragmentDuration(), video.timescale);
        // Audio follows the video's fragments, starting up to a frame earlier (each track holds one unit back), so it
        // may run a little past the limit; only when the pictures stop does audio close a fragment by itself.
        this.maxFragmentAudioTicks = audio == null ? 0
                : 2 * Fmp4WriterSettings.ticks(settings.maxFragmentDuration(), audio.timescale);
    }

    /**
     * Creates {@code file} (which must not exist) and writes the init segment, with a buffer of its own.
     *
     * @param created the init segment's creation time; the recorder passes its clock's now
     * @throws UnsupportedStreamException when a track cannot be described in a sample entry
     */
    public static Fmp4SegmentWriter create(Path file, CameraId camera, SegmentTracks tracks, Instant created,
            Fmp4WriterSettings settings, FragmentListener listener) throws IOException {
        return create(file, camera, tracks, created, settings, new FragmentBuffer(), listener);
    }

    /**
     * Creates {@code file} (which must not exist) and writes the init segment. A file that could not be created
     * whole (the disk full, say) is removed before the exception leaves.
     *
     * @param buffer the camera's fragment memory, reused by its successive writers: the one writing now owns it
     * @param created the init segment's creation time; the recorder passes its clock's now
     * @throws UnsupportedStreamException when a track cannot be described in a sample entry
     */
    public static Fmp4SegmentWriter create(Path file, CameraId camera, SegmentTracks tracks, Instant created,
            Fmp4WriterSettings settings, FragmentBuffer buffer, FragmentListener listener) throws IOException {
        try {
            return open(file, camera, tracks, created, settings, buffer, listener);
        } catch (IOException e) {
            // A file system that takes O_DIRECT at open but refuses the write itself: once more through the page cache.
            if (!settings.directIo() || e.getMessage() == null || !e.getMessage().contains("Invalid argument")) {
                throw e;
            }
            SegmentFile.refusedDirectWrite(file, e);
            return open(file, camera, tracks, created, settings.withDirectIo(false), buffer, listener);
        }
    }

    private static Fmp4SegmentWriter open(Path file, CameraId camera, SegmentTracks tracks, Instant created,
            Fmp4WriterSettings settings, FragmentBuffer buffer, FragmentListener listener) throws IOException {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(listener, "listener");
        byte[] init = InitSegmentEncoder.encode(tracks, created);
        SegmentFile channel = SegmentFile.create(file, settings.directIo());
        Fmp4SegmentWriter writer = new Fmp4SegmentWriter(file, camera, tracks, settings, listener, channel, buffer);
        try {
            writer.write(buffer.whole(init, channel.direct()));
            if (settings.forceEachFragment()) {
                channel.force(false);
            }
        } catch (IOException | RuntimeException e) {
            writer.state = State.FAILED;
            channel.close();
            try {
                Files.deleteIfExists(file); // nothing of it is worth keeping, and an empty file reads as no MP4
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        buffer.begin(0);
        return writer;
    }

    /**
     * Adds one access unit of the segment's camera. A fragment the unit completes is written (and the listener told)
     * before this returns.
     *
     * @throws UnitRejectedException when the unit cannot join this segment; nothing was written
     * @throws IOException when the disk write failed; the writer is then {@link State#FAILED}
     */
    public void append(AccessUnit unit) throws IOException {
        requireState(State.OPEN);
        TrackBuffer track = trackOf(unit);
        if (unit.size() > settings.maxSampleBytes()) {
            throw new UnitRejectedException(UnitRejectedException.Reason.SAMPLE_TOO_LARGE, unit,
                    unit.size() + " bytes, limit " + settings.maxSampleBytes());
        }
        if (!started) {
            if (!track.video) {
                audioDropped++;
                return;
            }
            if (!unit.isKeyframe()) {
                throw new UnitRejectedException(UnitRejectedException.Reason.FIRST_UNIT_NOT_KEYFRAME, unit,
                        "a segment starts with a video keyframe");
            }
            started = true;
            origin = unit.pts90k();
            wallClockStart = unit.wallClock();
        }
        long decodeTime = track.decodeTime(unit.pts90k(), origin);
        if (!track.video && decodeTime < 0) {
            audioDropped++;
            return;
        }
        int duration = track.pending() == null ? 0 : durationUntil(track, unit, decodeTime);
        try {
            if (duration > 0) {
                commit(track, duration);
            }
            if (track.video && unit.isKeyframe()) {
                flush();
            }
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        track.hold(unit, decodeTime);
    }

    /** The pending unit's duration, now that the next unit of its track has come; refuses a step back or a jump. */
    private int durationUntil(TrackBuffer track, AccessUnit unit, long decodeTime) {
        long duration = decodeTime - track.pendingDecodeTime();
        if (duration <= 0) {
            throw new UnitRejectedException(UnitRejectedException.Reason.TIMESTAMP_NOT_INCREASING, unit,
                    "previous unit of the track at " + track.pendingDecodeTime() + ", this one at " + decodeTime
                            + " (1/" + track.timescale + " s)");
        }
        if (duration > Fmp4WriterSettings.ticks(settings.maxTimestampStep(), track.timescale)) {
            throw new UnitRejectedException(UnitRejectedException.Reason.TIMESTAMP_JUMP, unit,
                    "step of " + duration + "/" + track.timescale + " s, limit " + settings.maxTimestampStep());
        }
        return (int) duration;
    }

    /**
     * Writes the last fragment, forces the file to disk and closes it: {@link #complete()} then {@link #closeDurably()}.
     *
     * @return what a recorder indexes; the same summary on later calls
     */
    public SegmentSummary finish() throws IOException {
        if (state == State.FINISHED) {
            return summary;
        }
        if (state == State.OPEN) {
            complete();
        }
        closeDurably();
        return summary;
    }

    /**
     * Writes the last fragment and sums the file up, but leaves forcing it to disk and closing it to
     * {@link #closeDurably()}: the file is whole and its summary final, and the sync, which can take from milliseconds
     * to seconds while the disk is busy, can run on another thread than the one writing the next segment.
     *
     * @return what a recorder indexes once the file is closed
     */
    public SegmentSummary complete() throws IOException {
        if (state == State.COMPLETE) {
            return summary;
        }
        requireState(State.OPEN);
        try {
            for (TrackBuffer t : trackList()) {
                if (t.pending() != null) {
                    commit(t, t.closingDuration());
                }
            }
            flush();
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            channel.close();
            throw e;
        }
        state = State.COMPLETE;
        long mediaEnd = mediaEnd();
        Instant start = wallClockStart;
        Instant end = start == null ? null : start.plusNanos(mediaEnd * 1_000_000_000L / SegmentTracks.VIDEO_TIMESCALE);
        summary = new SegmentSummary(file, camera, tracks.video().codec(),
                audio == null ? null : tracks.audio().codec(), started ? origin : 0, mediaEnd, start, end,
                channel.size(),
                video.frames(), audio == null ? 0 : audio.frames(), sequence, audioDropped,
                HexFormat.of().formatHex(sha256.digest()));
        return summary;
    }

    /**
     * Forces a {@link #complete() completed} file to disk and closes it. The writer is not touched otherwise, so this
     * may run on another thread than the one that completed it, once that one has let go of the writer.
     */
    public void closeDurably() throws IOException {
        if (state == State.FINISHED) {
            return;
        }
        requireState(State.COMPLETE);
        try {
            channel.force(true);
            channel.close();
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            channel.close();
            throw e;
        }
        state = State.FINISHED;
    }

    /**
     * Closes the file as it is, without the open fragment and without a summary: what a crash would leave, ready for
     * {@link Fmp4SegmentRepair}. For a recorder giving up on a failed disk, and for tests.
     */
    public void abandon() throws IOException {
        if (state == State.FINISHED || state == State.ABANDONED) {
            return;
        }
        state = State.ABANDONED;
        channel.close();
    }

    /** Finishes the segment if it is still open or completed; after a failed write only closes the file. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN || state == State.COMPLETE) {
            finish();
        } else if (state == State.FAILED) {
            channel.close();
        }
    }

    public State state() {
        return state;
    }

    public Path file() {
        return file;
    }

    public SegmentTracks tracks() {
        return tracks;
    }

    /** Bytes in the file so far: everything up to here survives a crash. */
    public long bytesWritten() {
        return channel.size();
    }

    /** Video frames in complete fragments so far. */
    public long videoFramesWritten() {
        return video.frames() - video.samples();
    }

    /** The file is written with {@code O_DIRECT} (see {@link Fmp4WriterSettings#directIo()}). */
    public boolean directIo() {
        return channel.direct();
    }

    private TrackBuffer trackOf(AccessUnit unit) {
        if (!unit.camera().equals(camera)) {
            throw new UnitRejectedException(UnitRejectedException.Reason.NO_SUCH_TRACK, unit,
                    "segment of camera " + camera);
        }
        TrackBuffer track = unit.isVideo() ? video : audio;
        if (track == null) {
            throw new UnitRejectedException(UnitRejectedException.Reason.NO_SUCH_TRACK, unit,
                    "segment opened without audio");
        }
        if (!track.description.equals(unit.description())) {
            throw new UnitRejectedException(UnitRejectedException.Reason.DESCRIPTION_CHANGED, unit,
                    "segment opened with " + track.description + ", unit has " + unit.description());
        }
        return track;
    }

    /** Moves the track's pending unit into the open fragment, first writing the fragment if it would overflow. */
    private void commit(TrackBuffer track, int duration) throws IOException {
        long maxTicks = track.video ? maxFragmentVideoTicks : maxFragmentAudioTicks;
        long open = openFragmentBytes();
        if (track.wouldOverflow(duration, maxTicks, settings.maxFragmentSamples())
                || open > 0 && open + track.pending().size() > settings.maxFragmentBytes()) {
            flush();
        }
        track.commitPending(duration, buffer);
    }

    private long openFragmentBytes() {
        return video.fragmentBytes() + (audio == null ? 0 : audio.fragmentBytes());
    }

    /** Writes the open fragment, if it has any sample. */
    private void flush() throws IOException {
        List<TrackRun> runs = new ArrayList<>(2);
        List<TrackBuffer> filled = new ArrayList<>(2);
        for (TrackBuffer t : trackList()) {
            if (t.hasSamples()) {
                runs.add(t.run());
                filled.add(t);
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        TrackBuffer reference = filled.get(0);
        int seq = sequence + 1;
        ProducerReference prft = new ProducerReference(reference.trackId, reference.firstWallClock(),
                reference.firstDecodeTime());
        // Video bytes are in the buffer already (a fragment with samples always has its video first); audio follows.
        for (TrackBuffer t : filled) {
            for (AccessUnit u : t.heldPayloads()) {
                buffer.putSample(u.payload());
            }
        }
        byte[] head = MovieFragmentEncoder.encode(seq, prft, runs, 0);
        int filler = buffer.fillerFor(head.length, channel.direct());
        if (filler > 0) {
            head = MovieFragmentEncoder.encode(seq, prft, runs, filler);
        }
        long offset = channel.size();
        write(buffer.fragment(head, filler, channel.direct()));
        if (settings.forceEachFragment()) {
            channel.force(false);
        }
        sequence = seq;
        long mediaStart = Long.MAX_VALUE;
        long mediaEnd = 0;
        int samples = 0;
        for (TrackBuffer t : filled) {
            mediaStart = Math.min(mediaStart, t.to90k(t.firstDecodeTime()));
            mediaEnd = Math.max(mediaEnd, t.to90k(t.endDecodeTime()));
            samples += t.samples();
        }
        int videoFrames = video.samples();
        int audioFrames = audio == null ? 0 : audio.samples();
        FragmentWritten written = new FragmentWritten(seq, offset, channel.size() - offset, mediaStart, mediaEnd,
                reference.firstWallClock(), videoFrames, audioFrames, video.startsWithKeyframe(), channel.size(),
                video.frames());
        for (TrackBuffer t : filled) {
            t.clearFragment();
        }
        buffer.begin(MovieFragmentEncoder.headBytes(filled.size(), samples + HEAD_ESTIMATE_SLACK));
        listener.fragmentWritten(written);
    }

    /** Samples beyond the last fragment's count that the next one's head is laid out for (12 bytes each). */
    private static final int HEAD_ESTIMATE_SLACK = 8;

    private void write(ByteBuffer[] bytes) throws IOException {
        for (ByteBuffer b : bytes) {
            sha256.update(b.duplicate());
        }
        channel.append(bytes);
    }

    private long mediaEnd() {
        long end = video.to90k(video.endDecodeTime());
        if (audio != null && audio.frames() > 0) {
            end = Math.max(end, audio.to90k(audio.endDecodeTime()));
        }
        return end;
    }

    private List<TrackBuffer> trackList() {
        return audio == null ? List.of(video) : List.of(video, audio);
    }

    private void requireState(State wanted) {
        if (state != wanted) {
            throw new IllegalStateException("segment " + file + " is " + state + ", not " + wanted);
        }
    }
}
