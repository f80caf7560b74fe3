package io.xueliang.ingest.gb28181;

import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Location;
import io.xueliang.ingest.manscdp.CatalogItem;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a device's catalog into cameras: which items are video channels, what they are called, where they stand
 * and in which region.
 *
 * <p><b>Channels</b> are the items with a 20-digit id whose type (digits 11-13, GB/T 28181 Appendix D) is a camera
 * (131), a network camera (132) or a video checkpoint (121); when a catalog has none of those, the item with the
 * device's own id (an IPC numbered as an encoder lists itself).
 * Organisation nodes (civil codes of 2-8 digits, business groups 215, virtual organisations 216), NVRs (118) and
 * alarm inputs (134) are not video.
 *
 * <p><b>Regions.</b> A channel's region is {@code gb28181.region} followed by the names of the civil-code levels
 * below this platform's own (the domain's first six digits, a county) that the same catalog names: a channel with
 * civil code {@code 43032101} in a catalog that has an item {@code 43032101 易俗河镇}, on a platform of domain
 * {@code 4303210000} with region {@code [湘潭县]}, stands in {@code [湘潭县, 易俗河镇]}. Levels the catalog does not name
 * are skipped; a civil code of another county adds nothing. Names are whatever the device sent, decoded by the
 * MANSCDP reader (GB18030 or UTF-8); a '/' in one (the region separator) becomes '／'.
 */
public final class GbCatalogCameras {
    private static final int CAMERA = 131;
    private static final int IP_CAMERA = 132;
    private static final int CHECKPOINT = 121;
    private static final int MAX_NAME = 128;

    private final String ownCivilCode;
    private final List<String> region;
    private final CameraDefaults defaults;

    /**
     * @param domain   this platform's 10-digit SIP domain
     * @param region   {@code gb28181.region}
     * @param defaults the switches new channels start with
     */
    public GbCatalogCameras(String domain, List<String> region, CameraDefaults defaults) {
        this.ownCivilCode = domain.substring(0, 6);
        this.region = List.copyOf(region);
        this.defaults = defaults;
    }

    /** Whether an item of a catalog is a camera by its type code. */
    public static boolean isCamera(CatalogItem item) {
        String id = item.deviceId();
        if (id.length() != 20 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int type = Integer.parseInt(id.substring(10, 13));
        return type == CAMERA || type == IP_CAMERA || type == CHECKPOINT;
    }

    /** The cameras of {@code deviceId}'s catalog, one a channel, in catalog order, duplicates dropped. */
    public List<Camera> cameras(String deviceId, List<CatalogItem> items) {
        Map<String, String> civilNames = new HashMap<>();
        for (CatalogItem item : items) {
            String id = item.deviceId();
            if (id.length() >= 2 && id.length() <= 8 && id.length() % 2 == 0 && !item.name().isBlank()) {
                civilNames.put(id, clean(item.name()));
            }
        }
        boolean anyCamera = items.stream().anyMatch(GbCatalogCameras::isCamera);
        Map<String, Camera> cameras = new LinkedHashMap<>();
        for (CatalogItem item : items) {
            boolean channel = anyCamera ? isCamera(item) : item.deviceId().equals(deviceId);
            if (!channel || cameras.containsKey(item.deviceId())) {
                continue;
            }
            String name = item.name().isBlank() ? item.deviceId() : clean(item.name());
            cameras.put(item.deviceId(), new Camera(CameraId.of(item.deviceId()), name, regionOf(item, civilNames),
                    location(item), new GbChannelAddress(deviceId, item.deviceId()).uri(), null, defaults.transport(),
                    defaults.record(), defaults.live(), defaults.plates(), defaults.enabled(), null, defaults.auth()));
        }
        return new ArrayList<>(cameras.values());
    }

    private List<String> regionOf(CatalogItem item, Map<String, String> civilNames) {
        List<String> path = new ArrayList<>(region);
        String code = item.civilCode().strip();
        if (code.length() > ownCivilCode.length() && code.startsWith(ownCivilCode)) {
            for (int len = ownCivilCode.length() + 2; len <= Math.min(code.length(), 8); len += 2) {
                String name = civilNames.get(code.substring(0, len));
                if (name != null) {
                    path.add(name);
                }
            }
        }
        return path;
    }

    private static Location location(CatalogItem item) {
        if (item.latitude().isEmpty() || item.longitude().isEmpty()) {
            return null;
        }
        double lat = item.latitude().getAsDouble();
        double lon = item.longitude().getAsDouble();
        // 0,0 is what devices send when nobody set a position.
        if (lat == 0 && lon == 0 || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            return null;
        }
        return new Location(lat, lon);
    }

    private static String clean(String name) {
        String s = name.strip().replace('/', '／');
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_NAME));
        s.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(MAX_NAME).forEach(out::appendCodePoint);
        return out.length() == 0 ? "?" : out.toString();
    }
}
