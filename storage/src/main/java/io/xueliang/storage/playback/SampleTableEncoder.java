package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.box.BoxWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample tables of one track of a plain MP4 (ISO/IEC 14496-12 §8.6-8.7), for {@link ExportPlan}: each run of the
 * track (its samples from one source fragment) is one chunk, at the offset its bytes get in the {@code mdat}.
 *
 * <pre>
 * stts  (count, delta) for each stretch of equal durations
 * stss  1-based numbers of the sync samples; left out when every sample is one (audio)
 * stsc  (first chunk, samples per chunk, description 1) where the samples per chunk change
 * stsz  0, count, the size of each sample
 * stco  32-bit chunk offsets, or co64 when the file passes 4 GiB
 * </pre>
 */
final class SampleTableEncoder {
    private final RangeSelection selection;
    private final int trackId;
    private final long dataStart;
    private final boolean wideOffsets;
    /** The track's runs, in file order: its chunks. */
    private final List<SelectedRun> chunks = new ArrayList<>();

    SampleTableEncoder(RangeSelection selection, int trackId, long dataStart, boolean wideOffsets) {
        this.selection = selection;
        this.trackId = trackId;
        this.dataStart = dataStart;
        this.wideOffsets = wideOffsets;
        for (SelectedFragment f : selection.fragments()) {
            for (SelectedRun r : f.runs()) {
                if (r.trackId == trackId) {
                    chunks.add(r);
                }
            }
        }
    }

    void write(BoxWriter w) {
        writeTimes(w);
        writeSyncSamples(w);
        writeChunks(w);
        writeSizes(w);
        writeOffsets(w);
    }

    private void writeTimes(BoxWriter w) {
        int stts = w.startFull("stts", 0, 0);
        int countAt = w.size();
        w.u32(0);
        long entries = 0;
        long run = 0;
        int delta = -1;
        for (SelectedRun r : chunks) {
            for (int i = 0; i < r.count(); i++) {
                if (r.duration(i) == delta) {
                    run++;
                } else {
                    if (run > 0) {
                        w.u32(run).u32(delta & 0xffffffffL);
                        entries++;
                    }
                    delta = r.duration(i);
                    run = 1;
                }
            }
        }
        if (run > 0) {
            w.u32(run).u32(delta & 0xffffffffL);
            entries++;
        }
        w.patchU32(countAt, entries);
        w.end(stts);
    }

    private void writeSyncSamples(BoxWriter w) {
        boolean allSync = true;
        for (SelectedRun r : chunks) {
            for (int i = 0; i < r.count() && allSync; i++) {
                allSync = r.sync(i);
            }
        }
        if (allSync) {
            return;
        }
        int stss = w.startFull("stss", 0, 0);
        int countAt = w.size();
        w.u32(0);
        long number = 0;
        long entries = 0;
        for (SelectedRun r : chunks) {
            for (int i = 0; i < r.count(); i++) {
                number++;
                if (r.sync(i)) {
                    w.u32(number);
                    entries++;
                }
            }
        }
        w.patchU32(countAt, entries);
        w.end(stss);
    }

    private void writeChunks(BoxWriter w) {
        int stsc = w.startFull("stsc", 0, 0);
        int countAt = w.size();
        w.u32(0);
        long chunk = 0;
        long entries = 0;
        int perChunk = -1;
        for (SelectedRun r : chunks) {
            chunk++;
            if (r.count() != perChunk) {
                perChunk = r.count();
                w.u32(chunk).u32(perChunk).u32(1);
                entries++;
            }
        }
        w.patchU32(countAt, entries);
        w.end(stsc);
    }

    private void writeSizes(BoxWriter w) {
        int stsz = w.startFull("stsz", 0, 0);
        w.u32(0).u32(selection.sampleCount(trackId));
        for (SelectedRun r : chunks) {
            for (int i = 0; i < r.count(); i++) {
                w.u32(r.size(i) & 0xffffffffL);
            }
        }
        w.end(stsz);
    }

    private void writeOffsets(BoxWriter w) {
        int box = w.startFull(wideOffsets ? "co64" : "stco", 0, 0);
        int countAt = w.size();
        w.u32(0);
        long offset = dataStart;
        long chunks = 0;
        for (SelectedFragment f : selection.fragments()) {
            for (SelectedRun r : f.runs()) {
                if (r.trackId == trackId) {
                    if (wideOffsets) {
                        w.u64(offset);
                    } else {
                        w.u32(offset);
                    }
                    chunks++;
                }
                offset += r.dataBytes();
            }
        }
        w.patchU32(countAt, chunks);
        w.end(box);
    }
}
