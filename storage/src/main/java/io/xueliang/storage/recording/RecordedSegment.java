package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import java.time.Duration;
import java.time.Instant;

/**
 * One fMP4 segment file in the index.
 *
 * @param id the index's id
 * @param camera whose video it holds
 * @param start wall-clock time of its first frame
 * @param end wall-clock time just after its last complete fragment (for an open segment, as far as written)
 * @param state open while being written, finished once closed and hashed
 * @param location where the file lives ({@code local}, {@code s3})
 * @param key its path in that location, relative: {@code <camera>/<yyyy>/<mm>/<dd>/<start>.mp4}
 * @param bytes file size
 * @param frames video frames
 * @param sha256 lower-case hex SHA-256 of the finished file; null while open
 * @param codec video codec
 * @param width picture width
 * @param height picture height
 */
public record RecordedSegment(long id, CameraId camera, Instant start, Instant end, SegmentState state, String location,
        String key, long bytes, long frames, String sha256, Codec codec, int width, int height) {

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
