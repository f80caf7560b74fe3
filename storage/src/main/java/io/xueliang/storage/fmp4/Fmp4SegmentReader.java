package io.xueliang.storage.fmp4;

import io.xueliang.storage.fmp4.box.BoxFormatException;
import io.xueliang.storage.fmp4.box.BoxHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the structure of a fragmented MP4 file without its media data: the tracks of the init segment, then each
 * {@code [prft] moof mdat} fragment with the offset, size, decode time, duration and sync flag of every sample, for
 * playback and export to copy samples from. Tolerant of a file cut short: the scan stops at the first box that is
 * incomplete or unreadable and says where and why, which is what {@link Fmp4SegmentRepair} cuts at.
 *
 * <p>Reads files this package wrote, and fragmented MP4 in general as far as ISO/IEC 14496-12 §8.8 goes (defaults
 * from {@code trex} and {@code tfhd}, several {@code trun} per {@code traf}); composition offsets are ignored.
 */
public final class Fmp4SegmentReader {
    /**
     * Largest {@code moov} read; ours is about 1 KiB with its parameter sets, so this only stops a corrupt or hostile
     * size from making the reader allocate it.
     */
    public static final int MAX_MOOV_BYTES = 1 << 20;
    /** Largest {@code moof} read: 100,000 samples at 16 bytes, far beyond one second of any camera's stream. */
    public static final int MAX_MOOF_BYTES = 2 << 20;
    /** Largest {@code prft}, {@code ftyp} or other small box read whole. */
    private static final int MAX_SMALL_BOX_BYTES = 4096;
    /**
     * Bytes read ahead at each fragment head: its {@code prft}, {@code moof} (about 0.5 KiB for 1 s at 25 fps) and
     * {@code mdat} header come in one read, which over a blob store is one request per fragment.
     */
    static final int READ_AHEAD_BYTES = 8192;

    private Fmp4SegmentReader() {
    }

    /** Reads what is complete in {@code file}. */
    public static ScannedSegment scan(Path file) throws IOException {
        return scan(SegmentSource.of(file));
    }

    /** Reads what is complete in the segment, up to the size it has when the scan starts. */
    public static ScannedSegment scan(SegmentSource source) throws IOException {
        return new Scan(source).run();
    }

    private static final class Scan {
        private final SegmentSource source;
        private final long size;
        private ByteBuffer window = ByteBuffer.allocate(0);
        private long windowStart;
        private final List<TrackInfo> tracks = new ArrayList<>();
        private final Map<Integer, long[]> trexDefaults = new HashMap<>(); // duration, size, flags
        private final Map<Integer, Long> trackEnds = new HashMap<>();
        private final List<ScannedFragment> fragments = new ArrayList<>();
        private long initEnd;
        private long completeEnd;

        Scan(SegmentSource source) throws IOException {
            this.source = source;
            this.size = source.size();
        }

        ScannedSegment run() throws IOException {
            String problem = null;
            try {
                problem = readAll();
            } catch (BoxFormatException e) {
                problem = e.getMessage();
            }
            return new ScannedSegment(source.name(), size, initEnd, tracks, fragments, completeEnd, problem);
        }

        /** Reads box after box; returns why it stopped early, or null at the end of the file. */
        private String readAll() throws IOException {
            long pos = 0;
            boolean sawFtyp = false;
            ProducerReference reference = null;
            long fragmentStart = -1;
            while (pos < size) {
                BoxHeader h = header(pos);
                switch (h.type()) {
                    case "ftyp" -> {
                        if (pos != 0) {
                            return "ftyp at " + pos + ", not at the start";
                        }
                        sawFtyp = true;
                    }
                    case "moov" -> {
                        if (!sawFtyp || initEnd > 0) {
                            return "moov at " + pos + " not right after ftyp";
                        }
                        parseMoov(contents(h, MAX_MOOV_BYTES), h.contentOffset());
                        initEnd = h.end();
                        completeEnd = initEnd;
                    }
                    case "prft" -> {
                        if (initEnd == 0) {
                            return "prft before the init segment";
                        }
                        reference = parsePrft(contents(h, MAX_SMALL_BOX_BYTES), h);
                        fragmentStart = pos;
                    }
                    case "moof" -> {
                        if (initEnd == 0) {
                            return "moof before the init segment";
                        }
                        ByteBuffer moof = contents(h, MAX_MOOF_BYTES);
                        if (h.end() >= size) {
                            return "moof at " + pos + " without its mdat";
                        }
                        BoxHeader mdat = header(h.end());
                        if (!mdat.type().equals("mdat")) {
                            return "moof at " + pos + " followed by '" + mdat.type() + "', not mdat";
                        }
                        fragments.add(parseMoof(moof, h, mdat, fragmentStart >= 0 ? fragmentStart : pos, reference));
                        pos = mdat.end();
                        completeEnd = pos;
                        reference = null;
                        fragmentStart = -1;
                        continue;
                    }
                    default -> {
                        if (initEnd == 0 && !sawFtyp) {
                            return "not an MP4 file: first box is '" + h.type() + "'";
                        }
                        if (reference == null && initEnd > 0) {
                            completeEnd = h.end(); // free, skip, sidx, mfra...: complete boxes of no concern
                        }
                    }
                }
                pos = h.end();
            }
            return initEnd == 0 ? "no moov: the init segment is incomplete" : null;
        }

