package io.xueliang.ingest.manscdp;

import java.util.List;

/**
 * {@code <Notify><CmdType>Catalog</CmdType>}: changes a device reports on a catalog subscription,
 * each item with its {@code Event} (ADD, DEL, UPDATE, ON, OFF, VLOST, DEFECT).
 */
public record CatalogNotify(long sn, String deviceId, int sumNum, List<Change> changes) implements ManscdpMessage {

    public CatalogNotify {
        changes = List.copyOf(changes);
    }

    /** One changed item; for DEL, ON and OFF devices often send only DeviceID and Event. */
    public record Change(CatalogEvent event, CatalogItem item) {
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.NOTIFY;
    }

    @Override
    public String cmdType() {
        return "Catalog";
    }
}
