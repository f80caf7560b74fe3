package io.xueliang.ingest.manscdp;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code <Notify><CmdType>Alarm</CmdType>}: an alarm from a device (its basic fields; text empty when
 * absent).
 *
 * @param alarmPriority 1 first-level (highest) to 4
 * @param alarmMethod   1 telephone, 2 device, 3 SMS, 4 GPS, 5 video, 6 device fault, 7 other
 * @param alarmType     {@code Info/AlarmType}, depending on the method
 */
public record AlarmNotify(long sn, String deviceId, String alarmPriority, String alarmMethod,
                          Optional<Instant> alarmTime, String alarmDescription, OptionalDouble longitude,
                          OptionalDouble latitude, OptionalInt alarmType) implements ManscdpMessage {
    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.NOTIFY;
    }

    @Override
    public String cmdType() {
        return "Alarm";
    }
}
