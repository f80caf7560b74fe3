package io.xueliang.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** Most rules a section may list: a county's cameras several times over. */
    public static final int MAX_RULES = 100_000;

    /**
     * The rules of one section, checked: at most {@link #MAX_RULES}, one per camera or region.
     *
     * @throws ConfigException naming the rule that repeats another
     */
    static List<RetentionRule> checked(List<RetentionRule> rules) {
        List<RetentionRule> copy = rules == null ? List.of() : List.copyOf(rules);
        if (copy.size() > MAX_RULES) {
            throw new ConfigException("retention", "at most " + MAX_RULES + " rules, got " + copy.size());
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            RetentionRule r = copy.get(i);
            if (!seen.add(r.camera() != null ? r.camera() : r.region())) {
                throw new ConfigException("retention[" + i + "]", "a second rule for "
                        + (r.camera() != null ? "camera " + r.camera() : "region " + String.join("/", r.region())));
            }
        }
        return copy;
    }
}
