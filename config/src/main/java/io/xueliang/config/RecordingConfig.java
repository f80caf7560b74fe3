package io.xueliang.config;

import java.time.Duration;
import java.util.List;

/**
 * Recording to fMP4 segments (DESIGN.md §7).
 *
 * @param segmentSeconds a segment file is closed and a new one started after this many seconds
 *        (or on a codec change); 1-3600
 * @param retentionDays recordings older than this are deleted; 1-3650
 * @param minFreePercent when free disk space falls below this share, the oldest recordings are
 *        deleted first whatever their age (evidence holds excepted); 0 disables the floor; 0-50
 * @param retention per-camera and per-region retention overriding {@code retentionDays}; at most
 *        {@link #MAX_RETENTION_RULES}, one per camera or region
 * @param changeRotationInterval a change in a camera's stream (new codec parameters, sound appearing, a clock
 *        step) starts a new segment at most once per this interval; units that do not fit the open segment are
 *        dropped meanwhile. Bounds the files a camera that sends new parameters with every frame can make (one per
 *        frame, 750,000 a day, without it). 0s: no limit; 0s-1h
 * @param directIo write segments with {@code O_DIRECT} where the file system allows it (the video is not copied into
 *        the page cache; each fragment is padded to 4 KiB), else through the page cache
 * @param writerThreads threads writing every camera's segments; a write that waits for the disk holds one, so a few
 *        keep one slow file from holding up the rest; 1-64
 * @param queueHeapPercent share of the JVM's heap that all cameras' recorder queues may hold together while the disk
 *        or the index is slow, beyond which cameras drop to their next keyframe (counted) instead of exhausting the
 *        heap; 1-75
 */
public record RecordingConfig(int segmentSeconds, int retentionDays, int minFreePercent, List<RetentionRule> retention,
        Duration changeRotationInterval, boolean directIo, int writerThreads, int queueHeapPercent) {
    /** Bounds the rules a file may list: a county's cameras several times over. */
    public static final int MAX_RETENTION_RULES = RetentionRule.MAX_RULES;

    public RecordingConfig {
        Require.between("segmentSeconds", segmentSeconds, 1, 3600);
        Require.between("retentionDays", retentionDays, 1, 3650);
        Require.between("minFreePercent", minFreePercent, 0, 50);
        Require.between("changeRotationInterval", changeRotationInterval, Duration.ZERO, Duration.ofHours(1));
        Require.between("writerThreads", writerThreads, 1, 64);
        Require.between("queueHeapPercent", queueHeapPercent, 1, 75);
        retention = RetentionRule.checked(retention);
    }

    /** With the defaults of the writer's settings. */
    public RecordingConfig(int segmentSeconds, int retentionDays, int minFreePercent, List<RetentionRule> retention) {
        this(segmentSeconds, retentionDays, minFreePercent, retention, DEFAULT_CHANGE_ROTATION_INTERVAL, DIRECT_IO,
                WRITER_THREADS, QUEUE_HEAP_PERCENT);
    }

    public RecordingConfig(int segmentSeconds, int retentionDays, int minFreePercent) {
        this(segmentSeconds, retentionDays, minFreePercent, List.of());
    }

    /** A real camera changes its parameters a few times a day at most; a storm is held to 8,640 files a day. */
    public static final Duration DEFAULT_CHANGE_ROTATION_INTERVAL = Duration.ofSeconds(10);

    private static final boolean DIRECT_IO = true;
    private static final int WRITER_THREADS = 4;
    private static final int QUEUE_HEAP_PERCENT = 25;

    public static RecordingConfig defaults() {
        return new RecordingConfig(60, 30, 5);
    }
}
