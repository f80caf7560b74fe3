package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import io.xueliang.media.RetentionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of plate images (crops and overview pictures, kept as {@code <camera>/<yyyy-MM-dd>/...jpg} under a
 * directory): a camera's day goes as a whole once all of it is older than the camera's recording retention, unless
 * an active evidence hold of the camera overlaps that day. Images live as long as the video they come from.
 */
public final class PlateImageRetention {
    private static final Logger LOG = LoggerFactory.getLogger(PlateImageRetention.class);
    /** Holds looked at per camera; more active holds than this on one camera is not a real case load. */
    private static final int MAX_HOLDS = 10_000;

    private final Path root;
    private final RetentionPolicy policy;
    private final RecordingIndex index;
    private final InstantSource clock;

    public PlateImageRetention(Path root, RetentionPolicy policy, RecordingIndex index, InstantSource clock) {
        this.root = root;
        this.policy = policy;
        this.index = index;
        this.clock = clock;
    }

    /** Deletes the expired days; blocking (disk and index). @return days deleted */
    public int sweep() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant now = clock.instant();
        int deleted = 0;
        for (Path cameraDir : children(root)) {
            CameraId camera;
            try {
                camera = new CameraId(cameraDir.getFileName().toString());
            } catch (IllegalArgumentException e) {
                continue; // not a camera's directory
            }
            Instant keepFrom = now.minus(policy.retention(camera));
            List<EvidenceHold> holds = null;
            for (Path dayDir : children(cameraDir)) {
                LocalDate day;
                try {
                    day = LocalDate.parse(dayDir.getFileName().toString());
                } catch (DateTimeParseException e) {
                    continue;
                }
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (end.isAfter(keepFrom)) {
                    continue;
                }
                if (holds == null) {
                    holds = index.holds(camera, true, MAX_HOLDS);
                }
                if (holds.stream().anyMatch(h -> h.from().isBefore(end) && h.to().isAfter(start))) {
                    continue;
                }
                if (deleteTree(dayDir)) {
                    deleted++;
                    LOG.info("plate images of camera {} on {} deleted: older than its retention", camera, day);
                }
            }
        }
        return deleted;
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
        return out;
    }

    private static boolean deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete plate images under {}; trying again next pass", dir, e);
            return false;
        }
    }
}
