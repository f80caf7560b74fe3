package io.xueliang.ingest.manscdp;

/**
 * {@code <Notify><CmdType>Keepalive</CmdType>}: a device or lower platform saying it is alive.
 *
 * @param statusOk false only when the device says {@code <Status>ERROR</Status>}; a missing Status
 *                 (seen in the field) means OK
 */
public record Keepalive(long sn, String deviceId, boolean statusOk) implements ManscdpMessage {
    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.NOTIFY;
    }

    @Override
    public String cmdType() {
        return "Keepalive";
    }
}
