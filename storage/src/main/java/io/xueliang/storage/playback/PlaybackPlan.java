package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.TrackInfo;
import io.xueliang.storage.fmp4.box.BoxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded range as one fragmented MP4 for a browser's {@code <video>}: an init segment, a segment index and the
 * selected fragments with continuous decode times and sequence numbers from 1.
 *
 * <pre>
 * ftyp  iso6, compatible iso6 isom dash
 * moov  mvhd  trak per track (empty sample tables)  mvex(mehd: whole duration, trex per track)
 * sidx  video track, 90 kHz: one reference per fragment (size, duration, starts-with-SAP, SAP type 1, SAP delta)
 * prft moof mdat   per fragment
 * </pre>
 *
 * The {@code sidx} lets a player seek by time with one range request; the duration is in {@code mehd}. Media time 0 is
 * the keyframe at or before the asked {@code from}, {@link RangeSelection#startOffset()} after it is {@code from}
 * itself, and the gaps skipped are in {@link RangeSelection#gaps()}, for the HTTP layer to put in a header. No edit
 * list: browsers ignore them in fragmented files. Each fragment keeps a {@code prft} with its wall clock.
 */
public final class PlaybackPlan implements Mp4Plan {
    private final RangeSelection selection;
    private final SplicedFile file;

    private PlaybackPlan(RangeSelection selection) {
        this.selection = selection;
        List<SelectedFragment> fragments = selection.fragments();
        if (fragments.size() > RangeSettings.SIDX_MAX_REFERENCES) {
            throw new IllegalArgumentException(fragments.size() + " fragments, a sidx holds 65535");
        }
        BoxWriter w = new BoxWriter(4096 + 12 * fragments.size());
        int ftyp = w.start("ftyp");
        w.fourcc("iso6").u32(0).fourcc("iso6").fourcc("isom").fourcc("dash");
        w.end(ftyp);
        List<TrackInfo> tracks = selection.tracks();
        List<MovieBoxEncoder.TrackTiming> timings = new ArrayList<>();
        long total = 0;
        for (TrackInfo t : tracks) {
            timings.add(new MovieBoxEncoder.TrackTiming(0, 0, null));
            total = Math.max(total, MovieBoxEncoder.movieTicks(selection.trackEnd(t.trackId()), t.timescale()));
        }
        MovieBoxEncoder.write(w, tracks, timings, 0, selection.start(), (b, i) -> MovieBoxEncoder.writeEmptyTables(b),
                total);
        writeSegmentIndex(w);
        this.file = new SplicedFile(w.toByteArray(), selection, new SplicedFile.Heads() {
            @Override
            public int length(int fragment) {
                return FragmentHeadEncoder.length(fragments.get(fragment));
            }

            @Override
            public byte[] encode(int fragment) {
                return FragmentHeadEncoder.encode(fragments.get(fragment), fragment + 1L);
            }
        });
    }

    /** @throws NothingRecordedException when the selection is empty */
    public static PlaybackPlan of(RangeSelection selection) {
        selection.requireSamples();
        return new PlaybackPlan(selection);
    }

    /**
     * {@code sidx} (ISO/IEC 14496-12 §8.16.3) on the video track: the fragments follow it directly (first_offset 0)
     * and each reference is one fragment, {@code prft} to the end of its {@code mdat}.
     */
    private void writeSegmentIndex(BoxWriter w) {
        List<SelectedFragment> fragments = selection.fragments();
        TrackInfo video = selection.video();
        int id = video.trackId();
        long earliest = selection.trackStart(id);
        boolean wide = earliest > 0xffffffffL;
        int sidx = w.startFull("sidx", wide ? 1 : 0, 0);
        w.u32(id).u32(video.timescale());
        if (wide) {
            w.u64(earliest).u64(0);
        } else {
            w.u32(earliest).u32(0);
        }
        w.u16(0).u16(fragments.size());
        for (SelectedFragment f : fragments) {
            long size = FragmentHeadEncoder.length(f) + f.dataBytes();
            if (size > 0x7fffffffL) {
                throw new IllegalArgumentException("a fragment of " + size + " bytes does not fit a sidx reference");
            }
            long duration = f.duration(id);
            // The first video sample, a keyframe except where a segment does not start with one.
            SelectedRun first = f.firstRun(id);
            boolean startsWithSap = first != null && first.sync(0);
            long sapDelta = 0;
            int sapType = 0;
            long t = 0;
            search:
            for (SelectedRun run : f.runs()) {
                for (int i = 0; run.trackId == id && i < run.count(); i++) {
                    if (run.sync(i)) {
                        sapType = 1; // a keyframe without leading pictures: IDR, or a CRA with no B-frames before it
                        sapDelta = t;
                        break search;
                    }
                    t += run.duration(i);
                }
            }
            w.u32(size); // reference_type 0: media
            w.u32(duration);
            w.u32((startsWithSap ? 1L << 31 : 0) | (long) sapType << 28 | Math.min(sapDelta, 0x0fffffff));
        }
        w.end(sidx);
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

    /** Where fragment {@code i} (from 0) starts in the file. */
    long fragmentOffset(int i) {
        return file.fragmentOffset(i);
    }
}
