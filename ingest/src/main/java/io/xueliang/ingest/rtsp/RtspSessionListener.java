package io.xueliang.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * What a session reports. All calls come on the session's event loop, in order:
 * {@code onPlaying} once, then packets, then {@code onClosed} exactly once (also when the session
 * failed before playing). Implementations must not block.
 */
public interface RtspSessionListener {

    /** PLAY succeeded; {@code tracks} is in track-index order. */
    void onPlaying(RtspClientSession session, List<RtspTrack> tracks);

    /** One RTP packet. Borrowed: valid during the call only; retain or copy to keep it. */
    void onRtp(int track, ByteBuf packet);

    /** One RTCP compound packet; borrowed like {@link #onRtp}. */
    void onRtcp(int track, ByteBuf packet);

    /**
     * A UDP datagram for {@code track} came from an address or port the camera did not announce
     * (an injection attempt, a misconfigured NAT) and was dropped.
     */
    default void onForeignDatagram(int track) {
    }

    /**
     * The session is over and every resource released. {@code cause} is null when
     * {@link RtspClientSession#stop()} ended it, else usually an {@link RtspException}
     * ({@link RtspException#retriable()} tells the supervisor whether to back off or give up).
     */
    void onClosed(Throwable cause);
}
