package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.MovieFragmentEncoder;
import io.xueliang.storage.fmp4.ProducerReference;
import io.xueliang.storage.fmp4.box.BoxWriter;

/**
 * The head of one fragment of a playback file, from the packed runs of a {@link SelectedFragment}: the layout the
 * segment writer uses ({@link MovieFragmentEncoder}), with the output's sequence number and decode times, and one
 * {@code trun} per source run so that the {@code mdat} keeps the source's order of samples:
 *
 * <pre>
 * prft  (v1) first run's track, NTP wall clock of its first sample, its decode time       32 bytes
 * moof  mfhd(sequence)                                                                      8 + 16
 *       traf  tfhd(track, default-base-is-moof)  tfdt(v1)                         44 per track
 *             trun(data offset; duration, size, flags per sample)           20 + 12 per sample, per run
 * mdat  runs in source order: video 1, audio 1, video 2, audio 2 ...           header 8, 16 past 4 GiB
 * </pre>
 * Its length is known from the sample counts alone, so a plan lays out a file without encoding any head.
 */
final class FragmentHeadEncoder {
    private static final int PRFT = 32;
    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
    /** data-offset, sample-duration, sample-size and sample-flags present. */
    private static final int TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400;

    private FragmentHeadEncoder() {
    }

    static int length(SelectedFragment f) {
        return PRFT + moofLength(f) + mdatHeaderLength(f);
    }

    static byte[] encode(SelectedFragment f, long sequence) {
        BoxWriter w = new BoxWriter(length(f));
        SelectedRun firstRun = f.runs().get(0);
        ProducerReference reference = new ProducerReference(firstRun.trackId, f.wallClock(), firstRun.baseDecodeTime);
        int prft = w.startFull("prft", 1, 0);
        w.u32(reference.trackId()).u64(reference.ntpTimestamp()).u64(reference.mediaTime());
        w.end(prft);
        int moof = w.start("moof");
        int mfhd = w.startFull("mfhd", 0, 0);
        w.u32(sequence);
        w.end(mfhd);
        long[] dataOffsets = new long[f.runs().size()];
        long offset = moofLength(f) + mdatHeaderLength(f);
        for (int i = 0; i < dataOffsets.length; i++) {
            dataOffsets[i] = offset;
            offset += f.runs().get(i).dataBytes();
        }
        for (int trackId : f.trackIds()) {
            int traf = w.start("traf");
            int tfhd = w.startFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF);
            w.u32(trackId);
            w.end(tfhd);
            int tfdt = w.startFull("tfdt", 1, 0);
            w.u64(f.firstRun(trackId).baseDecodeTime);
            w.end(tfdt);
            for (int r = 0; r < dataOffsets.length; r++) {
                SelectedRun run = f.runs().get(r);
                if (run.trackId != trackId) {
                    continue;
                }
                int trun = w.startFull("trun", 0, TRUN_FLAGS);
                w.u32(run.count()).u32(dataOffsets[r]);
                for (int i = 0; i < run.count(); i++) {
                    w.u32(run.duration(i) & 0xffffffffL).u32(run.size(i) & 0xffffffffL).u32(run.sync(i)
                            ? MovieFragmentEncoder.SYNC_SAMPLE_FLAGS : MovieFragmentEncoder.NON_SYNC_SAMPLE_FLAGS);
                }
                w.end(trun);
            }
            w.end(traf);
        }
        w.end(moof);
        long data = f.dataBytes();
        if (mdatHeaderLength(f) == 16) {
            w.u32(1).fourcc("mdat").u64(data + 16);
        } else {
            w.u32(data + 8).fourcc("mdat");
        }
        return w.toByteArray();
    }

    private static int moofLength(SelectedFragment f) {
        int n = 8 + 16 + 44 * f.trackIds().length;
        for (SelectedRun r : f.runs()) {
            n += 20 + 12 * r.count();
        }
        return n;
    }

    private static int mdatHeaderLength(SelectedFragment f) {
        return f.dataBytes() + 8 > 0xffffffffL ? 16 : 8;
    }
}
