package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.TrackInfo;
import io.xueliang.storage.fmp4.box.BoxWriter;
import io.xueliang.storage.fmp4.box.MediaInformationBoxes;
import java.time.Instant;
import java.util.List;

/**
 * The {@code moov} of an assembled MP4 (ISO/IEC 14496-12 §8.2-8.7): each track's header, optional edit list, media
 * header and sample descriptions copied from the source segment, with sample tables supplied by the caller (empty for
 * a fragmented file, whole for a plain one) and, for a fragmented file, an {@code mvex} with the total duration.
 *
 * <pre>
 * moov  mvhd
 *       trak  tkhd  [edts(elst)]  mdia(mdhd hdlr minf(vmhd|smhd dinf(dref(url)) stbl(stsd tables...)))   per track
 *       [mvex  mehd  trex per track]
 * </pre>
 * Versions: a 64-bit field (version 1) only where a value does not fit in 32 bits, so common files stay version 0.
 */
final class MovieBoxEncoder {
    /** Ticks per second of the movie's own times (mvhd, tkhd, elst segment durations, mehd): milliseconds. */
    static final int MOVIE_TIMESCALE = 1000;
    /** Seconds from 1904-01-01 (the MP4 epoch) to 1970-01-01. */
    private static final long MP4_EPOCH_OFFSET = 2_082_844_800L;
    private static final int[] UNITY_MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};
    private static final long U32 = 0xffffffffL;

    /**
     * How one track is timed.
     *
     * @param trackDuration in the movie timescale: the sum of its edits, or its media duration without edits
     * @param mediaDuration in the track's timescale: the sum of its samples' durations (0 in a fragmented file)
     * @param edits         {@code (segment duration in the movie timescale, media time in the track's timescale or
     *                      -1 for an empty edit)} pairs; null for no edit list
     */
    record TrackTiming(long trackDuration, long mediaDuration, long[] edits) {
    }

    /** Writes the sample tables that follow {@code stsd} in one track's {@code stbl}. */
    interface SampleTables {
        void write(BoxWriter w, int trackIndex);
    }

    private MovieBoxEncoder() {
    }

    /**
     * @param fragmentDuration the whole duration of a fragmented file for {@code mehd}, in the movie timescale; -1
     *                         for a file that is not fragmented (no {@code mvex})
     */
    static void write(BoxWriter w, List<TrackInfo> tracks, List<TrackTiming> timings, long movieDuration,
            Instant created, SampleTables tables, long fragmentDuration) {
        long time = Math.max(0, created.getEpochSecond() + MP4_EPOCH_OFFSET);
        int moov = w.start("moov");
        boolean wide = time > U32 || movieDuration > U32;
        int mvhd = w.startFull("mvhd", wide ? 1 : 0, 0);
        times(w, wide, time);
        w.u32(MOVIE_TIMESCALE);
        field(w, wide, movieDuration);
        w.u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        matrix(w);
        int nextTrack = 1;
        for (TrackInfo t : tracks) {
            nextTrack = Math.max(nextTrack, t.trackId() + 1);
        }
        w.zeros(24).u32(nextTrack); // pre_defined, next_track_ID
        w.end(mvhd);
        for (int i = 0; i < tracks.size(); i++) {
            writeTrack(w, tracks.get(i), timings.get(i), time, tables, i);
        }
        if (fragmentDuration >= 0) {
            int mvex = w.start("mvex");
            boolean wideMehd = fragmentDuration > U32;
            int mehd = w.startFull("mehd", wideMehd ? 1 : 0, 0);
            field(w, wideMehd, fragmentDuration);
            w.end(mehd);
            for (TrackInfo t : tracks) {
                int trex = w.startFull("trex", 0, 0);
                // track, sample description 1; every sample's duration, size and flags are in its trun
                w.u32(t.trackId()).u32(1).u32(0).u32(0).u32(0);
                w.end(trex);
            }
            w.end(mvex);
        }
        w.end(moov);
    }

    private static void writeTrack(BoxWriter w, TrackInfo t, TrackTiming timing, long time, SampleTables tables,
            int index) {
        boolean video = t.isVideo();
        int trak = w.start("trak");
        boolean wide = time > U32 || timing.trackDuration() > U32;
        int tkhd = w.startFull("tkhd", wide ? 1 : 0, 0x3); // enabled, in movie
        times(w, wide, time);
        w.u32(t.trackId()).u32(0); // track_ID, reserved
        field(w, wide, timing.trackDuration());
        w.zeros(8).u16(0).u16(video ? 0 : 1); // reserved, layer, alternate_group
        w.u16(video ? 0 : 0x0100).u16(0); // volume, reserved
        matrix(w);
        w.u32(t.width()).u32(t.height());
        w.end(tkhd);

        if (timing.edits() != null) {
            writeEdits(w, timing.edits());
        }

        int mdia = w.start("mdia");
        boolean wideMedia = time > U32 || timing.mediaDuration() > U32;
        int mdhd = w.startFull("mdhd", wideMedia ? 1 : 0, 0);
        times(w, wideMedia, time);
        w.u32(t.timescale());
        field(w, wideMedia, timing.mediaDuration());
        w.u16(0x55c4).u16(0); // language "und", pre_defined
        w.end(mdhd);
        int minf = MediaInformationBoxes.handlerAndMediaInformation(w, video, t.handler());

        int stbl = w.start("stbl");
        int stsd = w.start("stsd");
        w.bytes(t.descriptions());
        w.end(stsd);
        tables.write(w, index);
        w.end(stbl);
        w.end(minf);
        w.end(mdia);
        w.end(trak);
    }

    private static void writeEdits(BoxWriter w, long[] edits) {
        boolean wide = false;
        for (int i = 0; i < edits.length; i += 2) {
            wide |= edits[i] > U32 || edits[i + 1] > Integer.MAX_VALUE;
        }
        int edts = w.start("edts");
        int elst = w.startFull("elst", wide ? 1 : 0, 0);
        w.u32(edits.length / 2);
        for (int i = 0; i < edits.length; i += 2) {
            field(w, wide, edits[i]);
            field(w, wide, edits[i + 1] < 0 ? (wide ? -1L : U32) : edits[i + 1]);
            w.u16(1).u16(0); // media_rate 1.0
        }
        w.end(elst);
        w.end(edts);
    }

    /** Sample tables with no entries: the samples are in the fragments. */
    static void writeEmptyTables(BoxWriter w) {
        for (String type : new String[] {"stts", "stsc"}) {
            int b = w.startFull(type, 0, 0);
            w.u32(0);
            w.end(b);
        }
        int stsz = w.startFull("stsz", 0, 0);
        w.u32(0).u32(0); // sample_size, sample_count
        w.end(stsz);
        int stco = w.startFull("stco", 0, 0);
        w.u32(0);
        w.end(stco);
    }

    private static void times(BoxWriter w, boolean wide, long time) {
        field(w, wide, time); // creation
        field(w, wide, time); // modification
    }

    private static void field(BoxWriter w, boolean wide, long v) {
        if (wide) {
            w.u64(v);
        } else {
            w.u32(v & U32);
        }
    }

    private static void matrix(BoxWriter w) {
        for (int v : UNITY_MATRIX) {
            w.u32(v & U32);
        }
    }

    /** {@code ticks} of {@code timescale} in the movie timescale, rounded to nearest. */
    static long movieTicks(long ticks, int timescale) {
        return Math.floorDiv(2 * ticks * MOVIE_TIMESCALE + timescale, 2L * timescale);
    }
}
