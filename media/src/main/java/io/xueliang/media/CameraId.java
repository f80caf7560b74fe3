package io.xueliang.media;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A camera's identifier. A 20-digit GB/T 28181 code is the norm (8-digit administrative area,
 * 2 industry, 3 type: 131/132 camera, 121 video checkpoint, then a 7-digit serial); any other
 * safe identifier of letters, digits, '.', '_' and '-' up to 64 characters is accepted, so an id
 * can appear in URLs, file names and metric labels without escaping.
 */
public record CameraId(String value) implements Comparable<CameraId> {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern GB28181 = Pattern.compile("\\d{20}");

    public CameraId {
        Objects.requireNonNull(value, "value");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "camera id must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static CameraId of(String value) {
        return new CameraId(value);
    }

    /** True when the id is a 20-digit GB/T 28181 device code. */
    public boolean isGb28181() {
        return GB28181.matcher(value).matches();
    }

    @Override
    public int compareTo(CameraId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
