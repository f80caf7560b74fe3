package io.xueliang.ingest.simulator;

import java.util.Locale;

/** Maps request URIs {@code rtsp://host:port/camN[/trackID=0]} to camera numbers. */
final class CameraPath {
    private CameraPath() {
    }

    /** The camera number 1..cameras the URI names, or -1. */
    static int camera(String uri, int cameras) {
        String path = path(uri);
        String[] segments = path.split("/");
        int n = 0;
        String cam = null;
        String track = null;
        for (String s : segments) {
            if (s.isEmpty()) {
                continue;
            }
            if (n == 0) {
                cam = s;
            } else if (n == 1) {
                track = s;
            }
            n++;
        }
        if (cam == null || n > 2 || (track != null && !track.equals(SdpDescription.TRACK))) {
            return -1;
        }
        String lower = cam.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("cam") || lower.length() > 9 || lower.length() == 3) {
            return -1;
        }
        for (int i = 3; i < lower.length(); i++) {
            if (!Character.isDigit(lower.charAt(i))) {
                return -1;
            }
        }
        int number = Integer.parseInt(lower.substring(3));
        return number >= 1 && number <= cameras ? number : -1;
    }

    /** The URI without a trailing track segment or slash, used as the base URL. */
    static String withoutTrack(String uri) {
        String u = uri;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        if (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (u.endsWith("/" + SdpDescription.TRACK)) {
            u = u.substring(0, u.length() - SdpDescription.TRACK.length() - 1);
        }
        return u;
    }

    private static String path(String uri) {
        String u = uri;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        int scheme = u.indexOf("://");
        if (scheme >= 0) {
            int slash = u.indexOf('/', scheme + 3);
            u = slash < 0 ? "" : u.substring(slash);
        }
        return u;
    }
}
