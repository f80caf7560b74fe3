package io.xueliang.storage.fmp4;

import com.sun.nio.file.ExtendedOpenOption;
import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new segment file written from the front, with {@code O_DIRECT} where asked for and the file system allows it,
 * else through the page cache. A file system that refuses direct I/O (or whose blocks do not divide
 * {@link FragmentBuffer#BLOCK}) is noted, so that it is asked once, not at every segment.
 */
final class SegmentFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentFile.class);
    /** File systems known to refuse direct I/O. */
    private static final Map<FileStore, Boolean> BUFFERED_ONLY = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final boolean direct;
    private long size;

    private SegmentFile(FileChannel channel, boolean direct) {
        this.channel = channel;
        this.direct = direct;
    }

    /** Creates {@code file}, which must not exist, 0600. */
    static SegmentFile create(Path file, boolean tryDirect) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (tryDirect) {
            FileStore store = Files.getFileStore(file.getParent());
            if (!BUFFERED_ONLY.containsKey(store)) {
                try {
                    if (FragmentBuffer.BLOCK % store.getBlockSize() != 0) {
                        throw new IOException("file system block of " + store.getBlockSize() + " bytes");
                    }
                    return new SegmentFile(OwnerOnlyFiles.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)), true);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException | UnsupportedOperationException e) {
                    if (BUFFERED_ONLY.putIfAbsent(store, true) == null) {
                        LOG.warn("direct I/O refused on {} ({}): recording there through the page cache", store,
                                e.toString());
                    }
                    // Some file systems create the file before refusing the flag: start again from nothing.
                    if (Files.exists(file) && Files.size(file) == 0) {
                        Files.delete(file);
                    }
                }
            }
        }
        return new SegmentFile(OwnerOnlyFiles.open(file, options), false);
    }

    /**
     * Notes that the file system of {@code file} took the {@code O_DIRECT} flag but refused a direct write (some FUSE
     * and network file systems): later files there are written through the page cache.
     */
    static void refusedDirectWrite(Path file, IOException e) throws IOException {
        FileStore store = Files.getFileStore(file.getParent());
        if (BUFFERED_ONLY.putIfAbsent(store, true) == null) {
            LOG.warn("direct writes refused on {} ({}): recording there through the page cache", store, e.toString());
        }
    }

    /** Writes use {@code O_DIRECT}: each must start and end on a {@link FragmentBuffer#BLOCK} boundary. */
    boolean direct() {
        return direct;
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    /** Appends all of {@code bytes}, in one gathering write where the kernel takes it whole. */
    void append(ByteBuffer[] bytes) throws IOException {
        long total = 0;
        for (ByteBuffer b : bytes) {
            total += b.remaining();
        }
        channel.position(size);
        for (long done = 0; done < total; ) {
            done += channel.write(bytes);
        }
        size += total;
    }

    void force(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
