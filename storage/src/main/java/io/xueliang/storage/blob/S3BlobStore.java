package io.xueliang.storage.blob;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.xueliang.config.S3Config;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Blobs as objects in one S3 bucket (MinIO, or any store that speaks the S3 REST API), through the MinIO Java client:
 * key {@code k} is object {@code <prefix>k}. The client signs requests (SigV4), uploads large files in parts and
 * retries single requests that fail on the way; this class adds the checks and the failure classification
 * ({@link S3Failures}).
 *
 * <p>A put first reads the local file to check its size and SHA-256, then asks whether the object is already there
 * (a retry after a lost answer then costs one HEAD, not a second upload), uploads it with the SHA-256 as user
 * metadata ({@code x-amz-meta-sha256}) and reads back the stored size. An S3 PUT, single or multipart, becomes
 * visible whole or not at all, so a key never shows a partial file.
 *
 * <p>Timeouts bound every request ({@link #DEFAULT_CONNECT_TIMEOUT}, {@link #DEFAULT_IO_TIMEOUT} between bytes), so a
 * store that stops answering fails the call as retriable instead of holding the uploader forever.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    public static final String LOCATION = "s3";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(60);
    /** User metadata name of the SHA-256 a put was given. */
    static final String SHA256_METADATA = "sha256";

    /**
     * One HTTP/1.1 client under every store, so they share its connection pool and threads and set up TLS trust (the
     * JDK's) once: the MinIO client's own default rebuilds a trust store per client, about a second each.
     */
    private static final OkHttpClient SHARED_HTTP = new OkHttpClient.Builder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .build();

    private final MinioClient client;
    private final String bucket;
    private final String objectPrefix;

    private S3BlobStore(MinioClient client, String bucket, String objectPrefix) {
        this.client = client;
        this.bucket = bucket;
        this.objectPrefix = objectPrefix;
    }

    /** A store for the bucket of {@code config} with the default timeouts. */
    public static S3BlobStore create(S3Config config) {
        return create(config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_IO_TIMEOUT);
    }

    /**
     * A store for the bucket of {@code config}; nothing is sent until the first call.
     *
     * @param ioTimeout the longest wait for the next bytes of a request or response (not for a whole transfer)
     */
    public static S3BlobStore create(S3Config config, Duration connectTimeout, Duration ioTimeout) {
        if (config.endpoint() == null || config.bucket() == null || config.accessKey() == null
                || config.secretKey() == null) {
            throw new IllegalArgumentException("S3 endpoint, bucket, accessKey and secretKey must be set");
        }
        OkHttpClient http = SHARED_HTTP.newBuilder()
                .connectTimeout(connectTimeout)
                .writeTimeout(ioTimeout)
                .readTimeout(ioTimeout)
                .build();
        MinioClient client = MinioClient.builder()
                .endpoint(config.endpoint().toString())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http, false)
                .build();
        client.setAppInfo("xueliang", "0.1");
        if (config.pathStyle()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
        String prefix = config.prefix();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3BlobStore(client, config.bucket(), prefix);
    }

    /** Fails unless the bucket exists and we may use it: a {@link BlobAccessException} names what is wrong. */
    public void checkBucket() {
        boolean exists;
        try {
            exists = client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | RuntimeException e) {
            throw S3Failures.translate("check", bucket, e);
        }
        if (!exists) {
            throw new BlobAccessException("check", bucket, "NoSuchBucket", "the bucket does not exist", null);
        }
    }

    /** Creates the bucket when it does not exist (for a demo or test MinIO; production buckets are provisioned). */
    public void createBucketIfMissing() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (MinioException | RuntimeException e) {
            throw S3Failures.translate("create", bucket, e);
        }
    }

    @Override
    public void put(String key, Path source, long size, String sha256) {
        BlobArguments.checkPut(key, source, size, sha256);
        SourceFile.verify(key, source, size, sha256);
        Optional<StatObjectResponse> existing = stat("put", key);
        if (existing.isPresent()) {
            confirm(key, existing.get(), size, sha256, "another blob is stored under the key");
            return;
        }
        try {
            UploadObjectArgs.Builder args = UploadObjectArgs.builder()
                    .bucket(bucket)
                    .object(objectName(key))
                    .filename(source.toString())
                    .contentType(contentType(key));
            if (sha256 != null) {
                args.userMetadata(Map.of(SHA256_METADATA, sha256));
            }
            client.uploadObject(args.build());
        } catch (MinioException | RuntimeException e) {
            if (!Files.exists(source)) {
                throw SourceFile.missing(key, source);
            }
            throw S3Failures.translate("put", key, e);
        }
        StatObjectResponse stored = stat("put", key).orElseThrow(() -> new RetriableBlobStoreException("put", key,
                null, "the object is not listed right after its upload", null));
        confirm(key, stored, size, sha256, "the stored object differs from the file sent");
    }

    private static void confirm(String key, StatObjectResponse stored, long size, String sha256, String problem) {
        if (stored.size() != size) {
            throw new BlobIntegrityException("put", key, problem, "size " + size, "size " + stored.size());
        }
        if (sha256 != null) {
            String found = stored.userMetadata() == null ? null : stored.userMetadata().getFirst(SHA256_METADATA);
            if (!sha256.equals(found)) {
                throw new BlobIntegrityException("put", key, problem, "sha256 " + sha256, "sha256 " + found);
            }
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        BlobKey.requireValid(key);
        BlobArguments.checkRange(offset, length);
        if (length == 0) {
            if (stat("open", key).isEmpty()) {
                throw new BlobNotFoundException("open", key, "no blob under the key");
            }
            return InputStream.nullInputStream();
        }
        try {
            return client.getObject(GetObjectArgs.builder()
                    .bucket(bucket)
                    .object(objectName(key))
                    .offset(offset)
                    .length(length)
                    .build());
        } catch (MinioException | RuntimeException e) {
            if (e instanceof ErrorResponseException r && r.errorResponse() != null
                    && "InvalidRange".equals(r.errorResponse().code())) {
                throw new BlobRangeException(key, offset, "range starts at or past the end of the blob");
            }
            throw S3Failures.translate("open", key, e);
        }
    }

    @Override
    public OptionalLong size(String key) {
        BlobKey.requireValid(key);
        return stat("size", key).map(s -> OptionalLong.of(s.size())).orElse(OptionalLong.empty());
    }

    private Optional<StatObjectResponse> stat(String operation, String key) {
        try {
            return Optional.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(objectName(key))
                    .build()));
        } catch (MinioException | RuntimeException e) {
            BlobStoreException failure = S3Failures.translate(operation, key, e);
            if (failure instanceof BlobNotFoundException) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    @Override
    public void delete(String key) {
        BlobKey.requireValid(key);
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(objectName(key)).build());
        } catch (MinioException | RuntimeException e) {
            BlobStoreException failure = S3Failures.translate("delete", key, e);
            if (!(failure instanceof BlobNotFoundException)) {
                throw failure;
            }
        }
    }

    /**
     * Lists with {@code ListObjectsV2}, asking for one key more than {@code maxKeys} to learn whether another page
     * follows. Objects under the prefix whose names are not valid keys (put there by something else) are skipped, but
     * at most one server page's worth of them, so the call stays bounded.
     */
    @Override
    public BlobPage list(String prefix, String startAfter, int maxKeys) {
        BlobKey.requireValidPrefix(prefix);
        BlobArguments.checkStartAfter(startAfter);
        BlobArguments.checkMaxKeys(maxKeys);
        ListObjectsArgs.Builder args = ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(objectPrefix + prefix)
                .recursive(true)
                .maxKeys(Math.min(maxKeys + 1, MAX_LIST_KEYS));
        if (startAfter != null) {
            args.startAfter(objectPrefix + startAfter);
        }
        List<BlobEntry> entries = new ArrayList<>();
        String lastSeen = null;
        int scanned = 0;
        try {
            Iterator<Result<Item>> items = client.listObjects(args.build()).iterator();
            while (items.hasNext() && entries.size() <= maxKeys && scanned < maxKeys + MAX_LIST_KEYS) {
                Item item = items.next().get();
                scanned++;
                if (item.isDir() || !item.objectName().startsWith(objectPrefix)) {
                    continue;
                }
                lastSeen = item.objectName().substring(objectPrefix.length());
                if (isKey(lastSeen)) {
                    entries.add(new BlobEntry(lastSeen, item.size()));
                }
            }
            boolean more = entries.size() > maxKeys || (scanned >= maxKeys + MAX_LIST_KEYS && items.hasNext());
            if (!more) {
                return new BlobPage(entries, Optional.empty());
            }
        } catch (MinioException | RuntimeException e) {
            throw S3Failures.translate("list", prefix, e);
        }
        if (entries.size() > maxKeys) {
            List<BlobEntry> page = entries.subList(0, maxKeys);
            return new BlobPage(page, Optional.of(page.get(maxKeys - 1).key()));
        }
        return new BlobPage(entries, Optional.ofNullable(lastSeen));
    }

    private static boolean isKey(String key) {
        try {
            BlobKey.requireValid(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String objectName(String key) {
        return objectPrefix + key;
    }

    /** A content type from the file name, so that a presigned URL or a browser shows the file right. */
    private static String contentType(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1);
        return switch (extension) {
            case "mp4", "m4s" -> "video/mp4";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "json" -> "application/json";
            case "zip" -> "application/zip";
            default -> "application/octet-stream";
        };
    }

    @Override
    public String location() {
        return LOCATION;
    }

    /** Releases nothing but this store: the HTTP client's pool and threads are shared and outlive it. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // the MinIO client closes only what it owns, which here is nothing
        }
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + bucket + "/" + objectPrefix + "]";
    }
}
