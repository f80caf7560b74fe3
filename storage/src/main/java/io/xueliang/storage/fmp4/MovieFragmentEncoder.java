package io.xueliang.storage.fmp4;

import io.xueliang.storage.fmp4.box.BoxWriter;
import java.util.List;

/**
 * Encodes the head of one fragment: an optional {@code prft}, the {@code moof} and the {@code mdat} header. The
 * samples' bytes follow the header, run after run, in the order given.
 *
 * <pre>
 * prft  reference track, NTP wall clock, media time
 * moof  mfhd(sequence)
 *       traf  tfhd(track, default-base-is-moof)  tfdt(v1, base decode time)
 *             trun(data offset from moof start; per sample: duration, size, flags)     per track
 * mdat  [filler] run 1 samples | run 2 samples
 * </pre>
 * The filler, when there is one, is bytes no sample points at: a writer that must start its writes on a block
 * boundary puts them between the {@code mdat} header and the samples (see {@link FragmentBuffer}).
 */
public final class MovieFragmentEncoder {
    /** sample_depends_on = 2 (depends on no other sample), sample_is_non_sync_sample = 0. */
    public static final int SYNC_SAMPLE_FLAGS = 0x02000000;
    /** sample_depends_on = 1 (depends on others), sample_is_non_sync_sample = 1. */
    public static final int NON_SYNC_SAMPLE_FLAGS = 0x01010000;

    static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
    static final int TRUN_DATA_OFFSET = 0x000001;
    static final int TRUN_SAMPLE_DURATION = 0x000100;
    static final int TRUN_SAMPLE_SIZE = 0x000200;
    static final int TRUN_SAMPLE_FLAGS = 0x000400;

    private MovieFragmentEncoder() {
    }

    /** Bytes of {@code prft}, {@code mfhd} and a {@code moof} header: what a head has beside its track runs. */
    private static final int FIXED_HEAD_BYTES = 32 + 8 + 16;
    /** {@code traf}, {@code tfhd}, {@code tfdt} and the {@code trun} header of one track. */
    private static final int TRACK_HEAD_BYTES = 8 + 16 + 20 + 20;
    private static final int SAMPLE_BYTES = 12;

    /**
     * The most bytes a head ({@code prft}, {@code moof}, {@code mdat} header) of {@code tracks} runs holding
     * {@code samples} in all takes.
     */
    static int headBytes(int tracks, int samples) {
        return FIXED_HEAD_BYTES + tracks * TRACK_HEAD_BYTES + samples * SAMPLE_BYTES + 16;
    }

    /**
     * @param sequence  the fragment's sequence number, from 1, increasing within a file
     * @param reference the {@code prft} to write first, or null for none
     * @param runs      one per track that has samples in this fragment
     */
    public static byte[] encode(int sequence, ProducerReference reference, List<TrackRun> runs) {
        return encode(sequence, reference, runs, 0);
    }

    /**
     * @param filler bytes between the {@code mdat} header and the first run's samples
     */
    static byte[] encode(int sequence, ProducerReference reference, List<TrackRun> runs, int filler) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a fragment needs at least one track run");
        }
        int sampleCount = runs.stream().mapToInt(r -> r.samples().size()).sum();
        BoxWriter w = new BoxWriter(256 + 16 * sampleCount);
        if (reference != null) {
            int prft = w.startFull("prft", 1, 0);
            w.u32(reference.trackId()).u64(reference.ntpTimestamp()).u64(reference.mediaTime());
            w.end(prft);
        }
        int moof = w.start("moof");
        int mfhd = w.startFull("mfhd", 0, 0);
        w.u32(sequence & 0xffffffffL);
        w.end(mfhd);
        int[] dataOffsetAt = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            TrackRun run = runs.get(i);
            int traf = w.start("traf");
            int tfhd = w.startFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF);
            w.u32(run.trackId());
            w.end(tfhd);
            int tfdt = w.startFull("tfdt", 1, 0);
            w.u64(run.baseDecodeTime());
            w.end(tfdt);
            int trun = w.startFull("trun", 0,
                    TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS);
            w.u32(run.samples().size());
            dataOffsetAt[i] = w.size();
            w.u32(0);
            for (FragmentSample s : run.samples()) {
                w.u32(s.duration()).u32(s.size()).u32(s.sync() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
            }
            w.end(trun);
            w.end(traf);
        }
        w.end(moof);
        int moofSize = w.size() - moof;
        long data = filler + runs.stream().mapToLong(TrackRun::dataBytes).sum();
        boolean large = data + 8 > 0xffffffffL;
        int mdatHeader = large ? 16 : 8;
        long offset = moofSize + mdatHeader + filler;
        for (int i = 0; i < runs.size(); i++) {
            if (offset > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("fragment data beyond a 32-bit trun data offset");
            }
            w.patchU32(dataOffsetAt[i], offset);
            offset += runs.get(i).dataBytes();
        }
        if (large) {
            w.u32(1).fourcc("mdat").u64(data + 16);
        } else {
            w.u32(data + 8).fourcc("mdat");
        }
        return w.toByteArray();
    }
}
