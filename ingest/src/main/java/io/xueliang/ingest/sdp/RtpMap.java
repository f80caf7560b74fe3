package io.xueliang.ingest.sdp;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]} (RFC 8866 §6.6).
 * The encoding name is upper-cased: cameras write {@code H264}, {@code h264} and
 * {@code mpeg4-generic} alike.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, OptionalInt channels) {

    static RtpMap parse(String value) {
        String[] pt = value.strip().split("\\s+", 2);
        if (pt.length != 2) {
            throw new IllegalArgumentException("rtpmap needs '<pt> <encoding>/<rate>'");
        }
        String[] parts = pt[1].strip().split("/");
        if (parts.length < 2) {
            throw new IllegalArgumentException("rtpmap needs a clock rate");
        }
        OptionalInt channels = parts.length > 2 && !parts[2].isBlank()
                ? OptionalInt.of(Integer.parseInt(parts[2].strip())) : OptionalInt.empty();
        return new RtpMap(Integer.parseInt(pt[0]), parts[0].strip().toUpperCase(Locale.ROOT),
                Integer.parseInt(parts[1].strip()), channels);
    }

    /** RFC 3551 static payload types a camera may use without an rtpmap line. */
    static RtpMap staticType(int payloadType) {
        return switch (payloadType) {
            case 0 -> new RtpMap(0, "PCMU", 8000, OptionalInt.of(1));
            case 8 -> new RtpMap(8, "PCMA", 8000, OptionalInt.of(1));
            case 26 -> new RtpMap(26, "JPEG", 90000, OptionalInt.empty());
            default -> null;
        };
    }
}
