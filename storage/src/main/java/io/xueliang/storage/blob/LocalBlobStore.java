package io.xueliang.storage.blob;

import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blobs as files under one directory: key {@code cam1/2024-05-01/120000.mp4} is the file of that relative path.
 *
 * <p>A put copies the source into a temporary file beside the target ({@code .<name>.<random>.tmp}: a dot name, which
 * no key can have), hashing and counting what it writes, forces it to disk, renames it over the target in one atomic
 * step and forces the directory, so that after a crash the key holds either nothing or the whole, checked file. A
 * temporary file left by a crash is invisible to {@link #list} and harmless.
 *
 * <p>Listing walks the directory tree in key order: the entries of a directory are sorted by the key text they stand
 * for (a directory {@code d} as {@code d/}), which makes a depth-first walk yield keys in ascending string order, the
 * order S3 uses; subtrees wholly before {@code startAfter} are skipped unread. Symbolic links are not followed.
 */
public final class LocalBlobStore implements BlobStore {
    public static final String LOCATION = "local";
    private static final int COPY_BUFFER = 256 * 1024;

    private final Path root;

    /** A store under {@code root}, which is created when missing. */
    public LocalBlobStore(Path root) {
        try {
            OwnerOnlyFiles.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** The file of {@code key} (which may not exist). */
    public Path file(String key) {
        Path file = root.resolve(BlobKey.requireValid(key)).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the store: " + key);
        }
        return file;
    }

    @Override
    public void put(String key, Path source, long size, String sha256) {
        BlobArguments.checkPut(key, source, size, sha256);
        Path target = file(key);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            confirmExisting(key, target, size, sha256);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                copyIn(key, source, target, size, sha256);
                return;
            } catch (NoSuchFileException e) {
                // a concurrent delete pruned the (then empty) directory between createDirectories and the copy
                if (attempt == 2 || !Files.exists(source)) {
                    throw targetFailure(key, e);
                }
            } catch (IOException e) {
                throw targetFailure(key, e);
            }
        }
    }

    private void copyIn(String key, Path source, Path target, long size, String sha256) throws IOException {
        Path dir = target.getParent();
        createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        boolean moved = false;
        try {
            MessageDigest digest = SourceFile.sha256();
            long written = 0;
            try (FileChannel in = openSource(key, source);
                 FileChannel out = OwnerOnlyFiles.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE))) {
                ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
                while (true) {
                    buffer.clear();
                    int n = readSource(key, source, in, buffer);
                    if (n < 0) {
                        break;
                    }
                    buffer.flip();
                    digest.update(buffer.array(), 0, n);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    written += n;
                    if (written > size) {
                        break; // already wrong: no need to copy the rest of an oversized file
                    }
                }
                SourceFile.check(key, source, size, sha256, written, SourceFile.hex(digest));
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename atomically in " + dir, e);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static FileChannel openSource(String key, Path source) {
        try {
            return FileChannel.open(source, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw SourceFile.missing(key, source);
        } catch (IOException e) {
            throw SourceFile.unreadable(key, source, e);
        }
    }

    private static int readSource(String key, Path source, FileChannel in, ByteBuffer buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw SourceFile.unreadable(key, source, e);
        }
    }

    /** A failure on our side of the copy (disk full, I/O error): retention may free space, so it may pass. */
    private static RetriableBlobStoreException targetFailure(String key, IOException e) {
        return new RetriableBlobStoreException("put", key, null, "cannot write the blob: " + e, e);
    }

    private static void confirmExisting(String key, Path target, long size, String sha256) {
        try {
            long existing = Files.size(target);
            if (existing != size) {
                throw new BlobIntegrityException("put", key, "another blob is stored under the key",
                        "size " + size, "size " + existing);
            }
            if (sha256 != null) {
                MessageDigest digest = SourceFile.sha256();
                try (InputStream in = Files.newInputStream(target)) {
                    byte[] buffer = new byte[COPY_BUFFER];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
                String found = SourceFile.hex(digest);
                if (!found.equals(sha256)) {
                    throw new BlobIntegrityException("put", key, "another blob is stored under the key",
                            "sha256 " + sha256, "sha256 " + found);
                }
            }
        } catch (IOException e) {
            throw new RetriableBlobStoreException("put", key, null, "cannot read the stored blob: " + e, e);
        }
    }

    /** Creates the missing directories up to {@code dir} and forces each new one's parent, so the new entries last. */
    private void createDirectories(Path dir) throws IOException {
        List<Path> created = new ArrayList<>();
        for (Path d = dir; d != null && !d.equals(root) && !Files.isDirectory(d); d = d.getParent()) {
            created.add(0, d);
        }
        for (Path d : created) {
            try {
                Files.createDirectory(d, OwnerOnlyFiles.directoryAttributes(d));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
            forceDirectory(d.getParent());
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        BlobArguments.checkRange(offset, length);
        Path file = file(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException("open", key, "no blob under the key");
        } catch (IOException e) {
            throw new RetriableBlobStoreException("open", key, null, "cannot open the blob: " + e, e);
        }
        try {
            long size = channel.size();
            if (length > 0 && offset >= size) {
                throw new BlobRangeException(key, offset, "range starts at or past the end of the blob (size "
                        + size + ")");
            }
            return FileRangeStream.lenient(channel, offset, Math.min(size, offset + Math.min(length, size)));
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new RetriableBlobStoreException("open", key, null, "cannot read the blob: " + e, e);
        }
    }

    @Override
    public OptionalLong size(String key) {
        Path file = file(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? OptionalLong.of(attributes.size()) : OptionalLong.empty();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new RetriableBlobStoreException("size", key, null, "cannot read the blob's size: " + e, e);
        }
    }

    /** Deletes the file and then each directory above it that the deletion left empty. */
    @Override
    public void delete(String key) {
        Path file = file(key);
        try {
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new RetriableBlobStoreException("delete", key, null, "cannot delete the blob: " + e, e);
        }
    }

    @Override
    public BlobPage list(String prefix, String startAfter, int maxKeys) {
        BlobKey.requireValidPrefix(prefix);
        BlobArguments.checkStartAfter(startAfter);
        BlobArguments.checkMaxKeys(maxKeys);
        int slash = prefix.lastIndexOf('/');
        String dirKey = prefix.substring(0, slash + 1);
        Path dir = dirKey.isEmpty() ? root : root.resolve(dirKey);
        List<BlobEntry> entries = new ArrayList<>(Math.min(maxKeys + 1, 64));
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                walk(dir, dirKey, prefix.substring(slash + 1), startAfter, maxKeys + 1, entries);
            }
        } catch (IOException e) {
            throw new RetriableBlobStoreException("list", prefix, null, "cannot list: " + e, e);
        }
        if (entries.size() <= maxKeys) {
            return new BlobPage(entries, Optional.empty());
        }
        List<BlobEntry> page = entries.subList(0, maxKeys);
        return new BlobPage(page, Optional.of(page.get(maxKeys - 1).key()));
    }

    private record Child(Path path, String sortKey, boolean directory, long size) {
    }

    /** Adds the keys under {@code dir} (whose key is {@code dirKey}) to {@code out} in order until it holds {@code limit}. */
    private static void walk(Path dir, String dirKey, String namePrefix, String startAfter, int limit,
                             List<BlobEntry> out) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (!name.startsWith(namePrefix) || name.startsWith(".")) {
                    continue; // dot names are our temporary files; no key has one
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // deleted while we list
                }
                if (a.isDirectory()) {
                    children.add(new Child(child, dirKey + name + "/", true, 0));
                } else if (a.isRegularFile()) {
                    children.add(new Child(child, dirKey + name, false, a.size()));
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        children.sort(Comparator.comparing(Child::sortKey));
        for (Child child : children) {
            String key = child.sortKey();
            if (child.directory()) {
                // every key below starts with "d/": all of them sort before startAfter unless startAfter is inside d
                if (startAfter != null && key.compareTo(startAfter) < 0 && !startAfter.startsWith(key)) {
                    continue;
                }
                walk(child.path(), key, "", startAfter, limit, out);
            } else if (startAfter == null || key.compareTo(startAfter) > 0) {
                if (isKey(key)) {
                    out.add(new BlobEntry(key, child.size()));
                }
            }
            if (out.size() >= limit) {
                return;
            }
        }
    }

    private static boolean isKey(String key) {
        try {
            BlobKey.requireValid(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // a file someone else put here with a name no key can have
        }
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public String toString() {
        return "LocalBlobStore[" + root + "]";
    }
}
