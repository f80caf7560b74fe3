package io.xueliang.ingest.manscdp;

/**
 * A well-formed body with a CmdType this package does not model (ConfigDownload, PresetQuery,
 * MobilePosition...): the SIP layer answers 200 and may ignore it.
 */
public record UnknownMessage(ManscdpRoot root, String cmdType, long sn, String deviceId) implements ManscdpMessage {
}
