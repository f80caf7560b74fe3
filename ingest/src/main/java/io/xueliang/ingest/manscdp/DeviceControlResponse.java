package io.xueliang.ingest.manscdp;

/** {@code <Response><CmdType>DeviceControl</CmdType>}: {@code Result} OK or ERROR. */
public record DeviceControlResponse(long sn, String deviceId, String result) implements ManscdpMessage {
    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.RESPONSE;
    }

    @Override
    public String cmdType() {
        return "DeviceControl";
    }
}
