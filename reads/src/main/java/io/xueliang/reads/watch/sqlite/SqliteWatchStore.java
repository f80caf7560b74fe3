package io.xueliang.reads.watch.sqlite;

import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.HeldRange;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.sqlite.RetainedRowsSql;
import io.xueliang.reads.watch.AlertQuery;
import io.xueliang.reads.watch.PlateAlert;
import io.xueliang.reads.watch.RegionPaths;
import io.xueliang.reads.watch.WatchStore;
import io.xueliang.reads.watch.Watchlist;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import io.xueliang.sql.SqlUuids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@link WatchStore} in the read store's database ({@code reads.db}, the tables of {@code V2__watchlists.sql}). A list
 * and its entries change in one write task, so a reader never sees half a change. {@code ON CONFLICT (read_id,
 * watchlist_id) DO NOTHING} keeps one alert per read and list however often the read is delivered.
 */
public final class SqliteWatchStore implements WatchStore {
    private static final String LIST_COLUMNS = "id, name, reason, case_reference, owner_name, owner_id, owner_regions,"
            + " expires_micros, created_micros, changed_micros, changed_by";
    private static final String ALERT_COLUMNS = "seq, read_id, watchlist_id, watchlist_name, reason, case_reference,"
            + " matched, camera, camera_region, time_micros, plate, plate_text, raised_micros, acknowledged_by,"
            + " acknowledged_micros, note";

    private final EmbeddedDatabase database;

    /** @param database the read store's database, migrated to {@code V2__watchlists.sql} or later */
    public SqliteWatchStore(EmbeddedDatabase database) {
        this.database = database;
    }

