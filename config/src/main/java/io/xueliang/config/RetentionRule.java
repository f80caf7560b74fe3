package io.xueliang.config;

import java.util.List;

/**
 * How long one camera's, or one region's, recordings are kept, overriding {@code recording.retentionDays}. A camera
 * rule beats a region rule; a deeper region beats a shallower one.
 *
 * @param camera the camera's id, or null for a region rule
 * @param region the region path (county first), or empty for a camera rule
 * @param days days to keep; 1-3650
 */
public record RetentionRule(String camera, List<String> region, int days) {
    public RetentionRule {
        region = region == null ? List.of() : List.copyOf(region);
        if (camera == null && region.isEmpty()) {
            throw new ConfigException("", "name a camera or a region");
        }
        if (camera != null && !region.isEmpty()) {
            throw new ConfigException("", "name a camera or a region, not both");
        }
        Require.between("days", days, 1, 3650);
    }
}
