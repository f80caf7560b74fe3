package io.xueliang.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration file (DESIGN.md §5); {@code config/reference.yaml} documents every key.
 * Immutable; the server builds one at start and hands each module the part it needs.
 *
 * @param http HTTP server
 * @param storage embedded storage
 * @param recording recording and retention
 * @param ingest RTSP ingest limits and timing
 * @param cameraDefaults values for keys a camera leaves out
 * @param cameras the cameras, ids unique, each already merged with {@code cameraDefaults}
 * @param audit the audit trail's anchoring and retention
 * @param exports evidence export limits
 * @param reads the plate-read store's retention
 * @param gb28181 the GB/T 28181 platform; null when the file has no such section, and then no SIP server runs
 */
public record XueliangConfig(
        HttpConfig http,
        StorageConfig storage,
        RecordingConfig recording,
        IngestConfig ingest,
        PlatesConfig plates,
        CameraDefaults cameraDefaults,
        List<CameraConfig> cameras,
        AuditConfig audit,
        ExportsConfig exports,
        ReadsConfig reads,
        Gb28181Config gb28181) {

    public XueliangConfig {
        Require.nonNull("http", http);
        Require.nonNull("storage", storage);
        Require.nonNull("recording", recording);
        Require.nonNull("ingest", ingest);
        Require.nonNull("plates", plates);
        Require.nonNull("cameraDefaults", cameraDefaults);
        cameras = cameras == null ? List.of() : List.copyOf(cameras);
        Require.nonNull("audit", audit);
        Require.nonNull("exports", exports);
        Require.nonNull("reads", reads);
        // gb28181 may be null: the section is absent and no SIP server runs
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < cameras.size(); i++) {
            String id = cameras.get(i).id();
            Integer first = firstIndex.putIfAbsent(id, i);
            if (first != null) {
                throw new ConfigException("cameras[" + i + "].id",
                        "duplicate camera id '" + id + "', already used by cameras[" + first + "]");
            }
        }
    }

    /** Every section but {@code gb28181}, which is then off. */
    public XueliangConfig(HttpConfig http, StorageConfig storage, RecordingConfig recording, IngestConfig ingest,
            PlatesConfig plates, CameraDefaults cameraDefaults, List<CameraConfig> cameras, AuditConfig audit,
            ExportsConfig exports, ReadsConfig reads) {
        this(http, storage, recording, ingest, plates, cameraDefaults, cameras, audit, exports, reads, null);
    }

    /** The sections before {@code audit}, with the defaults for the rest. */
    public XueliangConfig(HttpConfig http, StorageConfig storage, RecordingConfig recording, IngestConfig ingest,
            PlatesConfig plates, CameraDefaults cameraDefaults, List<CameraConfig> cameras) {
        this(http, storage, recording, ingest, plates, cameraDefaults, cameras, AuditConfig.defaults(),
                ExportsConfig.defaults(), ReadsConfig.defaults());
    }

    /** The configuration of an empty file: every default, no cameras. */
    public static XueliangConfig defaults() {
        return new XueliangConfig(HttpConfig.defaults(), StorageConfig.defaults(), RecordingConfig.defaults(),
                IngestConfig.defaults(), PlatesConfig.defaults(), CameraDefaults.defaults(), List.of());
    }

    /** The GB/T 28181 section, empty when the file has none (no SIP server). */
    public Optional<Gb28181Config> gb28181Section() {
        return Optional.ofNullable(gb28181);
    }

    /** The camera with this id, if configured. */
    public Optional<CameraConfig> camera(String id) {
        return cameras.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
