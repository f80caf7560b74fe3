package io.xueliang.storage.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The checkpoint file, {@code <root>/audit/checkpoints.log}: one {@link AuditCheckpoint} line after another, only
 * ever appended to (mode 0600, the folder 0700). Each append is synced before it counts, so a checkpoint that was
 * sent to a witness is also on disk.
 *
 * <p>A crash in the middle of an append leaves a last line without its newline. Such a line vouches for nothing:
 * readers skip it and say so, and the writer cuts it off before its next append, so that it never runs into the next
 * checkpoint.
 */
public final class AuditCheckpointFile {
    public static final String DIRECTORY = "audit";
    public static final String FILE_NAME = "checkpoints.log";

    private final Path file;

    public AuditCheckpointFile(Path file) {
        this.file = file;
    }

    /** The checkpoint file of the store under {@code storageRoot}. */
    public static AuditCheckpointFile under(Path storageRoot) {
        return new AuditCheckpointFile(storageRoot.resolve(DIRECTORY).resolve(FILE_NAME));
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** Appends {@code line} and a newline, and syncs; creates the file (and its folder) on first use. */
    public synchronized void append(String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a checkpoint is one line");
        }
        Path dir = file.getParent();
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long size = ch.size();
            long end = endOfLastLine(ch);
            String prefix = "";
            if (end < size && end >= 0) {
                ch.truncate(end); // the torn line of a crash: it was never a checkpoint
                size = end;
            } else if (end < 0 && size > 0) {
                prefix = "\n"; // a long line without newline is no torn checkpoint: keep it for readers to report
            }
            ch.position(size);
            ByteBuffer bytes = ByteBuffer.wrap((prefix + line + "\n").getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
    }

    /**
     * The size of the file up to and including its last newline, looking back at most one checkpoint's length;
     * 0 for a file shorter than that without any newline, -1 when none was found that far back.
     */
    private static long endOfLastLine(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long at = size - 1; at >= 0 && at >= size - AuditCheckpoint.MAX_LINE - 1; at--) {
            one.clear();
            ch.read(one, at);
            if (one.get(0) == '\n') {
                return at + 1;
            }
        }
        return size <= AuditCheckpoint.MAX_LINE ? 0 : -1;
    }

    /**
     * One line of the file, numbered from 1, with the byte offset where it starts; {@code torn} when it is the last
     * and has no newline.
     */
    public record Line(long number, long offset, String text, boolean torn) {
    }

    /**
     * Hands every line to {@code sink} in order; a line longer than {@link AuditCheckpoint#MAX_LINE} is handed over
     * cut to that length (it cannot parse). Reads nothing and returns false when there is no file.
     */
    public boolean read(Consumer<Line> sink) throws IOException {
        Reader raw;
        try {
            // ISO-8859-1: one char per byte, so offsets count bytes whatever the file holds.
            raw = new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return false;
        }
        try (BufferedReader in = new BufferedReader(raw, 64 * 1024)) {
            StringBuilder line = new StringBuilder();
            long number = 0;
            long offset = 0;
            long start = 0;
            int c;
            while ((c = in.read()) >= 0) {
                offset++;
                if (c == '\n') {
                    sink.accept(new Line(++number, start, line.toString(), false));
                    line.setLength(0);
                    start = offset;
                } else if (line.length() <= AuditCheckpoint.MAX_LINE) {
                    line.append((char) c);
                }
            }
            if (!line.isEmpty()) {
                sink.accept(new Line(++number, start, line.toString(), true));
            }
        }
        return true;
    }

    /** Every line; see {@link #read(Consumer)}. */
    public List<Line> lines() throws IOException {
        List<Line> lines = new ArrayList<>();
        read(lines::add);
        return lines;
    }

    /** The line that starts at byte {@code offset} (as {@link Line#offset()} gave it), without its newline. */
    public String lineAt(long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(AuditCheckpoint.MAX_LINE + 1);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // fill what there is
            }
            String text = new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        }
    }
}
