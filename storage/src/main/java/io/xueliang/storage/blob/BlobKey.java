package io.xueliang.storage.blob;

import java.util.regex.Pattern;

/**
 * The rules for blob keys, shared by every store so that a key valid for one is valid for all: a relative path of
 * 1-{@value #MAX_SEGMENTS} segments separated by {@code /}, each 1-{@value #MAX_SEGMENT_LENGTH} of {@code A-Z a-z 0-9
 * . _ -} starting with a letter, digit, {@code _} or {@code -}, at most {@value #MAX_LENGTH} characters in all.
 *
 * <p>So no key is absolute, none climbs out with {@code ..}, none is hidden or collides with a store's own temporary
 * files (which start with a dot), and every key is the same string on a Linux file system and in an S3 bucket, sorted
 * the same way (ASCII, as S3 sorts UTF-8 bytes). The limits keep paths within what file systems accept (255 bytes a
 * name) and bound the depth a listing walks.
 */
public final class BlobKey {
    public static final int MAX_LENGTH = 512;
    public static final int MAX_SEGMENT_LENGTH = 255;
    public static final int MAX_SEGMENTS = 16;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private BlobKey() {
    }

    /** {@code key}, when it is valid; else an {@link IllegalArgumentException} saying why. */
    public static String requireValid(String key) {
        if (key == null) {
            throw new IllegalArgumentException("blob key must not be null");
        }
        if (key.isEmpty() || key.endsWith("/")) {
            throw invalid(key, "must name a file, not be empty or end with '/'");
        }
        checkSegments(key, key);
        return key;
    }

    /**
     * {@code prefix}, when it is a valid start of a key: empty, or segments as in a key where the last one may be
     * partial or empty ({@code cam1/}, {@code cam1/2024-}).
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("blob key prefix must not be null");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        int slash = prefix.lastIndexOf('/');
        String last = prefix.substring(slash + 1);
        if (slash >= 0) {
            checkSegments(prefix, prefix.substring(0, slash));
        } else if (prefix.length() > MAX_LENGTH) {
            throw invalid(prefix, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!last.isEmpty() && !SEGMENT.matcher(last).matches()) {
            throw invalid(prefix, "segments must be of A-Z a-z 0-9 . _ - and not start with '.'");
        }
        return prefix;
    }

    private static void checkSegments(String whole, String segments) {
        if (whole.length() > MAX_LENGTH) {
            throw invalid(whole, "must be at most " + MAX_LENGTH + " characters");
        }
        String[] parts = segments.split("/", -1);
        if (parts.length > MAX_SEGMENTS) {
            throw invalid(whole, "must have at most " + MAX_SEGMENTS + " segments");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw invalid(whole, "must be relative, without empty segments ('//' or a leading '/')");
            }
            if (part.length() > MAX_SEGMENT_LENGTH) {
                throw invalid(whole, "segments must be at most " + MAX_SEGMENT_LENGTH + " characters");
            }
            if (!SEGMENT.matcher(part).matches()) {
                throw invalid(whole, "segments must be of A-Z a-z 0-9 . _ - and not start with '.'");
            }
        }
    }

    private static IllegalArgumentException invalid(String key, String rule) {
        String shown = key.length() > 80 ? key.substring(0, 80) + "..." : key;
        return new IllegalArgumentException("blob key " + rule + ", got '" + shown + "'");
    }
}