        private BoxHeader header(long pos) throws IOException {
            int n = (int) Math.min(16, size - pos);
            return BoxHeader.read(read(pos, n), pos, size - pos);
        }

        /** The bytes [pos, pos + n), from the read-ahead window when they lie in it. */
        private ByteBuffer read(long pos, int n) throws IOException {
            if (pos < windowStart || pos + n > windowStart + window.limit()) {
                if (n > READ_AHEAD_BYTES) {
                    ByteBuffer b = ByteBuffer.allocate(n);
                    source.read(pos, b);
                    return b.flip();
                }
                window = ByteBuffer.allocate((int) Math.min(READ_AHEAD_BYTES, size - pos));
                windowStart = pos;
                source.read(pos, window);
                window.flip();
            }
            return window.slice((int) (pos - windowStart), n);
        }

        private ByteBuffer contents(BoxHeader h, int limit) throws IOException {
            if (h.contentSize() > limit) {
                throw new BoxFormatException(h.offset(), h.type(), h.contentSize() + " bytes, above the "
                        + limit + " this reader accepts");
            }
            return read(h.contentOffset(), (int) h.contentSize());
        }

        private void parseMoov(ByteBuffer moov, long base) {
            for (BoxHeader child : BoxHeader.children(moov, base)) {
                ByteBuffer c = slice(moov, base, child);
                if (child.type().equals("trak")) {
                    tracks.add(parseTrak(c, child.contentOffset()));
                } else if (child.type().equals("mvex")) {
                    for (BoxHeader trex : BoxHeader.children(c, child.contentOffset())) {
                        if (trex.type().equals("trex")) {
                            ByteBuffer t = slice(c, child.contentOffset(), trex);
                            need(t, 24, trex);
                            trexDefaults.put(t.getInt(4), new long[] {
                                    t.getInt(12) & 0xffffffffL, t.getInt(16) & 0xffffffffL, t.getInt(20)});
                        }
                    }
                }
            }
            if (tracks.isEmpty()) {
                throw new BoxFormatException(base - 8, "moov", "no track");
            }
        }

        private TrackInfo parseTrak(ByteBuffer trak, long base) {
            int trackId = -1;
            int timescale = -1;
            long width = 0;
            long height = 0;
            String handler = null;
            byte[] stsd = null;
            for (BoxHeader child : BoxHeader.children(trak, base)) {
                ByteBuffer c = slice(trak, base, child);
                if (child.type().equals("tkhd")) {
                    boolean wide = c.get(0) == 1;
                    need(c, wide ? 96 : 84, child);
                    trackId = c.getInt(wide ? 20 : 12);
                    width = c.getInt(wide ? 88 : 76) & 0xffffffffL;
                    height = c.getInt(wide ? 92 : 80) & 0xffffffffL;
                } else if (child.type().equals("mdia")) {
                    for (BoxHeader m : BoxHeader.children(c, child.contentOffset())) {
                        ByteBuffer mc = slice(c, child.contentOffset(), m);
                        switch (m.type()) {
                            case "mdhd" -> {
                                need(mc, 24, m);
                                timescale = mc.getInt(mc.get(0) == 1 ? 20 : 12);
                            }
                            case "hdlr" -> {
                                need(mc, 12, m);
                                handler = fourcc(mc, 8);
                            }
                            case "minf" -> stsd = sampleDescriptions(mc, m.contentOffset());
                            default -> { }
                        }
                    }
                }
            }
            if (trackId <= 0 || timescale <= 0 || handler == null || stsd == null) {
                throw new BoxFormatException(base - 8, "trak", "track without id, timescale, handler or stsd");
            }
            return new TrackInfo(trackId, handler, timescale, width, height, stsd);
        }

