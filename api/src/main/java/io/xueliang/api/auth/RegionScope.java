package io.xueliang.api.auth;

import io.xueliang.storage.auth.Principal;
import java.util.List;

/** Which cameras a principal may see: all, or those in (or below) one of its regions. */
public final class RegionScope {
    private RegionScope() {
    }

    public static boolean covers(Principal who, List<String> cameraRegion) {
        if (who.regions().isEmpty()) {
            return true;
        }
        for (List<String> allowed : who.regions()) {
            if (cameraRegion.size() >= allowed.size() && cameraRegion.subList(0, allowed.size()).equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
