package io.xueliang.ingest.manscdp;

import java.util.List;

/**
 * {@code <Response><CmdType>Catalog</CmdType>}: one MESSAGE of a device's catalog. A catalog comes
 * in several such messages with the same SN; {@link CatalogAssembler} puts them together.
 *
 * @param sumNum       the total number of items the device announces over all messages
 * @param items        this message's items, in order
 * @param droppedItems items of this message that had no DeviceID and were left out
 */
public record CatalogResponse(long sn, String deviceId, int sumNum, List<CatalogItem> items, int droppedItems)
        implements ManscdpMessage {

    public CatalogResponse {
        items = List.copyOf(items);
    }

    public CatalogResponse(long sn, String deviceId, int sumNum, List<CatalogItem> items) {
        this(sn, deviceId, sumNum, items, 0);
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.RESPONSE;
    }

    @Override
    public String cmdType() {
        return "Catalog";
    }
}
