package io.xueliang.storage.playback;

import java.util.Arrays;

/**
 * The samples of one track that one output fragment takes from one source fragment, packed in arrays (no object per
 * sample): their sizes, durations and sync flags, their output decode time, and where their bytes lie in the source
 * segment as {@code (offset, length)} pieces, merged where samples follow each other.
 *
 * <p>Built sample by sample while selecting; the last sample's duration may be changed afterwards, once the next
 * sample of the track shows where it really ends.
 */
final class SelectedRun {
    final int trackId;
    final long baseDecodeTime;
    private int[] sizes = new int[32];
    private int[] durations = new int[32];
    private boolean[] sync = new boolean[32];
    private long[] pieces = new long[4];
    private int count;
    private int pieceCount;
    private long dataBytes;
    private long duration;

    SelectedRun(int trackId, long baseDecodeTime) {
        this.trackId = trackId;
        this.baseDecodeTime = baseDecodeTime;
    }

    void add(long offset, int size, int sampleDuration, boolean isSync) {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, count * 2);
            durations = Arrays.copyOf(durations, count * 2);
            sync = Arrays.copyOf(sync, count * 2);
        }
        sizes[count] = size;
        durations[count] = sampleDuration;
        sync[count] = isSync;
        count++;
        dataBytes += size;
        duration += sampleDuration;
        if (pieceCount > 0 && pieces[2 * pieceCount - 2] + pieces[2 * pieceCount - 1] == offset) {
            pieces[2 * pieceCount - 1] += size;
        } else {
            if (2 * pieceCount == pieces.length) {
                pieces = Arrays.copyOf(pieces, pieces.length * 2);
            }
            pieces[2 * pieceCount] = offset;
            pieces[2 * pieceCount + 1] = size;
            pieceCount++;
        }
    }

    /** Sets the duration of the last sample. */
    void setLastDuration(int d) {
        duration += d - durations[count - 1];
        durations[count - 1] = d;
    }

    /** Drops the spare capacity once the run is complete. */
    void trim() {
        sizes = Arrays.copyOf(sizes, count);
        durations = Arrays.copyOf(durations, count);
        sync = Arrays.copyOf(sync, count);
        pieces = Arrays.copyOf(pieces, 2 * pieceCount);
    }

    int count() {
        return count;
    }

    int size(int i) {
        return sizes[i];
    }

    int duration(int i) {
        return durations[i];
    }

    boolean sync(int i) {
        return sync[i];
    }

    int pieceCount() {
        return pieceCount;
    }

    long pieceOffset(int i) {
        return pieces[2 * i];
    }

    long pieceLength(int i) {
        return pieces[2 * i + 1];
    }

    long dataBytes() {
        return dataBytes;
    }

    /** Sum of the sample durations, in the track's timescale. */
    long duration() {
        return duration;
    }

    long endDecodeTime() {
        return baseDecodeTime + duration;
    }
}
