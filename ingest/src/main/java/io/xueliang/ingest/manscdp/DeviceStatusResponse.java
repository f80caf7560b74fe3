package io.xueliang.ingest.manscdp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <Response><CmdType>DeviceStatus</CmdType>}: a device's state. Text fields are kept as sent,
 * upper-cased ({@code ONLINE}/{@code OFFLINE}, {@code OK}/{@code ERROR}, {@code ON}/{@code OFF}), empty
 * when absent.
 *
 * @param deviceTime  the device's clock, read in the parser's zone; empty when absent or unreadable
 * @param alarmStatus {@code <Alarmstatus>} items: an alarm input's DeviceID and its DutyStatus
 *                    (ONDUTY, OFFDUTY, ALARM)
 */
public record DeviceStatusResponse(long sn, String deviceId, String result, String online, String status,
                                   String encode, String record, Optional<Instant> deviceTime,
                                   List<AlarmStatus> alarmStatus) implements ManscdpMessage {

    public DeviceStatusResponse {
        alarmStatus = List.copyOf(alarmStatus);
    }

    /** One alarm input's duty status. */
    public record AlarmStatus(String deviceId, String dutyStatus) {
    }

    /** True when the device says {@code ONLINE} (or {@code ON}). */
    public boolean isOnline() {
        return online.equals("ONLINE") || online.equals("ON");
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.RESPONSE;
    }

    @Override
    public String cmdType() {
        return "DeviceStatus";
    }
}
