package io.xueliang.sql.volume;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates what the server keeps under {@code storage.root} (the databases, segments, keys, plate images, spools) with
 * mode 0600 for files and 0700 for directories, whatever the process's umask: footage of the public, camera
 * passwords and signing keys are for the server's user alone. The mode is given when the file is created, never
 * changed afterwards, so there is no moment at which another user could open it. On a file system without POSIX
 * permissions the modes are left to it.
 */
public final class OwnerOnlyFiles {
    /** rw-------. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} and its missing parents, each new one 0700; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir; // the common case, and Files.createDirectories would fail on a link to a directory
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, directoryAttributes(dir));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        return dir;
    }

    /** Creates {@code file}, which must not exist, as an empty 0600 file. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, fileAttributes(file));
    }

    /** Opens a new file (the options must include {@code CREATE_NEW} or {@code CREATE}) as 0600. */
    public static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        return FileChannel.open(file, options, fileAttributes(file));
    }

    /**
     * Takes group and other permissions away from an existing file or directory (not following a link): for what an
     * earlier version created with the umask's modes. Returns true when the mode changed.
     */
    public static boolean restrict(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(path)) {
            return false;
        }
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        Set<PosixFilePermission> owner = Set.copyOf(mode.stream().filter(p -> p.name().startsWith("OWNER_")).toList());
        if (owner.size() == mode.size()) {
            return false;
        }
        view.setPermissions(owner.isEmpty() ? Set.of() : owner);
        return true;
    }

    /** {@code rw-------} as a creation attribute, or none where the file system has no POSIX modes. */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** {@code rwx------} as a creation attribute, or none where the file system has no POSIX modes. */
    public static FileAttribute<?>[] directoryAttributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
