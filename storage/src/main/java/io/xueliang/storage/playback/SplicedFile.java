package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.SegmentSource;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * An MP4 file that exists only as a layout: a prefix held in memory (the boxes before the first fragment), then per
 * fragment an optional head made on demand and the sample data, copied from the source segments. Any byte range
 * [{@code from}, {@code to}) is written by locating its first fragment and copying from there, with one
 * 128 KiB buffer per call and one stream per source segment, skipping the source's own fragment heads in between.
 *
 * <pre>
 * | prefix | head 0 | data 0 (run pieces) | head 1 | data 1 | ... |
 *          ^ unitStart[0]                 ^ unitStart[1]          ^ unitStart[n] = length
 * </pre>
 * Immutable; {@link #write} may run on several threads at once.
 */
final class SplicedFile {
    static final int COPY_BUFFER_BYTES = 128 << 10;

    /** Makes the heads of fragments; none when the fragments have no head of their own (a plain MP4's chunks). */
    interface Heads {
        int length(int fragment);

        byte[] encode(int fragment);
    }

    private final byte[] prefix;
    private final List<SelectedFragment> fragments;
    private final List<SegmentSource> sources;
    private final Heads heads;
    private final long[] unitStart;
    /** Per source segment: the index of its last fragment (a segment's fragments follow each other). */
    private final int[] lastFragmentOf;

    SplicedFile(byte[] prefix, RangeSelection selection, Heads heads) {
        this.prefix = prefix;
        this.fragments = selection.fragments();
        this.sources = selection.sources();
        this.heads = heads;
        this.unitStart = new long[fragments.size() + 1];
        this.lastFragmentOf = new int[sources.size()];
        long at = prefix.length;
        for (int i = 0; i < fragments.size(); i++) {
            unitStart[i] = at;
            at += headLength(i) + fragments.get(i).dataBytes();
            lastFragmentOf[fragments.get(i).segment()] = i;
        }
        unitStart[fragments.size()] = at;
    }

    long length() {
        return unitStart[fragments.size()];
    }

    /** Output offset of fragment {@code i}'s first byte. */
    long fragmentOffset(int i) {
        return unitStart[i];
    }

    void write(long from, long to, OutputStream out) throws IOException {
        if (from < 0 || to < from || to > length()) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " outside 0.." + length());
        }
        long pos = from;
        if (pos < prefix.length) {
            int n = (int) (Math.min(prefix.length, to) - pos);
            out.write(prefix, (int) pos, n);
            pos += n;
        }
        if (pos >= to) {
            return;
        }
        int f = locate(pos);
        int last = locate(to - 1);
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        try (Cursor cursor = new Cursor(buffer, last)) {
            for (; f <= last; f++) {
                long at = unitStart[f];
                int headLength = headLength(f);
                if (pos < at + headLength) {
                    byte[] head = heads.encode(f);
                    int n = (int) (Math.min(at + headLength, to) - pos);
                    out.write(head, (int) (pos - at), n);
                    pos += n;
                }
                at += headLength;
                SelectedFragment fragment = fragments.get(f);
                for (SelectedRun run : fragment.runs()) {
                    for (int p = 0; p < run.pieceCount() && pos < to; p++) {
                        long pieceEnd = at + run.pieceLength(p);
                        if (pos < pieceEnd) {
                            long n = Math.min(pieceEnd, to) - pos;
                            cursor.copy(fragment.segment(), run.pieceOffset(p) + (pos - at), n, out);
                            pos += n;
                        }
                        at = pieceEnd;
                    }
                }
            }
        }
    }

    private int headLength(int fragment) {
        return heads == null ? 0 : heads.length(fragment);
    }

    /** The fragment holding output byte {@code pos}, which lies after the prefix. */
    private int locate(long pos) {
        int i = Arrays.binarySearch(unitStart, 0, fragments.size(), pos);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * One open stream into the source segment being copied from, reaching to the end of the last piece this write
     * needs from it; a copy further on in the same segment skips forward, one in another segment reopens.
     */
    private final class Cursor implements AutoCloseable {
        private final byte[] buffer;
        private final int lastFragment;
        private InputStream in;
        private int segment = -1;
        private long position;

        Cursor(byte[] buffer, int lastFragment) {
            this.buffer = buffer;
            this.lastFragment = lastFragment;
        }

        void copy(int seg, long offset, long length, OutputStream out) throws IOException {
            if (in == null || seg != segment || offset < position) {
                close();
                int g = Math.min(lastFragment, lastFragmentOf[seg]);
                long end = offset + length;
                for (SelectedRun r : fragments.get(g).runs()) {
                    for (int p = 0; p < r.pieceCount(); p++) {
                        end = Math.max(end, r.pieceOffset(p) + r.pieceLength(p));
                    }
                }
                in = sources.get(seg).open(offset, end - offset);
                segment = seg;
                position = offset;
            } else if (offset > position) {
                in.skipNBytes(offset - position);
                position = offset;
            }
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(sources.get(seg).name() + " ends at " + position
                            + ", before the samples it held when the plan was made");
                }
                out.write(buffer, 0, n);
                left -= n;
                position += n;
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                InputStream s = in;
                in = null;
                s.close();
            }
        }
    }
}
