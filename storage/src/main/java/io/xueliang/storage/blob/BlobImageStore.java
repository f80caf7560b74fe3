package io.xueliang.storage.blob;

import io.xueliang.media.CameraId;
import io.xueliang.media.ImageStore;
import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Evidence images (plate crops, overview pictures) in a {@link BlobStore}, under
 * {@code <camera>/<yyyy-MM-dd>/<HHmmssSSS>-<name>.jpg} (UTC), so that one camera's day lists in order and
 * retention can drop whole days. Each image is staged in a spool directory first, because blobs are put whole
 * from a file with their size and SHA-256 checked.
 */
public final class BlobImageStore implements ImageStore {
    /** An overview frame of 4K as JPEG is well under this; larger bytes are not an image we made. */
    public static final int MAX_IMAGE_BYTES = 8 << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC);

    private final BlobStore store;
    private final Path spool;

    /**
     * @param spool a directory for staging files (created when missing); on the same disk as a local store
     */
    public BlobImageStore(BlobStore store, Path spool) throws IOException {
        this.store = Objects.requireNonNull(store, "store");
        this.spool = OwnerOnlyFiles.createDirectories(spool);
    }

    @Override
    public String store(CameraId camera, Instant time, String name, byte[] jpeg) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("image name '" + name + "' is not 1-64 of A-Z a-z 0-9 _ -");
        }
        if (jpeg.length == 0 || jpeg.length > MAX_IMAGE_BYTES) {
            throw new IllegalArgumentException("image of " + jpeg.length + " bytes is outside 1.." + MAX_IMAGE_BYTES);
        }
        String key = BlobKey.requireValid(camera.value() + "/" + DAY.format(time) + "/" + TIME.format(time) + "-" + name
                + ".jpg");
        Path staged = Files.createTempFile(spool, "image", ".jpg", OwnerOnlyFiles.fileAttributes(spool));
        try {
            Files.write(staged, jpeg);
            store.put(key, staged, jpeg.length, HexFormat.of().formatHex(SourceFile.sha256().digest(jpeg)));
        } catch (BlobStoreException e) {
            throw new IOException("storing " + key + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(staged);
        }
        return key;
    }
}
