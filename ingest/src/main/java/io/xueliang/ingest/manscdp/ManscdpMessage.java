package io.xueliang.ingest.manscdp;

/**
 * One MANSCDP body, read by {@link ManscdpParser} or written by {@link ManscdpWriter}. Every message
 * has a root, a {@code CmdType}, a sequence number {@code SN} that ties a response to its query,
 * and the {@code DeviceID} it is about (the device or channel asked, or the sender of a notify).
 */
public sealed interface ManscdpMessage permits Keepalive, CatalogResponse, CatalogNotify, DeviceInfoResponse,
        DeviceStatusResponse, RecordInfoResponse, MediaStatusNotify, AlarmNotify, DeviceControlResponse,
        CatalogQuery, DeviceInfoQuery, DeviceStatusQuery, RecordInfoQuery, DeviceControl, UnknownMessage {

    ManscdpRoot root();

    /** The {@code CmdType} as GB spells it: {@code Keepalive}, {@code Catalog}, {@code RecordInfo}... */
    String cmdType();

    long sn();

    String deviceId();
}
