package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.manscdp.CatalogItem;
import io.xueliang.ingest.manscdp.ChannelStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog a superior platform gets: the shared cameras as channels, under a tree of their regions.
 *
 * <pre>
 *  business group 215 "xueliang" (this platform's cameras)
 *    virtual organisation 216 湘潭县              ParentID = the business group
 *      virtual organisation 216 易俗河镇          ParentID = 湘潭县's code
 *        channel 132 (or the device's own code)  ParentID = 易俗河镇's code, CivilCode = the domain's county
 * </pre>
 * Every node carries the business group's id, as GB/T 28181-2016 Appendix J asks of a virtual organisation tree.
 * A camera with no region hangs under the business group.
 */
final class GbCascadeCatalog {
    private final String domain;
    private final GbCascadeCodes codes;

    GbCascadeCatalog(String domain, GbCascadeCodes codes) {
        this.domain = domain;
        this.codes = codes;
    }

    /** The business group every shared node belongs to. */
    String businessGroup() {
        return domain + "215" + "0000001";
    }

    /** The catalog's items: region nodes first, parents before children, then the cameras. */
    List<CatalogItem> items(List<GbSharedCameras.Shared> cameras) {
        String group = businessGroup();
        Map<String, CatalogItem> regions = new LinkedHashMap<>();
        List<CatalogItem> channels = new ArrayList<>(cameras.size());
        for (GbSharedCameras.Shared camera : cameras) {
            Optional<String> code = codes.camera(camera.id());
            if (code.isEmpty()) {
                continue;
            }
            String parent = group;
            for (int depth = 1; depth <= camera.region().size(); depth++) {
                List<String> path = camera.region().subList(0, depth);
                Optional<String> node = codes.region(path);
                if (node.isEmpty()) {
                    break;
                }
                if (!regions.containsKey(node.get())) {
                    regions.put(node.get(), CatalogItem.builder(node.get()).name(path.get(depth - 1))
                            .parentId(parent).businessGroupId(group).build());
                }
                parent = node.get();
            }
            CatalogItem.Builder item = CatalogItem.builder(code.get()).name(camera.name()).manufacturer("xueliang")
                    .model("").owner("").civilCode(domain.substring(0, 6))
                    .address(String.join("/", camera.region())).parental(0).parentId(parent).safetyWay(0)
                    .registerWay(1).secrecy(0).businessGroupId(group)
                    .status(camera.online() ? ChannelStatus.ON : ChannelStatus.OFF);
            if (camera.location() != null) {
                item.longitude(camera.location().lon()).latitude(camera.location().lat());
            }
            channels.add(item.build());
        }
        List<CatalogItem> items = new ArrayList<>(regions.size() + channels.size() + 1);
        items.add(CatalogItem.builder(group).name("xueliang").build());
        items.addAll(regions.values());
        items.addAll(channels);
        return items;
    }
}
