package io.xueliang.ingest.manscdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <Control><CmdType>DeviceControl</CmdType>}: a command to a device, most often PTZ.
 *
 * @param ptz           {@code PTZCmd}, decoded
 * @param otherCommands the other single-valued commands, by element name ({@code TeleBoot},
 *                      {@code RecordCmd}, {@code GuardCmd}, {@code AlarmCmd}, {@code IFameCmd}...),
 *                      in order
 */
public record DeviceControl(long sn, String deviceId, Optional<PtzCommand> ptz, Map<String, String> otherCommands)
        implements ManscdpMessage {

    public DeviceControl {
        otherCommands = Collections.unmodifiableMap(new LinkedHashMap<>(otherCommands));
    }

    /** A PTZ command and nothing else. */
    public static DeviceControl ptz(long sn, String deviceId, PtzCommand command) {
        return new DeviceControl(sn, deviceId, Optional.of(command), Map.of());
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.CONTROL;
    }

    @Override
    public String cmdType() {
        return "DeviceControl";
    }
}
