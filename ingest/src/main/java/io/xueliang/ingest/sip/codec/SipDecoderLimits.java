package io.xueliang.ingest.sip.codec;

/**
 * Bounds on what one SIP peer can make a decoder hold. Each exists because the size comes from the wire: without
 * it a broken or hostile device (there are thousands on a GB/T 28181 platform) could exhaust memory.
 *
 * @param maxStartLineBytes  request or status line; GB request URIs are ~50 bytes
 *                           ({@code MESSAGE sip:34020000001320000001@3402000000 SIP/2.0}), 1 KiB leaves room for
 *                           URI parameters
 * @param maxHeaderLineBytes one header after unfolding; the longest real ones are Authorization and
 *                           WWW-Authenticate (~300 bytes) and a Via list, 4 KiB
 * @param maxHeaders         header lines in one message; devices send 10-15, 64 stops header floods
 * @param maxHeaderBytes     start line plus headers plus the blank line; 8 KiB is several times what any
 *                           device sends, and is what a TCP peer can make us buffer before a body
 * @param maxBodyBytes       Content-Length (or, on UDP, the rest of the datagram); a Catalog answer comes in many
 *                           MESSAGEs of a few KiB each and an INVITE's SDP is under 1 KiB, so 64 KiB (the UDP
 *                           datagram limit too) is generous without letting a peer park megabytes per connection
 */
public record SipDecoderLimits(int maxStartLineBytes, int maxHeaderLineBytes, int maxHeaders, int maxHeaderBytes,
                               int maxBodyBytes) {

    public static final SipDecoderLimits DEFAULTS = new SipDecoderLimits(1024, 4096, 64, 8 * 1024, 64 * 1024);

    public SipDecoderLimits {
        positive("maxStartLineBytes", maxStartLineBytes);
        positive("maxHeaderLineBytes", maxHeaderLineBytes);
        positive("maxHeaders", maxHeaders);
        positive("maxHeaderBytes", maxHeaderBytes);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0: " + maxBodyBytes);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
