package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.TrackInfo;
import io.xueliang.storage.fmp4.box.BoxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded range as a plain (not fragmented) MP4 for evidence: its samples start at the keyframe at or before
 * {@code from}, as they must to be decodable, and an edit list per track makes players show the range only: from the
 * frame on screen at {@code from} (less than a frame before it, see {@link RangeSelection#startOffset()}) to the end of
 * the last frame that starts before {@code to}, cut at {@code to}; gaps skipped. Players agree on the first picture
 * because the edit starts on a frame boundary.
 *
 * <pre>
 * ftyp  isom, compatible isom iso2 [avc1] mp41
 * moov  mvhd(duration = the edit's)
 *       trak  tkhd(duration = the edit's)  edts(elst: [empty edit,] media time of the frame at from, up to to)
 *             mdia(mdhd(all samples) ... stbl(stsd stts [stss] stsc stsz stco|co64))      per track
 * mdat  every sample, one chunk per source fragment and track, in source order
 * </pre>
 *
 * Plain rather than fragmented because players apply edit lists to sample tables but not to fragments: ffmpeg
 * (hence ffprobe, VLC, Chromium) drops the lead-in frames before the edit and reports the edited duration only for a
 * plain file, and players outside browsers (QuickTime, Windows) handle plain MP4 best. Every sample's size and time is
 * known from the segments' fragment heads, so the whole {@code moov} is made first and put before the data, and the
 * file plays while it downloads.
 */
public final class ExportPlan implements Mp4Plan {
    private static final long U32 = 0xffffffffL;

    private final RangeSelection selection;
    private final SplicedFile file;
    private final long presentation;

    private ExportPlan(RangeSelection selection) {
        this.selection = selection;
        List<TrackInfo> tracks = selection.tracks();
        TrackInfo video = selection.video();
        long from = selection.editStart();
        long to = Math.max(from, selection.editEnd());
        this.presentation = MovieBoxEncoder.movieTicks(to - from, video.timescale());
        List<MovieBoxEncoder.TrackTiming> timings = new ArrayList<>();
        for (TrackInfo t : tracks) {
            timings.add(timing(t, from, to, video.timescale()));
        }
        long data = 0;
        for (SelectedFragment f : selection.fragments()) {
            data += f.dataBytes();
        }
        int mdatHeader = data + 8 > U32 ? 16 : 8;
        byte[] ftyp = ftyp(video);
        // The chunk offsets depend on the size of the moov they are in: measure it, then write it with them.
        boolean wideOffsets = false;
        byte[] moov = moov(tracks, timings, 0, false);
        if (ftyp.length + moov.length + mdatHeader + data > U32) {
            wideOffsets = true;
            moov = moov(tracks, timings, 0, true);
        }
        long dataStart = ftyp.length + moov.length + mdatHeader;
        moov = moov(tracks, timings, dataStart, wideOffsets);
        BoxWriter prefix = new BoxWriter(ftyp.length + moov.length + mdatHeader);
        prefix.bytes(ftyp).bytes(moov);
        if (mdatHeader == 16) {
            prefix.u32(1).fourcc("mdat").u64(data + 16);
        } else {
            prefix.u32(data + 8).fourcc("mdat");
        }
        this.file = new SplicedFile(prefix.toByteArray(), selection, null);
    }

    /** @throws NothingRecordedException when the selection is empty */
    public static ExportPlan of(RangeSelection selection) {
        selection.requireSamples();
        return new ExportPlan(selection);
    }

    /** What a player shows: from the frame on screen at {@code from} to {@code to}, gaps skipped; in milliseconds. */
    public Duration presentationDuration() {
        return Duration.ofMillis(presentation * 1000 / MovieBoxEncoder.MOVIE_TIMESCALE);
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public void write(long from, long to, OutputStream out) throws IOException {
        file.write(from, to, out);
    }

    @Override
    public RangeSelection selection() {
        return selection;
    }

    /**
     * The edits that show the track over the video's [{@code from}, {@code to}) (video ticks, from the first
     * keyframe). A track whose samples start later than {@code from} (audio a few ms after the picture) starts with
     * an empty edit for the difference.
     */
    private MovieBoxEncoder.TrackTiming timing(TrackInfo t, long from, long to, int videoTimescale) {
        int ts = t.timescale();
        long first = selection.trackStart(t.trackId());
        long last = selection.trackEnd(t.trackId());
        long mediaDuration = last - first;
        long editFrom = Math.floorDiv(from * ts, videoTimescale);
        long editTo = Math.min(last, Math.floorDiv(to * ts, videoTimescale));
        List<Long> edits = new ArrayList<>(4);
        if (first > editFrom) {
            edits.add(MovieBoxEncoder.movieTicks(first - editFrom, ts));
            edits.add(-1L);
            editFrom = first;
        }
        if (editTo > editFrom) {
            edits.add(MovieBoxEncoder.movieTicks(editTo - editFrom, ts));
            edits.add(editFrom - first);
        }
        long trackDuration = 0;
        long[] e = new long[edits.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = edits.get(i);
            if (i % 2 == 0) {
                trackDuration += e[i];
            }
        }
        return new MovieBoxEncoder.TrackTiming(trackDuration, mediaDuration, e);
    }

    private static byte[] ftyp(TrackInfo video) {
        BoxWriter w = new BoxWriter(32);
        int ftyp = w.start("ftyp");
        w.fourcc("isom").u32(0x200).fourcc("isom").fourcc("iso2");
        if (video.sampleEntry().equals("avc1")) {
            w.fourcc("avc1");
        }
        w.fourcc("mp41");
        w.end(ftyp);
        return w.toByteArray();
    }

    private byte[] moov(List<TrackInfo> tracks, List<MovieBoxEncoder.TrackTiming> timings, long dataStart,
            boolean wideOffsets) {
        long samples = 0;
        for (TrackInfo t : tracks) {
            samples += selection.sampleCount(t.trackId());
        }
        BoxWriter w = new BoxWriter((int) Math.min(Integer.MAX_VALUE - 16, 4096 + 8 * samples
                + 24L * selection.fragmentCount()));
        long movieDuration = 0;
        for (MovieBoxEncoder.TrackTiming timing : timings) {
            movieDuration = Math.max(movieDuration, timing.trackDuration());
        }
        MovieBoxEncoder.write(w, tracks, timings, movieDuration, selection.start(),
                (b, i) -> new SampleTableEncoder(selection, tracks.get(i).trackId(), dataStart, wideOffsets).write(b),
                -1);
        return w.toByteArray();
    }
}
