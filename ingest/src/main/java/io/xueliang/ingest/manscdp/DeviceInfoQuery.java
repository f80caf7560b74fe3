package io.xueliang.ingest.manscdp;

/** {@code <Query><CmdType>DeviceInfo</CmdType>}. */
public record DeviceInfoQuery(long sn, String deviceId) implements ManscdpMessage {
    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.QUERY;
    }

    @Override
    public String cmdType() {
        return "DeviceInfo";
    }
}
