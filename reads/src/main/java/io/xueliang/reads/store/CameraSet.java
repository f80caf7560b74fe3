package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import java.util.Set;

/**
 * The cameras a query may see: every camera, or only some (those of a user's regions, or the cameras asked for).
 *
 * @param any  every camera; {@code ids} is then empty
 * @param ids  the cameras, when not {@code any}; empty means none
 */
public record CameraSet(boolean any, Set<CameraId> ids) {
    private static final CameraSet ALL = new CameraSet(true, Set.of());

    public CameraSet {
        ids = Set.copyOf(ids);
        if (any && !ids.isEmpty()) {
            throw new IllegalArgumentException("every camera, or a set of them, not both");
        }
    }

    public static CameraSet all() {
        return ALL;
    }

    public static CameraSet only(Set<CameraId> ids) {
        return new CameraSet(false, ids);
    }

    public boolean contains(CameraId camera) {
        return any || ids.contains(camera);
    }

    /** The cameras both may see. */
    public CameraSet and(CameraSet other) {
        if (any) {
            return other;
        }
        if (other.any) {
            return this;
        }
        return only(ids.stream().filter(other.ids::contains).collect(java.util.stream.Collectors.toSet()));
    }
}
