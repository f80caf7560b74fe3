package io.xueliang.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xueliang.config.CameraConfig;
import io.xueliang.config.Transport;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.QueueBudget;
import io.xueliang.media.StreamHub;
import io.xueliang.media.StreamHubs;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.volume.OwnerOnlyFiles;
import io.xueliang.storage.blob.BlobImageStore;
import io.xueliang.storage.blob.LocalBlobStore;
import io.xueliang.storage.evidence.ExportSigningKey;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import io.xueliang.storage.fmp4.RecordingClips;
import io.xueliang.storage.recording.RecordingGate;
import io.xueliang.storage.recording.RecordingLayout;
import io.xueliang.storage.recording.RecordingService;
import io.xueliang.storage.recording.SqliteRecordingIndex;
import io.xueliang.storage.secret.SecretBox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store writes under its root is the server user's alone: the root, the database and its WAL, the secret
 * key, the export signing keys, plate images and their spool, and recorded segments are 0600 (files) and 0700
 * (directories), whatever the umask. Run under the usual umask 022, under which anything created without a mode is
 * readable by all.
 */
class StoreFileModesTest {
    private static final CameraId CAM = CameraId.of("cam1");
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path tmp;

    @BeforeEach
    void umaskLetsOthersRead() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "the temporary folder's file system has no POSIX modes");
        Path probe = Files.createFile(tmp.resolve("umask-probe"));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        assumeTrue(mode.contains(PosixFilePermission.OTHERS_READ),
                "this process's umask already hides new files from others (" + PosixFilePermissions.toString(mode)
                        + "), so the test could not tell");
    }

    @Test
    void everyFileAndFolderTheStoreCreatesIsOwnerOnly() throws Exception {
        Path root = tmp.resolve("data");
        try (EmbeddedDatabase database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(),
                InstantSource.system())) {
            SqliteRecordingIndex index = new SqliteRecordingIndex(database);
            SecretBox.load(root, Map.of());
            ExportSigningKey.loadOrCreate(root);
            new BlobImageStore(new LocalBlobStore(root.resolve("plates")), root.resolve("spool").resolve("plates"))
                    .store(CAM, T0, "plate", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9});
            record(index, root);
            assertThat(Files.exists(root.resolve(EmbeddedDatabase.FILE_NAME + "-wal"))).as("WAL file").isTrue();
            assertThat(modesOtherThanOwnerOnly(root)).isEmpty();
        }
    }

    @Test
    void aRootAndDatabaseLeftReadableByAnEarlierVersionAreRestrictedAtOpen() throws Exception {
        Path root = tmp.resolve("data");
        EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system()).close();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.resolve(EmbeddedDatabase.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system()).close();
        assertThat(modesOtherThanOwnerOnly(root)).isEmpty();
    }

    private static void record(SqliteRecordingIndex index, Path root) throws Exception {
        List<AccessUnit> clip = RecordingClips.video(Codec.H264, 25);
        StreamHubs hubs = new StreamHubs(4096);
        StreamHub hub = hubs.hub(CAM);
        try (RecordingService recording = new RecordingService(hubs, index, RecordingLayout.under(root),
                Duration.ofSeconds(2), Fmp4WriterSettings.defaults(), InstantSource.system(), new RecordingGate(), 1,
                new QueueBudget(16L << 20))) {
            recording.put(Camera.from(new CameraConfig(CAM.value(), null, List.of("县"), null,
                    URI.create("rtsp://10.0.0.1/x"), null, Transport.TCP, true, true, false, true, null)));
            for (int i = 0; i < clip.size(); i++) {
                AccessUnit u = clip.get(i);
                hub.publish(AccessUnit.copyOf(CAM, u.description(), 1_000_000L + i * RecordingClips.FRAME_TICKS,
                        T0.plusMillis(i * 1000L / RecordingClips.FPS), u.isKeyframe(), u.copyPayload()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (recording.stats().getFirst().units() < clip.size() - 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        try (Stream<Path> files = Files.walk(root.resolve("recordings"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".mp4")).count()).as("segments written").isPositive();
        }
    }

    /**
     * Every path under {@code root} (itself included) whose mode is not 0600 for a file or 0700 for a folder, but the
     * export signing public key: made 0644 on purpose, to be handed out, and inside the 0700 {@code keys} folder.
     */
    private static List<String> modesOtherThanOwnerOnly(Path root) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                if (p.getFileName().toString().equals(ExportSigningKey.PUBLIC_FILE)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> wanted = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? OwnerOnlyFiles.DIRECTORY : OwnerOnlyFiles.FILE;
                if (!mode.equals(wanted)) {
                    wrong.add(root.relativize(p) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        return wrong;
    }
}
