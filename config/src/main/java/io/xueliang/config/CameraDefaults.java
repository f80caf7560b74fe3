package io.xueliang.config;

/**
 * Values a camera takes for every key it leaves out (mediamtx {@code pathDefaults}).
 *
 * @param transport RTP transport
 * @param record record the camera to segments
 * @param live offer live view
 * @param plates decode and read licence plates (costs CPU: decoding)
 * @param enabled connect to the camera at all
 * @param auth which RTSP authentication the credentials may answer; Basic sends the password in clear
 */
public record CameraDefaults(Transport transport, boolean record, boolean live, boolean plates, boolean enabled,
        CameraAuth auth) {
    public CameraDefaults {
        Require.nonNull("transport", transport);
        Require.nonNull("auth", auth);
    }

    /** Defaults with {@code auth: digest}. */
    public CameraDefaults(Transport transport, boolean record, boolean live, boolean plates, boolean enabled) {
        this(transport, record, live, plates, enabled, CameraAuth.DIGEST);
    }

    public static CameraDefaults defaults() {
        return new CameraDefaults(Transport.AUTO, true, true, false, true, CameraAuth.DIGEST);
    }
}