        /** The contents of the track's {@code stsd}, which must name at least one sample entry. */
        private byte[] sampleDescriptions(ByteBuffer minf, long base) {
            for (BoxHeader child : BoxHeader.children(minf, base)) {
                if (child.type().equals("stbl")) {
                    ByteBuffer stbl = slice(minf, base, child);
                    for (BoxHeader s : BoxHeader.children(stbl, child.contentOffset())) {
                        if (s.type().equals("stsd")) {
                            ByteBuffer stsd = slice(stbl, child.contentOffset(), s);
                            need(stsd, 16, s);
                            byte[] contents = new byte[stsd.limit()];
                            stsd.get(0, contents);
                            return contents;
                        }
                    }
                }
            }
            return null;
        }

        private ProducerReference parsePrft(ByteBuffer b, BoxHeader h) {
            int version = b.get(0);
            need(b, version == 1 ? 24 : 20, h);
            long mediaTime = version == 1 ? b.getLong(16) : b.getInt(16) & 0xffffffffL;
            return new ProducerReference(b.getInt(4), ProducerReference.fromNtp(b.getLong(8)), mediaTime);
        }

        private ScannedFragment parseMoof(ByteBuffer moof, BoxHeader h, BoxHeader mdat, long start,
                ProducerReference reference) {
            long sequence = -1;
            List<ScannedFragment.Run> runs = new ArrayList<>();
            long previousDataEnd = h.offset();
            for (BoxHeader child : BoxHeader.children(moof, h.contentOffset())) {
                ByteBuffer c = slice(moof, h.contentOffset(), child);
                if (child.type().equals("mfhd")) {
                    need(c, 8, child);
                    sequence = c.getInt(4) & 0xffffffffL;
                } else if (child.type().equals("traf")) {
                    ScannedFragment.Run run = parseTraf(c, child, h, mdat, runs.isEmpty() ? h.offset()
                            : previousDataEnd);
                    runs.add(run);
                    if (!run.samples().isEmpty()) {
                        ScannedSample last = run.samples().get(run.samples().size() - 1);
                        previousDataEnd = last.offset() + last.size();
                    }
                }
            }
            if (sequence < 0) {
                throw new BoxFormatException(h.offset(), "moof", "no mfhd");
            }
            return new ScannedFragment(sequence, start, mdat.end(), reference, runs);
        }

