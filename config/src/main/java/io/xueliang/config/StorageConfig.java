package io.xueliang.config;

import java.nio.file.Path;

/**
 * Where things are kept: the embedded store and local spool under {@code root}, and where finished recording segments
 * and other immutable files live for good ({@code blob}).
 *
 * @param root directory for recordings, indexes and spools; a relative path is relative to the
 *        working directory of the server
 * @param blob {@code local}: finished files stay under {@code root}; {@code s3}: they are uploaded to the bucket of
 *        {@code s3} and the local copy is deleted once the upload is confirmed
 * @param s3 the bucket; endpoint, bucket, accessKey and secretKey are required when {@code blob} is {@code s3}
 * @param reserveMiB space kept back on the volume of {@code root} for the database (a file of zeros released when a
 *        write finds the volume full, so that the index, audit, logins and holds keep working while recording has
 *        stopped); 0 keeps none; 0-65536
 */
public record StorageConfig(Path root, BlobStoreKind blob, S3Config s3, int reserveMiB) {
    public static final Path DEFAULT_ROOT = Path.of("./data");

    public StorageConfig {
        Require.nonNull("root", root);
        if (root.toString().isEmpty()) {
            throw new ConfigException("root", "must not be empty");
        }
        Require.nonNull("blob", blob);
        Require.nonNull("s3", s3);
        Require.between("reserveMiB", reserveMiB, 0, 65_536);
        if (blob == BlobStoreKind.S3) {
            requireForS3("endpoint", s3.endpoint());
            requireForS3("bucket", s3.bucket());
            requireForS3("accessKey", s3.accessKey());
            requireForS3("secretKey", s3.secretKey());
        }
    }

    /** Everything kept locally under {@code root}. */
    public StorageConfig(Path root) {
        this(root, BlobStoreKind.LOCAL, S3Config.defaults());
    }

    public StorageConfig(Path root, BlobStoreKind blob, S3Config s3) {
        this(root, blob, s3, RESERVE_MIB);
    }

    /** A day's audit trail of a busy node many times over, and the index's writes for hours. */
    private static final int RESERVE_MIB = 64;

    public static StorageConfig defaults() {
        return new StorageConfig(DEFAULT_ROOT);
    }

    private static void requireForS3(String key, Object value) {
        if (value == null) {
            throw new ConfigException("s3." + key, "must be set when blob is s3");
        }
    }
}
