package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where segment files go: {@code <root>/recordings/<camera>/<yyyy>/<MM>/<dd>/<yyyyMMdd'T'HHmmss.SSS'Z'>.mp4}, by the
 * UTC wall-clock time of the first frame. The part after {@code recordings/} is the segment's key, the same locally
 * and in a bucket. Camera ids are safe path segments (CameraId allows only letters, digits, '.', '_' and '-', and
 * not a leading dot).
 */
public final class RecordingLayout {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;

    /** @param directory the recordings directory ({@code <storage.root>/recordings}) */
    public RecordingLayout(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public static RecordingLayout under(Path storageRoot) {
        return new RecordingLayout(storageRoot.resolve("recordings"));
    }

    public Path directory() {
        return directory;
    }

    /** The key of a segment starting at {@code start}; {@code attempt} > 0 adds a suffix when that name is taken. */
    public String key(CameraId camera, Instant start, int attempt) {
        String name = NAME.format(start) + (attempt == 0 ? "" : "-" + attempt);
        return camera.value() + "/" + DAY.format(start) + "/" + name + ".mp4";
    }

    /** The local file of a key, refusing keys that would leave the directory. */
    public Path file(String key) {
        Path file = directory.resolve(key).normalize();
        if (!file.startsWith(directory) || file.equals(directory)) {
            throw new IllegalArgumentException("segment key outside the recordings directory: " + key);
        }
        return file;
    }
}
