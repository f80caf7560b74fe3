package io.xueliang.storage.fmp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Repairs a segment file that a crash left open: cuts it after its last complete fragment (a {@code moof} whose
 * {@code mdat} is all there and holds every sample the {@code moof} names), so that what remains plays and can be
 * indexed. A file without a complete init segment is reported unusable and left alone.
 */
public final class Fmp4SegmentRepair {
    private Fmp4SegmentRepair() {
    }

    public static RepairOutcome repair(Path file) throws IOException {
        ScannedSegment scan = Fmp4SegmentReader.scan(file);
        if (!scan.hasInit()) {
            return new RepairOutcome.Unusable(file, scan.problem() == null ? "no init segment" : scan.problem());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() > scan.completeEnd()) {
                ch.truncate(scan.completeEnd());
                ch.force(true);
            }
            String sha = sha256(ch, scan.completeEnd());
            Optional<TrackInfo> video = scan.videoTrack();
            int videoId = video.map(TrackInfo::trackId).orElse(-1);
            long videoFrames = scan.sampleCount(videoId);
            long audioFrames = scan.tracks().stream().filter(t -> !t.isVideo())
                    .mapToLong(t -> scan.sampleCount(t.trackId())).sum();
            long duration90k = video.map(t -> scan.endDecodeTime(t.trackId()) * 90_000 / t.timescale()).orElse(0L);
            Instant start = null;
            Instant end = null;
            if (!scan.fragments().isEmpty() && scan.fragments().get(0).reference() != null) {
                ProducerReference ref = scan.fragments().get(0).reference();
                int timescale = scan.track(ref.trackId()).map(TrackInfo::timescale).orElse(90_000);
                start = ref.wallClock().minusNanos(ref.mediaTime() * 1_000_000_000L / timescale);
                end = start.plusNanos(duration90k * 1_000_000_000L / 90_000);
            }
            return new RepairOutcome.Repaired(file, scan.completeEnd(), scan.fileSize() - scan.completeEnd(),
                    scan.fragments().size(), videoFrames, audioFrames, duration90k, start, end, sha);
        }
    }

    static String sha256(FileChannel ch, long length) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        while (pos < length) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("file shorter than " + length + " bytes while hashing");
            }
            pos += n;
            digest.update(buf.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
