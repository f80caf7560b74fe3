package io.xueliang.ingest.gb28181;

import io.xueliang.media.CameraId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 20-digit codes (GB/T 28181 Appendix D) under which a superior platform sees our cameras and regions.
 *
 * <p>A camera whose id is already a 20-digit code (a GB/T 28181 channel of a device under us) keeps it, as platforms
 * pass their devices' codes upward. Any other camera gets {@code domain + 132 + seven digits}, and a region node
 * {@code domain + 216 + seven digits} (a virtual organisation); the seven digits come from a hash of the camera id or
 * region path, so they stay the same across restarts. Two keys of one hash take the next free number in the order
 * they were first asked for; a code once given stays with its key while the process runs. Bounded: at most
 * {@link #MAX_CODES}; beyond, keys get no code (and stay out of the catalog).
 */
final class GbCascadeCodes {
    static final int MAX_CODES = 1_000_000;
    private static final int SPACE = 10_000_000;
    private static final String IP_CAMERA = "132";
    private static final String VIRTUAL_ORGANISATION = "216";

    private final String domain;
    private final Map<String, String> codeByKey = new HashMap<>();
    private final Map<String, String> keyByCode = new HashMap<>();

    GbCascadeCodes(String domain) {
        this.domain = domain;
    }

    /** The code of a camera; empty when the table is full. */
    synchronized Optional<String> camera(CameraId camera) {
        String id = camera.value();
        if (isCode(id)) {
            keyByCode.putIfAbsent(id, "c:" + id);
            return Optional.of(id);
        }
        return code("c:" + id, IP_CAMERA);
    }

    /** The code of a region node, such as {@code [湘潭县, 易俗河镇]}; empty when the table is full. */
    synchronized Optional<String> region(List<String> path) {
        return code("r:" + String.join("/", path), VIRTUAL_ORGANISATION);
    }

    /**
     * The camera a code was given to; a code never given that is a camera's own id (a device's channel) names that
     * camera. Whether the camera exists, and may be seen, is the caller's to check.
     */
    synchronized Optional<CameraId> cameraOf(String code) {
        String key = keyByCode.get(code);
        if (key != null) {
            return key.startsWith("c:") ? Optional.of(CameraId.of(key.substring(2))) : Optional.empty();
        }
        return isCode(code) ? Optional.of(CameraId.of(code)) : Optional.empty();
    }

    private Optional<String> code(String key, String type) {
        String known = codeByKey.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (codeByKey.size() >= MAX_CODES) {
            return Optional.empty();
        }
        int n = hash(key);
        String code;
        while (keyByCode.containsKey(code = domain + type + String.format("%07d", n))) {
            n = (n + 1) % SPACE;
        }
        codeByKey.put(key, code);
        keyByCode.put(code, key);
        return Optional.of(code);
    }

    private static int hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
            return (int) (v % SPACE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean isCode(String id) {
        return id.length() == 20 && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
