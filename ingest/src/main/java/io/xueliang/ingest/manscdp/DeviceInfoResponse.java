package io.xueliang.ingest.manscdp;

import java.util.OptionalInt;

/**
 * {@code <Response><CmdType>DeviceInfo</CmdType>}: what a device says it is. Text fields are empty
 * when absent.
 *
 * @param result  {@code OK} or {@code ERROR}; empty when absent (most devices leave it out on success)
 * @param channel the number of video channels
 */
public record DeviceInfoResponse(long sn, String deviceId, String result, String deviceName, String manufacturer,
                                 String model, String firmware, OptionalInt channel) implements ManscdpMessage {
    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.RESPONSE;
    }

    @Override
    public String cmdType() {
        return "DeviceInfo";
    }
}
