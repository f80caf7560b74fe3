package io.xueliang.storage.registry;

import java.util.List;

/**
 * A page of cameras in id order.
 *
 * @param region cameras in this region or below it ([county] matches [county, town, ...]); empty = all
 * @param role "record", "live" or "plates" to keep cameras with that role on; null = any
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param after the cursor: the last id of the previous page, null for the first page
 */
public record CameraQuery(List<String> region, String role, int limit, String after) {
    public static final int MAX_LIMIT = 1000;

    public CameraQuery {
        region = region == null ? List.of() : List.copyOf(region);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        if (role != null && !List.of("record", "live", "plates").contains(role)) {
            throw new IllegalArgumentException("role must be record, live or plates, got " + role);
        }
    }

    public static CameraQuery first(int limit) {
        return new CameraQuery(List.of(), null, limit, null);
    }
}
