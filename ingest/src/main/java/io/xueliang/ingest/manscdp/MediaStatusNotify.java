package io.xueliang.ingest.manscdp;

/**
 * {@code <Notify><CmdType>MediaStatus</CmdType>}: a device's note on a media session; NotifyType
 * 121 says a playback or download reached its end, and the platform should send BYE.
 */
public record MediaStatusNotify(long sn, String deviceId, int notifyType) implements ManscdpMessage {
    /** NotifyType of "playback or download finished". */
    public static final int PLAYBACK_FINISHED = 121;

    public boolean playbackFinished() {
        return notifyType == PLAYBACK_FINISHED;
    }

    @Override
    public ManscdpRoot root() {
        return ManscdpRoot.NOTIFY;
    }

    @Override
    public String cmdType() {
        return "MediaStatus";
    }
}
