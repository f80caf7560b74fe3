package io.xueliang.storage.registry;

import io.xueliang.config.CameraAuth;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.config.UriRedaction;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.storage.secret.SecretBox;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The camera registry in the embedded store's {@code cameras} table (schema V3, auth since V10, GB/T 28181 channels
 * since V12).
 */
public final class SqliteCameraRegistry implements CameraRegistry {
    private static final String COLUMNS = "id, name, region_key, lat, lon, source_sealed, substream_sealed, transport,"
            + " record, live, plates, enabled, direction, origin, created_micros, updated_micros, auth";
    private static final int COLUMN_COUNT = 17;

    private final EmbeddedDatabase database;
    private final SecretBox secrets;
    private final InstantSource clock;

    public SqliteCameraRegistry(EmbeddedDatabase database, SecretBox secrets, InstantSource clock) {
        this.database = database;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<RegisteredCamera> put(Camera camera, CameraOrigin origin) {
        checkRegion(camera.region());
        return database.submit(c -> upsert(c, camera, origin, null, now()));
    }

    @Override
    public CompletableFuture<ImportOutcome> importAll(List<Camera> cameras) {
        cameras.forEach(cam -> checkRegion(cam.region()));
        return database.submit(c -> {
            Map<CameraId, CameraOrigin> existing = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, origin FROM cameras")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        existing.put(CameraId.of(rs.getString(1)),
                                CameraOrigin.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)));
                    }
                }
            }
            List<CameraId> fileOwned = cameras.stream().map(Camera::id)
                    .filter(id -> existing.get(id) == CameraOrigin.CONFIG).toList();
            if (!fileOwned.isEmpty()) {
                throw new FileOwnedCamerasException(fileOwned);
            }
            Instant now = now();
            List<RegisteredCamera> registered = new ArrayList<>(cameras.size());
            int replaced = 0;
            for (Camera cam : cameras) {
                replaced += existing.containsKey(cam.id()) ? 1 : 0;
                registered.add(upsert(c, cam, CameraOrigin.API, null, now));
            }
            return new ImportOutcome(registered, replaced);
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(CameraId id) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM cameras WHERE id = ?")) {
                s.setString(1, id.value());
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<RegisteredCamera> get(CameraId id) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras WHERE id = ?")) {
                s.setString(1, id.value());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<RegisteredCamera> list(CameraQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cameras WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!q.region().isEmpty()) {
            // Prefix match on the region path; the bound upper key is the prefix with its last char bumped.
            String prefix = regionKey(q.region());
            sql.append(" AND region_key >= ? AND region_key < ?");
            args.add(prefix);
            args.add(prefix.substring(0, prefix.length() - 1) + (char) ('/' + 1));
        }
        if (q.role() != null) {
            sql.append(" AND ").append(q.role()).append(" = 1"); // validated to record|live|plates
        }
        if (q.after() != null) {
            sql.append(" AND id > ?");
            args.add(q.after());
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(q.limit());
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                return rows(s);
            }
        });
    }

    @Override
    public List<RegisteredCamera> all() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras ORDER BY id")) {
                return rows(s);
            }
        });
    }

    @Override
    public CompletableFuture<ConfigSync> syncFromConfig(List<Camera> cameras) {
        cameras.forEach(cam -> checkRegion(cam.region()));
        return database.submit(c -> {
            Map<CameraId, RegisteredCamera> existing = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM cameras")) {
                for (RegisteredCamera r : rows(s)) {
                    existing.put(r.camera().id(), r);
                }
            }
            Instant now = now();
            List<Camera> upserted = new ArrayList<>();
            for (Camera cam : cameras) {
                RegisteredCamera old = existing.remove(cam.id());
                if (old == null || old.origin() != CameraOrigin.CONFIG || !old.camera().equals(cam)) {
                    upsert(c, cam, CameraOrigin.CONFIG, null, now);
                    upserted.add(cam);
                }
            }
            List<CameraId> removed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("DELETE FROM cameras WHERE id = ?")) {
                for (RegisteredCamera left : existing.values()) {
                    if (left.origin() == CameraOrigin.CONFIG) {
                        s.setString(1, left.camera().id().value());
                        s.executeUpdate();
                        removed.add(left.camera().id());
                    }
                }
            }
            return new ConfigSync(upserted, removed);
        });
    }

    @Override
    public CompletableFuture<GbSync> syncGbDevice(String deviceId, List<Camera> channels, boolean removeMissing) {
        channels.forEach(cam -> checkRegion(cam.region()));
        return database.submit(c -> {
            Map<CameraId, RegisteredCamera> existing = new HashMap<>();
            Map<CameraId, String> devices = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", gb_device FROM cameras WHERE id = ?")) {
                for (Camera cam : channels) {
                    s.setString(1, cam.id().value());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            existing.put(cam.id(), row(rs));
                            devices.put(cam.id(), rs.getString(COLUMN_COUNT + 1));
                        }
                    }
                }
            }
            Instant now = now();
            List<Camera> upserted = new ArrayList<>();
            List<CameraId> refused = new ArrayList<>();
            Set<CameraId> kept = new HashSet<>();
            for (Camera cam : channels) {
                RegisteredCamera old = existing.get(cam.id());
                if (old != null && old.origin() != CameraOrigin.GB28181) {
                    refused.add(cam.id());
                    continue;
                }
                kept.add(cam.id());
                Camera merged = old == null ? cam : new Camera(cam.id(), cam.name(), old.camera().region(),
                        cam.location() == null ? old.camera().location() : cam.location(), cam.source(),
                        old.camera().substream(), old.camera().transport(), old.camera().record(), old.camera().live(),
                        old.camera().plates(), old.camera().enabled(), old.camera().direction(), old.camera().auth());
                if (old == null || !old.camera().equals(merged) || !deviceId.equals(devices.get(cam.id()))) {
                    upsert(c, merged, CameraOrigin.GB28181, deviceId, now);
                    upserted.add(merged);
                }
            }
            List<CameraId> removed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM cameras WHERE gb_device = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM cameras WHERE id = ?")) {
                s.setString(1, deviceId);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                for (String id : ids) {
                    if (removeMissing && !kept.contains(CameraId.of(id))) {
                        delete.setString(1, id);
                        delete.executeUpdate();
                        removed.add(CameraId.of(id));
                    }
                }
            }
            return new GbSync(upserted, removed, refused);
        });
    }

    private RegisteredCamera upsert(Connection c, Camera cam, CameraOrigin origin, String gbDevice, Instant now)
            throws SQLException {
        Instant created = now;
        try (PreparedStatement s = c.prepareStatement("SELECT created_micros FROM cameras WHERE id = ?")) {
            s.setString(1, cam.id().value());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    created = fromMicros(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO cameras (" + COLUMNS
                + ", source_redacted, substream_redacted, gb_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, cam.id().value());
            s.setString(2, cam.name());
            s.setString(3, regionKey(cam.region()));
            if (cam.location() == null) {
                s.setNull(4, Types.REAL);
                s.setNull(5, Types.REAL);
            } else {
                s.setDouble(4, cam.location().lat());
                s.setDouble(5, cam.location().lon());
            }
            s.setBytes(6, secrets.seal(cam.source().toString()));
            s.setBytes(7, cam.substream() == null ? null : secrets.seal(cam.substream().toString()));
            s.setString(8, cam.transport().name());
            s.setInt(9, cam.record() ? 1 : 0);
            s.setInt(10, cam.live() ? 1 : 0);
            s.setInt(11, cam.plates() ? 1 : 0);
            s.setInt(12, cam.enabled() ? 1 : 0);
            s.setString(13, cam.direction());
            s.setString(14, origin.name().toLowerCase(Locale.ROOT));
            s.setLong(15, micros(created));
            s.setLong(16, micros(now));
            s.setString(17, cam.auth().name().toLowerCase(Locale.ROOT));
            s.setString(18, UriRedaction.redact(cam.source()).toString());
            s.setString(19, cam.substream() == null ? null : UriRedaction.redact(cam.substream()).toString());
            s.setString(20, gbDevice);
            s.executeUpdate();
        }
        return new RegisteredCamera(cam, origin, created, now);
    }

    private List<RegisteredCamera> rows(PreparedStatement s) throws SQLException {
        List<RegisteredCamera> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private RegisteredCamera row(ResultSet rs) throws SQLException {
        double lat = rs.getDouble(4);
        Location location = rs.wasNull() ? null : new Location(lat, rs.getDouble(5));
        byte[] substream = rs.getBytes(7);
        Camera camera = new Camera(CameraId.of(rs.getString(1)), rs.getString(2), region(rs.getString(3)), location,
                URI.create(secrets.open(rs.getBytes(6))), substream == null ? null : URI.create(secrets.open(substream)),
                Transport.valueOf(rs.getString(8)), rs.getInt(9) == 1, rs.getInt(10) == 1, rs.getInt(11) == 1,
                rs.getInt(12) == 1, rs.getString(13), CameraAuth.valueOf(rs.getString(17).toUpperCase(Locale.ROOT)));
        return new RegisteredCamera(camera, CameraOrigin.valueOf(rs.getString(14).toUpperCase(Locale.ROOT)),
                fromMicros(rs.getLong(15)), fromMicros(rs.getLong(16)));
    }

    /** {@code [湘潭县, 易俗河镇]} to {@code 湘潭县/易俗河镇/}; the empty region is the empty key. */
    static String regionKey(List<String> region) {
        StringBuilder b = new StringBuilder();
        for (String part : region) {
            b.append(part).append('/');
        }
        return b.toString();
    }

    static List<String> region(String key) {
        return key.isEmpty() ? List.of() : Arrays.asList(key.substring(0, key.length() - 1).split("/"));
    }

    private static void checkRegion(List<String> region) {
        for (String part : region) {
            if (part.isEmpty() || part.indexOf('/') >= 0) {
                throw new IllegalArgumentException("a region name must be non-empty and without '/': " + part);
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant t) {
        return SqlInstants.micros(t);
    }

    private static Instant fromMicros(long micros) {
        return SqlInstants.instant(micros);
    }
}
