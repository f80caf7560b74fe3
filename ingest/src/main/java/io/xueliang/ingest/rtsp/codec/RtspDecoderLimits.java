package io.xueliang.ingest.rtsp.codec;

/**
 * Bounds on what one camera connection may make the decoder buffer. Each exists because the
 * size comes from the wire: without it a broken or hostile camera could exhaust memory.
 *
 * @param maxHeaderBytes      start line plus headers of one message; an SDP-sized DESCRIBE
 *                            answer has well under 2 KiB of headers
 * @param maxHeaders          header lines in one message, against header floods
 * @param maxBodyBytes        Content-Length of one message (an SDP); cameras send under 4 KiB
 * @param maxInterleavedBytes payload of one {@code $} frame, at most 65535 by the wire format
 * @param maxGarbageBytes     stray bytes skipped while looking for the next {@code $} or
 *                            {@code RTSP/1.0}; some cameras emit a few after a frame
 */
public record RtspDecoderLimits(int maxHeaderBytes, int maxHeaders, int maxBodyBytes,
                                int maxInterleavedBytes, int maxGarbageBytes) {

    public static final RtspDecoderLimits DEFAULTS = new RtspDecoderLimits(16 * 1024, 64, 64 * 1024,
            InterleavedFrame.MAX_PAYLOAD, 4096);

    public RtspDecoderLimits {
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxHeaders", maxHeaders);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0: " + maxBodyBytes);
        }
        positive("maxInterleavedBytes", maxInterleavedBytes);
        if (maxInterleavedBytes > InterleavedFrame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxInterleavedBytes must be <= 65535: " + maxInterleavedBytes);
        }
        if (maxGarbageBytes < 0) {
            throw new IllegalArgumentException("maxGarbageBytes must be >= 0: " + maxGarbageBytes);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }
}
