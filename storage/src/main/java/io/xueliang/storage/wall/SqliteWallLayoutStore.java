package io.xueliang.storage.wall;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import io.xueliang.sql.SqlJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Wall layouts in the embedded store's {@code wall_layouts} table (schema V11). A tile's camera is kept in a JSON
 * array, an empty tile as {@code ""} (no camera id is empty).
 */
public final class SqliteWallLayoutStore implements WallLayoutStore {
    private final EmbeddedDatabase database;
    private final InstantSource clock;

    public SqliteWallLayoutStore(EmbeddedDatabase database, InstantSource clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<WallLayout> list(String userId) {
        return database.read(connection -> {
            record Row(int size, long updated, List<String> cameras) { }
            Map<String, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT l.name, l.size, l.updated_micros, j.value"
                    + " FROM wall_layouts l LEFT JOIN json_each(l.cameras) j WHERE l.user_uid = ?"
                    + " ORDER BY l.name, j.key")) {
                st.setString(1, userId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Row row = rows.get(rs.getString(1));
                        if (row == null) {
                            row = new Row(rs.getInt(2), rs.getLong(3), new ArrayList<>());
                            rows.put(rs.getString(1), row);
                        }
                        String camera = rs.getString(4);
                        if (camera != null) {
                            row.cameras().add(camera.isEmpty() ? null : camera);
                        }
                    }
                }
            }
            List<WallLayout> out = new ArrayList<>(rows.size());
            rows.forEach((name, r) -> out.add(new WallLayout(name, r.size(), r.cameras(),
                    SqlInstants.instant(r.updated()))));
            return out;
        });
    }

    @Override
    public CompletableFuture<Boolean> save(String userId, WallLayout layout) {
        String cameras = SqlJson.array(layout.cameras().stream().map(c -> c == null ? "" : c).toList());
        long now = SqlInstants.micros(clock.instant());
        return database.submit(connection -> {
            boolean exists;
            int count;
            try (PreparedStatement st = connection.prepareStatement("SELECT count(*),"
                    + " sum(name = ?) FROM wall_layouts WHERE user_uid = ?")) {
                st.setString(1, layout.name());
                st.setString(2, userId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                    exists = rs.getInt(2) > 0;
                }
            }
            if (!exists && count >= MAX_LAYOUTS_PER_USER) {
                throw new TooManyLayoutsException();
            }
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO wall_layouts (user_uid, name, size,"
                    + " cameras, updated_micros) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_uid, name) DO UPDATE SET"
                    + " size = excluded.size, cameras = excluded.cameras, updated_micros = excluded.updated_micros")) {
                st.setString(1, userId);
                st.setString(2, layout.name());
                st.setInt(3, layout.size());
                st.setString(4, cameras);
                st.setLong(5, now);
                st.executeUpdate();
            }
            return !exists;
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(String userId, String name) {
        return database.submit(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "DELETE FROM wall_layouts WHERE user_uid = ? AND name = ?")) {
                st.setString(1, userId);
                st.setString(2, name);
                return st.executeUpdate() > 0;
            }
        });
    }
}