    @Override
    public Watchlist create(Watchlist list) {
        return write(c -> {
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO watchlist (name, reason, case_reference,"
                    + " owner_name, owner_id, owner_regions, expires_micros, created_micros, changed_micros,"
                    + " changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                st.setString(1, list.name());
                st.setString(2, list.reason());
                st.setString(3, list.caseReference());
                st.setString(4, list.owner().name());
                st.setString(5, list.owner().id());
                st.setString(6, RegionPaths.encode(list.owner().regions()));
                st.setLong(7, SqlInstants.micros(list.expiresAt()));
                st.setLong(8, SqlInstants.micros(list.createdAt()));
                st.setLong(9, SqlInstants.micros(list.changedAt()));
                st.setString(10, list.changedBy());
                st.executeUpdate();
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            insertEntries(c, id, list.entries());
            return withId(list, id);
        });
    }

    @Override
    public Optional<Watchlist> replace(Watchlist list) {
        return write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE watchlist SET name = ?, reason = ?,"
                    + " case_reference = ?, expires_micros = ?, changed_micros = ?, changed_by = ? WHERE id = ?")) {
                st.setString(1, list.name());
                st.setString(2, list.reason());
                st.setString(3, list.caseReference());
                st.setLong(4, SqlInstants.micros(list.expiresAt()));
                st.setLong(5, SqlInstants.micros(list.changedAt()));
                st.setString(6, list.changedBy());
                st.setLong(7, list.id());
                if (st.executeUpdate() == 0) {
                    return Optional.<Watchlist>empty();
                }
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM watchlist_entry WHERE watchlist_id = ?")) {
                st.setLong(1, list.id());
                st.executeUpdate();
            }
            insertEntries(c, list.id(), list.entries());
            return Optional.of(list);
        });
    }

    private static void insertEntries(Connection c, long id, List<PlatePattern> entries) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO watchlist_entry (watchlist_id, pattern,"
                + " position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            int position = 0;
            for (PlatePattern p : entries) {
                st.setLong(1, id);
                st.setString(2, p.normalised());
                st.setInt(3, position++);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static Watchlist withId(Watchlist l, long id) {
        return new Watchlist(id, l.name(), l.reason(), l.caseReference(), l.owner(), l.expiresAt(), l.createdAt(),
                l.changedAt(), l.changedBy(), l.entries());
    }

    @Override
    public boolean delete(long id) {
        return write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM watchlist WHERE id = ?")) {
                st.setLong(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<Watchlist> get(long id) {
        List<Watchlist> one = lists(id);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.getFirst());
    }

    @Override
    public List<Watchlist> all() {
        return lists(null);
    }

    /** Lists and their entries, read in one transaction of one connection so that they agree. */
    private List<Watchlist> lists(Long id) {
        return database.read(c -> {
            Map<Long, Watchlist> lists = new LinkedHashMap<>();
            Map<Long, List<PlatePattern>> entries = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + LIST_COLUMNS + " FROM watchlist"
                    + (id == null ? "" : " WHERE id = ?") + " ORDER BY id")) {
                if (id != null) {
                    st.setLong(1, id);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long listId = rs.getLong("id");
                        lists.put(listId, new Watchlist(listId, rs.getString("name"), rs.getString("reason"),
                                rs.getString("case_reference"), new Watchlist.Owner(rs.getString("owner_name"),
                                        rs.getString("owner_id"), RegionPaths.decode(rs.getString("owner_regions"))),
                                SqlInstants.instant(rs.getLong("expires_micros")),
                                SqlInstants.instant(rs.getLong("created_micros")),
                                SqlInstants.instant(rs.getLong("changed_micros")), rs.getString("changed_by"),
                                List.of()));
                        entries.put(listId, new ArrayList<>());
                    }
                }
            }
            if (lists.isEmpty()) {
                return List.of();
            }
            try (PreparedStatement st = c.prepareStatement("SELECT watchlist_id, pattern FROM watchlist_entry"
                    + (id == null ? "" : " WHERE watchlist_id = ?") + " ORDER BY watchlist_id, position")) {
                if (id != null) {
                    st.setLong(1, id);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        List<PlatePattern> of = entries.get(rs.getLong(1));
                        if (of != null) {
                            of.add(new PlatePattern(rs.getString(2), false));
                        }
                    }
                }
            }
            List<Watchlist> out = new ArrayList<>(lists.size());
            lists.forEach((listId, l) -> out.add(new Watchlist(listId, l.name(), l.reason(), l.caseReference(),
                    l.owner(), l.expiresAt(), l.createdAt(), l.changedAt(), l.changedBy(), entries.get(listId))));
            return out;
        });
    }

    @Override
    public Optional<PlateAlert> raise(PlateAlert a) {
        return write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO plate_alert (read_id, watchlist_id,"
                    + " watchlist_name, reason, case_reference, matched, camera, camera_region, time_micros, plate,"
                    + " plate_text, raised_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (read_id, watchlist_id) DO NOTHING", Statement.RETURN_GENERATED_KEYS)) {
                st.setBytes(1, SqlUuids.bytes(a.readId()));
                st.setLong(2, a.watchlistId());
                st.setString(3, a.watchlistName());
                st.setString(4, a.reason());
                st.setString(5, a.caseReference());
                st.setString(6, a.matched());
                st.setString(7, a.camera().value());
                st.setString(8, RegionPaths.encode(List.of(a.cameraRegion())));
                st.setLong(9, SqlInstants.micros(a.time()));
                st.setString(10, a.normalised());
                st.setString(11, a.plate());
                st.setLong(12, SqlInstants.micros(a.raisedAt()));
                if (st.executeUpdate() == 0) {
                    return Optional.<PlateAlert>empty();
                }
                try (ResultSet keys = st.getGeneratedKeys()) {
                    keys.next();
                    return Optional.of(a.withId(keys.getLong(1)));
                }
            }
        });
    }

    @Override
    public Optional<PlateAlert> alert(long id) {
        List<PlateAlert> one = alertQuery("SELECT " + ALERT_COLUMNS + " FROM plate_alert WHERE seq = ?", List.of(id));
        return one.isEmpty() ? Optional.empty() : Optional.of(one.getFirst());
    }

    @Override
    public List<PlateAlert> alerts(AlertQuery q) {
        if (!q.cameras().any() && q.cameras().ids().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM plate_alert WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND time_micros >= ?");
            args.add(SqlInstants.micros(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND time_micros < ?");
            args.add(SqlInstants.micros(q.to()));
        }
        if (q.acknowledged() != null) {
            sql.append(q.acknowledged() ? " AND acknowledged_micros IS NOT NULL" : " AND acknowledged_micros IS NULL");
        }
        if (q.before() > 0) {
            sql.append(" AND seq < ?");
            args.add(q.before());
        }
        cameraCondition(q.cameras(), sql, args);
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add((long) q.limit());
        return alertQuery(sql.toString(), args);
    }

    @Override
    public List<PlateAlert> alertsAfter(long afterId, CameraSet cameras, int limit) {
        if (!cameras.any() && cameras.ids().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM plate_alert WHERE seq > ?");
        List<Object> args = new ArrayList<>(List.of(afterId));
        cameraCondition(cameras, sql, args);
        sql.append(" ORDER BY seq LIMIT ?");
        args.add((long) limit);
        return alertQuery(sql.toString(), args);
    }

    private static void cameraCondition(CameraSet cameras, StringBuilder sql, List<Object> args) {
        if (cameras.any()) {
            return;
        }
        // One placeholder per camera: a user's cameras are a township's or a county's, at most a few thousand, and
        // SQLite takes 32,766 parameters.
        sql.append(" AND camera IN (");
        boolean first = true;
        for (CameraId id : cameras.ids()) {
            sql.append(first ? "?" : ", ?");
            args.add(id.value());
            first = false;
        }
        sql.append(')');
    }

    @Override
    public Optional<PlateAlert> acknowledge(long id, String by, Instant at, String note) {
        return write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE plate_alert SET acknowledged_by = ?,"
                    + " acknowledged_micros = ?, note = ? WHERE seq = ? AND acknowledged_micros IS NULL")) {
                st.setString(1, by);
                st.setLong(2, SqlInstants.micros(at));
                if (note == null) {
                    st.setNull(3, Types.VARCHAR);
                } else {
                    st.setString(3, note);
                }
                st.setLong(4, id);
                if (st.executeUpdate() == 0) {
                    return Optional.<PlateAlert>empty();
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM plate_alert"
                    + " WHERE seq = ?")) {
                st.setLong(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return Optional.of(alertRow(rs));
                }
            }
        });
    }

    @Override
    public List<CameraId> camerasWithRowsBefore(Instant before) {
        return database.read(c -> RetainedRowsSql.camerasBefore(c, "plate_alert", before));
    }

    @Override
    public int deleteBefore(CameraId camera, Instant before, List<HeldRange> held, int limit) {
        return write(c -> RetainedRowsSql.delete(c, "plate_alert", camera, before, held, limit));
    }

    private List<PlateAlert> alertQuery(String sql, List<Object> args) {
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i) instanceof Long l) {
                        st.setLong(i + 1, l);
                    } else {
                        st.setString(i + 1, (String) args.get(i));
                    }
                }
                List<PlateAlert> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(alertRow(rs));
                    }
                }
                return out;
            }
        });
    }

    private static PlateAlert alertRow(ResultSet rs) throws SQLException {
        long acknowledged = rs.getLong("acknowledged_micros");
        boolean open = rs.wasNull();
        List<List<String>> region = RegionPaths.decode(rs.getString("camera_region"));
        return new PlateAlert(rs.getLong("seq"), SqlUuids.uuid(rs.getBytes("read_id")), rs.getString("plate_text"),
                rs.getString("plate"), new CameraId(rs.getString("camera")),
                region.isEmpty() ? List.of() : region.getFirst(), SqlInstants.instant(rs.getLong("time_micros")),
                rs.getLong("watchlist_id"), rs.getString("watchlist_name"), rs.getString("reason"),
                rs.getString("case_reference"), rs.getString("matched"),
                SqlInstants.instant(rs.getLong("raised_micros")), rs.getString("acknowledged_by"),
                open ? null : SqlInstants.instant(acknowledged), rs.getString("note"));
    }

    /** Runs a write and waits for its commit; the store's failure comes out unwrapped. */
    private <T> T write(io.xueliang.sql.WriteTask<T> task) {
        CompletableFuture<T> done = database.submit(task);
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the watch store", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
