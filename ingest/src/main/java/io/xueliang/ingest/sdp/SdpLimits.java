package io.xueliang.ingest.sdp;

/**
 * Bounds for parsing an SDP received from a camera; the text comes from the wire.
 *
 * @param maxLines      lines in the description; cameras send 20-60
 * @param maxLineLength characters of one line; a long {@code sprop-parameter-sets} fmtp line
 *                      with SEI-bloated parameter sets stays under 4 KiB
 * @param maxMedia      {@code m=} sections; a camera has video, audio and metadata at most
 */
public record SdpLimits(int maxLines, int maxLineLength, int maxMedia) {
    public static final SdpLimits DEFAULTS = new SdpLimits(512, 8192, 16);

    public SdpLimits {
        if (maxLines <= 0 || maxLineLength <= 0 || maxMedia <= 0) {
            throw new IllegalArgumentException("SDP limits must be > 0: " + maxLines + ", " + maxLineLength + ", " + maxMedia);
        }
    }
}
