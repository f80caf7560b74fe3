package io.xueliang.ingest.manscdp;

/** {@code <Query><CmdType>DeviceStatus</CmdType>}. */
public record DeviceStatusQuery(long sn, String deviceId) implements ManscdpMessage {
    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.QUERY;
    }

    @Override
    public String cmdType() {
        return "DeviceStatus";
    }
}
