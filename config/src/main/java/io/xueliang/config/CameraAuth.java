package io.xueliang.config;

import java.util.Locale;

/**
 * Which RTSP authentication a camera's credentials may answer. Basic (RFC 7617) puts the password
 * on the wire in base64, readable by anyone on the path; Digest never sends it. Plain RTSP has no
 * TLS, so Basic is used only for a camera configured to allow it.
 */
public enum CameraAuth {
    /** Digest only (the default): a camera that offers only Basic is refused with a message naming this key. */
    DIGEST,
    /** Digest when the camera offers it, else Basic: for old DVRs that know only Basic. */
    ANY,
    /** Basic even when Digest is offered: for cameras whose Digest is broken. */
    BASIC;

    /** The spelling in the configuration file: {@code digest}, {@code any} or {@code basic}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether Basic may be answered at all. */
    public boolean allowsBasic() {
        return this != DIGEST;
    }
}
