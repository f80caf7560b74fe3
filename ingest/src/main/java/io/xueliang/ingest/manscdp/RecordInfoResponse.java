package io.xueliang.ingest.manscdp;

import java.util.List;

/**
 * {@code <Response><CmdType>RecordInfo</CmdType>}: one MESSAGE of the answer to a recording query;
 * like a catalog, a long list comes in several messages with the same SN and {@code SumNum}.
 *
 * @param droppedItems items without DeviceID or with missing or unreadable StartTime/EndTime, left out
 */
public record RecordInfoResponse(long sn, String deviceId, String name, int sumNum, List<RecordItem> items,
                                 int droppedItems) implements ManscdpMessage {

    public RecordInfoResponse {
        items = List.copyOf(items);
    }

    public RecordInfoResponse(long sn, String deviceId, String name, int sumNum, List<RecordItem> items) {
        this(sn, deviceId, name, sumNum, items, 0);
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.RESPONSE;
    }

    @Override
    public String cmdType() {
        return "RecordInfo";
    }
}
