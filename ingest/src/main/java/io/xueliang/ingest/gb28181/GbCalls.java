package io.xueliang.ingest.gb28181;

import io.xueliang.ingest.sdp.gb28181.GbSdp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The signalling a GB/T 28181 media session needs of the platform: INVITE a device's channel with an offer, and end
 * the call. Implemented over SIP by the platform; the session knows nothing of SIP.
 */
public interface GbCalls {
    /**
     * Invites {@code channel} with {@code offer}; completes with the call once the device answered 200 and was
     * ACKed, or fails: the device is not registered or offline (no INVITE sent), refused, or did not answer.
     *
     * @param hangup run (on the signalling thread) when the device ends the call with its own BYE
     */
    CompletableFuture<Call> invite(GbChannelAddress channel, GbSdp offer, Runnable hangup);

    /** Ends a call (BYE); idempotent, never throws. */
    void bye(Call call);

    /**
     * An established call.
     *
     * @param channel where it goes
     * @param callId  its SIP Call-ID
     * @param answer  the device's SDP answer: where media comes from, the SSRC it will use
     * @param device  where the device's signalling comes from (behind NAT its media comes from there too)
     */
    record Call(GbChannelAddress channel, String callId, GbSdp answer, InetSocketAddress device) {
        /** Whether media from {@code source} may be this call's: the device's address or the answer's. */
        public boolean mediaFrom(InetAddress source) {
            return source.equals(device.getAddress()) || source.getHostAddress().equals(answer.connectionAddress());
        }
    }
}
