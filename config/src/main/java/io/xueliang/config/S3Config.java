package io.xueliang.config;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The S3 bucket of the S3/MinIO tier (DESIGN.md §7), used when {@code storage.blob} is {@code s3}. Every key may be
 * left out while the tier is off; {@link StorageConfig} requires endpoint, bucket and both keys when it is on.
 *
 * <p>{@link #toString()} never prints the secret key, and no {@link ConfigException} quotes it or the endpoint.
 *
 * @param endpoint the server's root URL, {@code http://} or {@code https://}, without path, query or user info, e.g.
 *        {@code http://minio.local:9000}; null when unset
 * @param region the region requests are signed for; MinIO accepts any, AWS needs the bucket's own; 1-64 letters,
 *        digits, '-' or '_'
 * @param bucket an existing bucket: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or
 *        digit (the S3 naming rules); null when unset
 * @param accessKey the access key id; null when unset
 * @param secretKey the secret key, best given as {@code ${ENV}}; null when unset
 * @param prefix put in front of every object key, so that one bucket can serve several deployments; empty, or
 *        segments of letters, digits, '.', '_' or '-' separated by '/'; at most 256 characters
 * @param pathStyle address the bucket as {@code endpoint/bucket/key} (MinIO, S3Proxy) instead of
 *        {@code bucket.endpoint/key} (AWS virtual hosts)
 */
public record S3Config(URI endpoint, String region, String bucket, String accessKey, String secretKey, String prefix,
                       boolean pathStyle) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int MAX_PREFIX_LENGTH = 256;

    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    public S3Config {
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        Require.nonNull("region", region);
        if (!REGION.matcher(region).matches()) {
            throw new ConfigException("region", "must be 1-64 letters, digits, '-' or '_', got '" + region + "'");
        }
        if (bucket != null && !BUCKET.matcher(bucket).matches()) {
            throw new ConfigException("bucket", "must be 3-63 lowercase letters, digits, '.' or '-', starting and"
                    + " ending with a letter or digit, got '" + bucket + "'");
        }
        if (accessKey != null) {
            Require.notBlank("accessKey", accessKey);
        }
        if (secretKey != null && secretKey.isBlank()) {
            throw new ConfigException("secretKey", "must not be empty");
        }
        Require.nonNull("prefix", prefix);
        checkPrefix(prefix);
    }

    /** No bucket configured: the tier is off. */
    public static S3Config defaults() {
        return new S3Config(null, DEFAULT_REGION, null, null, null, "", true);
    }

    private static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (scheme == null) {
            throw new ConfigException("endpoint", "must be an http:// or https:// URI, got no scheme");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("endpoint", "must be an http:// or https:// URI, got scheme '" + scheme + "'");
        }
        if (endpoint.getRawUserInfo() != null) {
            throw new ConfigException("endpoint", "must not hold credentials; use accessKey and secretKey");
        }
        if (endpoint.getHost() == null) {
            throw new ConfigException("endpoint", "must have a host");
        }
        String path = endpoint.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null) {
            throw new ConfigException("endpoint", "must be the server's root URL, without path, query or fragment"
                    + " (the bucket is a key of its own)");
        }
    }

    private static void checkPrefix(String prefix) {
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new ConfigException("prefix", "must be at most " + MAX_PREFIX_LENGTH + " characters, got "
                    + prefix.length());
        }
        if (prefix.isEmpty()) {
            return;
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (String segment : body.split("/", -1)) {
            if (!PREFIX_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new ConfigException("prefix", "must be segments of letters, digits, '.', '_' or '-' separated"
                        + " by '/' (no empty, '.' or '..' segment, no leading '/'), got '" + prefix + "'");
            }
        }
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                + accessKey + ", secretKey=" + (secretKey == null ? "null" : "***") + ", prefix=" + prefix
                + ", pathStyle=" + pathStyle + "]";
    }
}
