package io.xueliang.api.auth;

import io.xueliang.media.CameraId;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where a principal may act: everywhere (no regions), or in and below each of its region paths. It applies to every
 * role, admins included: an admin of a township manages that township's cameras and users and nothing else.
 */
public final class RegionScope {
    private RegionScope() {
    }

    /** Whether a camera in {@code cameraRegion} lies within {@code who}'s regions. */
    public static boolean covers(Principal who, List<String> cameraRegion) {
        return within(who.regions(), cameraRegion);
    }

    /**
     * The camera {@code id} as {@code who} may see it: registered and within their regions; empty otherwise, so that a
     * camera beyond them answers as one that does not exist. Blocks (reads the registry).
     */
    public static Optional<RegisteredCamera> camera(CameraRegistry registry, Principal who, CameraId id) {
        return registry.get(id).filter(r -> covers(who, r.camera().region()));
    }

    /**
     * Whether a user limited to {@code regions} (empty: everywhere) lies wholly within {@code who}'s regions, so that
     * {@code who} may manage them or grant them that scope: an unrestricted user lies within an unrestricted admin's
     * scope only.
     */
    public static boolean coversAll(Principal who, Collection<List<String>> regions) {
        if (who.unrestricted()) {
            return true;
        }
        if (regions.isEmpty()) {
            return false;
        }
        for (List<String> region : regions) {
            if (!within(who.regions(), region)) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(List<List<String>> scope, List<String> region) {
        if (scope.isEmpty()) {
            return true;
        }
        for (List<String> allowed : scope) {
            if (region.size() >= allowed.size() && region.subList(0, allowed.size()).equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
