package io.xueliang.storage.fmp4;

import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.box.BoxWriter;
import io.xueliang.storage.fmp4.box.MediaInformationBoxes;
import java.time.Instant;

/**
 * The init segment: {@code ftyp} and a {@code moov} whose tracks have empty sample tables (every sample lives in
 * the fragments) and an {@code mvex} announcing fragments (ISO/IEC 14496-12 §8.8.1).
 *
 * <pre>
 * ftyp  iso6, compatible iso6 cmfc isom
 * moov  mvhd
 *       trak  tkhd  mdia(mdhd hdlr minf(vmhd|smhd dinf(dref(url)) stbl(stsd stts stsc stsz stco)))   per track
 *       mvex  trex per track
 * </pre>
 */
final class InitSegmentEncoder {
    /** Seconds from 1904-01-01 (the MP4 epoch) to 1970-01-01. */
    private static final long MP4_EPOCH_OFFSET = 2_082_844_800L;
    private static final int[] UNITY_MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

    private InitSegmentEncoder() {
    }

    /** @param created when the segment starts; becomes the creation time of the movie and its tracks */
    static byte[] encode(SegmentTracks tracks, Instant created) {
        BoxWriter w = new BoxWriter(1024);
        int ftyp = w.start("ftyp");
        w.fourcc("iso6").u32(0).fourcc("iso6").fourcc("cmfc").fourcc("isom");
        w.end(ftyp);

        long time = Math.max(0, created.getEpochSecond() + MP4_EPOCH_OFFSET) & 0xffffffffL;
        int moov = w.start("moov");
        int mvhd = w.startFull("mvhd", 0, 0);
        w.u32(time).u32(time).u32(1000).u32(0); // creation, modification, timescale, duration (fragmented)
        w.u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        matrix(w);
        w.zeros(24).u32(tracks.hasAudio() ? 3 : 2); // pre_defined, next_track_ID
        w.end(mvhd);
        writeTrack(w, tracks.video(), SegmentTracks.VIDEO_TRACK_ID, tracks.timescale(true), time);
        if (tracks.hasAudio()) {
            writeTrack(w, tracks.audio(), SegmentTracks.AUDIO_TRACK_ID, tracks.timescale(false), time);
        }
        int mvex = w.start("mvex");
        writeTrex(w, SegmentTracks.VIDEO_TRACK_ID);
        if (tracks.hasAudio()) {
            writeTrex(w, SegmentTracks.AUDIO_TRACK_ID);
        }
        w.end(mvex);
        w.end(moov);
        return w.toByteArray();
    }

    private static void writeTrack(BoxWriter w, StreamDescription d, int trackId, int timescale, long time) {
        boolean video = d.codec().isVideo();
        int trak = w.start("trak");
        int tkhd = w.startFull("tkhd", 0, 0x3); // enabled, in movie
        w.u32(time).u32(time).u32(trackId).u32(0).u32(0); // creation, modification, track_ID, reserved, duration
        w.zeros(8).u16(0).u16(video ? 0 : 1); // reserved, layer, alternate_group
        w.u16(video ? 0 : 0x0100).u16(0); // volume, reserved
        matrix(w);
        w.u32(video ? (long) d.width() << 16 : 0).u32(video ? (long) d.height() << 16 : 0);
        w.end(tkhd);

        int mdia = w.start("mdia");
        int mdhd = w.startFull("mdhd", 0, 0);
        w.u32(time).u32(time).u32(timescale).u32(0);
        w.u16(0x55c4).u16(0); // language "und", pre_defined
        w.end(mdhd);
        int minf = MediaInformationBoxes.handlerAndMediaInformation(w, video, video ? "vide" : "soun");

        int stbl = w.start("stbl");
        int stsd = w.startFull("stsd", 0, 0);
        w.u32(1);
        if (video) {
            SampleEntryEncoder.writeVideo(w, d);
        } else {
            SampleEntryEncoder.writeAudio(w, d);
        }
        w.end(stsd);
        emptyTable(w, "stts");
        emptyTable(w, "stsc");
        int stsz = w.startFull("stsz", 0, 0);
        w.u32(0).u32(0); // sample_size, sample_count
        w.end(stsz);
        emptyTable(w, "stco");
        w.end(stbl);
        w.end(minf);
        w.end(mdia);
        w.end(trak);
    }

    /** A sample table with no entries: the samples are in the fragments. */
    private static void emptyTable(BoxWriter w, String type) {
        int b = w.startFull(type, 0, 0);
        w.u32(0); // entry_count
        w.end(b);
    }

    private static void writeTrex(BoxWriter w, int trackId) {
        int trex = w.startFull("trex", 0, 0);
        // track, sample description 1; duration, size and flags come with every sample in trun
        w.u32(trackId).u32(1).u32(0).u32(0).u32(0);
        w.end(trex);
    }

    private static void matrix(BoxWriter w) {
        for (int v : UNITY_MATRIX) {
            w.u32(v & 0xffffffffL);
        }
    }
}