        private ScannedFragment.Run parseTraf(ByteBuffer traf, BoxHeader trafHeader, BoxHeader moof, BoxHeader mdat,
                long implicitBase) {
            long base = implicitBase;
            int trackId = -1;
            long[] defaults = null;
            Long tfdt = null;
            List<ScannedSample> samples = new ArrayList<>();
            List<BoxHeader> children = BoxHeader.children(traf, trafHeader.contentOffset());
            for (BoxHeader child : children) {
                ByteBuffer c = slice(traf, trafHeader.contentOffset(), child);
                if (child.type().equals("tfhd")) {
                    need(c, 8, child);
                    int flags = c.getInt(0) & 0xffffff;
                    trackId = c.getInt(4);
                    long[] trex = trexDefaults.getOrDefault(trackId, new long[] {0, 0, 0});
                    defaults = trex.clone();
                    int at = 8;
                    if ((flags & 0x1) != 0) {
                        need(c, at + 8, child);
                        base = c.getLong(at);
                        at += 8;
                    } else if ((flags & MovieFragmentEncoder.TFHD_DEFAULT_BASE_IS_MOOF) != 0) {
                        base = moof.offset();
                    }
                    if ((flags & 0x2) != 0) {
                        at += 4;
                    }
                    for (int bit = 0; bit < 3; bit++) {
                        if ((flags & (0x8 << bit)) != 0) {
                            need(c, at + 4, child);
                            defaults[bit] = bit == 2 ? c.getInt(at) : c.getInt(at) & 0xffffffffL;
                            at += 4;
                        }
                    }
                } else if (child.type().equals("tfdt")) {
                    need(c, 8, child);
                    boolean wide = c.get(0) == 1;
                    need(c, wide ? 12 : 8, child);
                    tfdt = wide ? c.getLong(4) : c.getInt(4) & 0xffffffffL;
                }
            }
            if (trackId < 0 || track(trackId) == null) {
                throw new BoxFormatException(trafHeader.offset(), "traf", "unknown or missing track " + trackId);
            }
            long decodeTime = tfdt != null ? tfdt : trackEnds.getOrDefault(trackId, 0L);
            long dataPos = base;
            for (BoxHeader child : children) {
                if (!child.type().equals("trun")) {
                    continue;
                }
                ByteBuffer c = slice(traf, trafHeader.contentOffset(), child);
                need(c, 8, child);
                int flags = c.getInt(0) & 0xffffff;
                long count = c.getInt(4) & 0xffffffffL;
                int at = 8;
                if ((flags & MovieFragmentEncoder.TRUN_DATA_OFFSET) != 0) {
                    need(c, at + 4, child);
                    dataPos = base + c.getInt(at);
                    at += 4;
                }
                Integer firstFlags = null;
                if ((flags & 0x4) != 0) {
                    need(c, at + 4, child);
                    firstFlags = c.getInt(at);
                    at += 4;
                }
                int perSample = Integer.bitCount(flags & 0xf00) * 4;
                if (count * perSample > c.limit() - at) {
                    throw new BoxFormatException(child.offset(), "trun", count + " samples do not fit");
                }
                for (long i = 0; i < count; i++) {
                    long duration = defaults[0];
                    long sampleSize = defaults[1];
                    int sampleFlags = i == 0 && firstFlags != null ? firstFlags : (int) defaults[2];
                    if ((flags & MovieFragmentEncoder.TRUN_SAMPLE_DURATION) != 0) {
                        duration = c.getInt(at) & 0xffffffffL;
                        at += 4;
                    }
                    if ((flags & MovieFragmentEncoder.TRUN_SAMPLE_SIZE) != 0) {
                        sampleSize = c.getInt(at) & 0xffffffffL;
                        at += 4;
                    }
                    if ((flags & MovieFragmentEncoder.TRUN_SAMPLE_FLAGS) != 0) {
                        sampleFlags = c.getInt(at);
                        at += 4;
                    }
                    if ((flags & 0x800) != 0) {
                        at += 4; // composition time offset
                    }
                    if (dataPos < mdat.contentOffset() || dataPos + sampleSize > mdat.end()
                            || duration > Integer.MAX_VALUE || sampleSize > Integer.MAX_VALUE) {
                        throw new BoxFormatException(child.offset(), "trun", "sample " + i + " of track " + trackId
                                + " at " + dataPos + " (" + sampleSize + " bytes) outside the mdat at "
                                + mdat.offset() + ".." + mdat.end());
                    }
                    boolean sync = (sampleFlags & 0x00010000) == 0;
                    samples.add(new ScannedSample(dataPos, (int) sampleSize, decodeTime, (int) duration, sync));
                    dataPos += sampleSize;
                    decodeTime += duration;
                }
            }
            trackEnds.put(trackId, decodeTime);
            return new ScannedFragment.Run(trackId, samples);
        }

        private TrackInfo track(int id) {
            for (TrackInfo t : tracks) {
                if (t.trackId() == id) {
                    return t;
                }
            }
            return null;
        }

        /** The contents of {@code child}, a box inside {@code parent} whose contents start at file offset base. */
        private static ByteBuffer slice(ByteBuffer parent, long base, BoxHeader child) {
            int from = (int) (child.contentOffset() - base) + parent.position();
            return parent.slice(from, (int) child.contentSize());
        }

        private static void need(ByteBuffer b, int bytes, BoxHeader h) {
            if (b.limit() < bytes) {
                throw new BoxFormatException(h.offset(), h.type(), "needs " + bytes + " bytes, has " + b.limit());
            }
        }

        private static String fourcc(ByteBuffer b, int at) {
            byte[] t = new byte[4];
            b.get(at, t);
            return new String(t, StandardCharsets.ISO_8859_1);
        }
    }
}
