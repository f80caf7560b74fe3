package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.sdp.gb28181.GbMediaTransport;
import io.xueliang.ingest.sdp.gb28181.GbSdp;
import io.xueliang.ingest.sdp.gb28181.GbSessionType;
import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import java.time.Instant;

/**
 * What a media session asks a device for: its channel live ({@code s=Play}), or what the device recorded between two
 * instants ({@code s=Playback} at real time, {@code s=Download} at a multiple of it), with an SSRC of the matching
 * kind (history SSRCs start with 1, GB/T 28181 Appendix F).
 *
 * @param downloadSpeed for a download, the multiple of real time asked ({@code a=downloadspeed}); else 1
 */
record GbCallKind(GbSessionType type, Instant start, Instant end, int downloadSpeed) {
    static final GbCallKind LIVE = new GbCallKind(GbSessionType.PLAY, null, null, 1);

    GbCallKind {
        if (type != GbSessionType.PLAY && (start == null || end == null || !start.isBefore(end))) {
            throw new IllegalArgumentException("a playback or download needs a start before its end");
        }
        if (downloadSpeed < 1 || downloadSpeed > 16) {
            throw new IllegalArgumentException("download speed " + downloadSpeed + " must be 1-16");
        }
    }

    static GbCallKind playback(Instant start, Instant end) {
        return new GbCallKind(GbSessionType.PLAYBACK, start, end, 1);
    }

    boolean history() {
        return type != GbSessionType.PLAY;
    }

    /** Our offer for this kind of call. */
    GbSdp offer(String channelId, String ip, int port, GbMediaTransport transport, GbSsrc ssrc) {
        GbSdp offer = GbSdp.offer(type, channelId, ip, port, transport, ssrc);
        if (!history()) {
            return offer;
        }
        offer = offer.withTimeRange(start, end);
        return type == GbSessionType.DOWNLOAD ? offer.withDownloadSpeed(downloadSpeed) : offer;
    }
}
