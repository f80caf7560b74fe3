package io.xueliang.ingest.gb28181;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The source of a camera that is a GB/T 28181 channel: {@code gb28181:<device id>/<channel id>}, both 20 digits. The
 * registry writes it for the channels a device's catalog brings; ingest reads it to know whom to INVITE.
 *
 * @param deviceId  the registered device (camera, NVR or lower platform) the INVITE goes to
 * @param channelId the channel asked for, in the INVITE's request URI and SDP
 */
public record GbChannelAddress(String deviceId, String channelId) {
    public static final String SCHEME = "gb28181";
    private static final Pattern ID = Pattern.compile("[0-9]{20}");

    public GbChannelAddress {
        if (deviceId == null || !ID.matcher(deviceId).matches() || channelId == null
                || !ID.matcher(channelId).matches()) {
            throw new IllegalArgumentException("GB/T 28181 ids are 20 digits: " + deviceId + "/" + channelId);
        }
    }

    /** The address in {@code source}, empty when it is no {@code gb28181:} URI or a malformed one. */
    public static Optional<GbChannelAddress> of(URI source) {
        if (source == null || !SCHEME.equalsIgnoreCase(source.getScheme()) || !source.isOpaque()) {
            return Optional.empty();
        }
        String[] parts = source.getSchemeSpecificPart().split("/", -1);
        if (parts.length != 2 || !ID.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new GbChannelAddress(parts[0], parts[1]));
    }

    public URI uri() {
        return URI.create(SCHEME + ":" + deviceId + "/" + channelId);
    }
}
