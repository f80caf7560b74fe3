package io.xueliang.config;

/**
 * Recording to fMP4 segments (DESIGN.md §7).
 *
 * @param segmentSeconds a segment file is closed and a new one started after this many seconds
 *        (or on a codec change); 1-3600
 * @param retentionDays recordings older than this are deleted; 1-3650
 * @param minFreePercent when free disk space falls below this share, the oldest recordings are
 *        deleted first whatever their age; 0 disables the floor; 0-50
 */
public record RecordingConfig(int segmentSeconds, int retentionDays, int minFreePercent) {
    public RecordingConfig {
        Require.between("segmentSeconds", segmentSeconds, 1, 3600);
        Require.between("retentionDays", retentionDays, 1, 3650);
        Require.between("minFreePercent", minFreePercent, 0, 50);
    }

    public static RecordingConfig defaults() {
        return new RecordingConfig(60, 30, 5);
    }
}
