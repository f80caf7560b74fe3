package io.xueliang.reads.ring;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import io.xueliang.sql.SqlJson;
import io.xueliang.sql.SqlUuids;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The boundary ring on the read store's database: checkpoints in {@code boundary_checkpoint}, crossings are the reads
 * at them in the entering or leaving direction. "Still inside" is, per plate, the last crossing of the region's ring
 * within a look-back, when that crossing was an entry: one pass over the ring's reads of the look-back (the camera
 * index, one range a checkpoint) with a window function.
 */
public final class SqliteBoundaryRing {
    /** Longest window of entered, left and hourly counts. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** Longest look-back of "still inside": a vehicle that entered longer ago and never left is not followed. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(366);
    /** Most rows one answer holds. */
    public static final int MAX_LIMIT = 10_000;
    /** Checkpoints one ring may have. */
    public static final int MAX_CHECKPOINTS = 2_000;

    private final EmbeddedDatabase database;

    /** @param database the read store's database ({@code SqliteReadStore.database()}) */
    public SqliteBoundaryRing(EmbeddedDatabase database) {
        this.database = database;
    }

    /** Marks (or re-marks) a camera as a checkpoint of a region's ring. */
    public CompletableFuture<Void> put(BoundaryCheckpoint checkpoint, String changedBy, Instant at) {
        return database.submit(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO boundary_checkpoint (camera, region, entering,"
                    + " leaving, changed_by, changed_micros) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (camera) DO UPDATE"
                    + " SET region = excluded.region, entering = excluded.entering, leaving = excluded.leaving,"
                    + " changed_by = excluded.changed_by, changed_micros = excluded.changed_micros")) {
                st.setString(1, checkpoint.camera().value());
                st.setString(2, SqlJson.array(checkpoint.region()));
                st.setString(3, checkpoint.entering().name());
                st.setString(4, checkpoint.leaving().name());
                st.setString(5, changedBy);
                st.setLong(6, SqlInstants.micros(at));
                st.executeUpdate();
                return null;
            }
        });
    }

    /** Takes a camera off the ring; true when it was on it. */
    public CompletableFuture<Boolean> remove(CameraId camera) {
        return database.submit(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM boundary_checkpoint WHERE camera = ?")) {
                st.setString(1, camera.value());
                return st.executeUpdate() > 0;
            }
        });
    }

    /** The checkpoints of {@code region}'s ring, by camera. */
    public List<BoundaryCheckpoint> checkpoints(List<String> region) {
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT camera, entering, leaving FROM boundary_checkpoint"
                    + " WHERE region = ? ORDER BY camera LIMIT " + MAX_CHECKPOINTS)) {
                st.setString(1, SqlJson.array(region));
                List<BoundaryCheckpoint> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new BoundaryCheckpoint(new CameraId(rs.getString(1)), region,
                                PlateRead.Direction.valueOf(rs.getString(2)), PlateRead.Direction.valueOf(rs.getString(3))));
                    }
                }
                return out;
            }
        });
    }

    /** Vehicles that entered {@code region} in {@code [from, to)} at checkpoints in {@code scope}, newest first. */
    public List<Crossing> entered(List<String> region, Instant from, Instant to, CameraSet scope, int limit) {
        return crossings(region, from, to, scope, limit, "entering");
    }

    /** Vehicles that left {@code region} in {@code [from, to)} at checkpoints in {@code scope}, newest first. */
    public List<Crossing> left(List<String> region, Instant from, Instant to, CameraSet scope, int limit) {
        return crossings(region, from, to, scope, limit, "leaving");
    }

    private List<Crossing> crossings(List<String> region, Instant from, Instant to, CameraSet scope, int limit,
            String column) {
        checkWindow(from, to, MAX_WINDOW, "to");
        checkLimit(limit);
        if (!scope.any() && scope.ids().isEmpty()) {
            return List.of();
        }
        String sql = "SELECT r.plate, r.time_micros, r.camera, r.id, " + ("entering".equals(column) ? 1 : 0)
                + " FROM boundary_checkpoint b JOIN plate_read r ON r.camera = b.camera"
                + " WHERE b.region = ? AND r.time_micros >= ? AND r.time_micros < ? AND r.direction = b." + column
                + (scope.any() ? "" : " AND b.camera IN (SELECT value FROM json_each(?))")
                + " ORDER BY r.time_micros DESC, r.seq DESC LIMIT ?";
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                st.setString(i++, SqlJson.array(region));
                st.setLong(i++, SqlInstants.micros(from));
                st.setLong(i++, SqlInstants.micros(to));
                if (!scope.any()) {
                    st.setString(i++, SqlJson.array(scope.ids().stream().map(CameraId::value).sorted().toList()));
                }
                st.setInt(i, limit);
                return rows(st);
            }
        });
    }

    /**
     * Vehicles inside {@code region} at {@code asOf}: their last crossing of its ring in {@code [asOf - lookback,
     * asOf)} was an entry. Newest entry first. The whole ring is looked at, whoever asks: a leaving seen at a checkpoint
     * the asker may not see still ends the stay (the API lets only those who may see the whole ring ask).
     */
    public List<Crossing> stillInside(List<String> region, Instant asOf, Duration lookback, int limit) {
        if (lookback.isNegative() || lookback.isZero() || lookback.compareTo(MAX_LOOKBACK) > 0) {
            throw new IllegalArgumentException("lookback: between 1 s and " + MAX_LOOKBACK.toDays() + " days, got "
                    + lookback);
        }
        checkLimit(limit);
        String sql = "SELECT plate, time_micros, camera, id, 1 FROM ("
                + " SELECT r.plate, r.time_micros, r.camera, r.id, r.seq, r.direction = b.entering AS entry,"
                + " ROW_NUMBER() OVER (PARTITION BY r.plate ORDER BY r.time_micros DESC, r.seq DESC) AS latest"
                + " FROM boundary_checkpoint b JOIN plate_read r ON r.camera = b.camera"
                + " WHERE b.region = ? AND r.time_micros >= ? AND r.time_micros < ?"
                + " AND (r.direction = b.entering OR r.direction = b.leaving))"
                + " WHERE latest = 1 AND entry ORDER BY time_micros DESC, seq DESC LIMIT ?";
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, SqlJson.array(region));
                st.setLong(2, SqlInstants.micros(asOf.minus(lookback)));
                st.setLong(3, SqlInstants.micros(asOf));
                st.setInt(4, limit);
                return rows(st);
            }
        });
    }

    /** Vehicles in and out per checkpoint of {@code region}'s ring and hour of {@code [from, to)}. */
    public List<HourCount> hourly(List<String> region, Instant from, Instant to) {
        checkWindow(from, to, MAX_WINDOW, "to");
        String sql = "SELECT r.camera, r.time_micros / 3600000000 AS hour,"
                + " sum(CASE WHEN r.direction = b.entering THEN 1 ELSE 0 END),"
                + " sum(CASE WHEN r.direction = b.leaving THEN 1 ELSE 0 END)"
                + " FROM boundary_checkpoint b JOIN plate_read r ON r.camera = b.camera"
                + " WHERE b.region = ? AND r.time_micros >= ? AND r.time_micros < ?"
                + " GROUP BY r.camera, hour ORDER BY r.camera, hour";
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setString(1, SqlJson.array(region));
                st.setLong(2, SqlInstants.micros(from));
                st.setLong(3, SqlInstants.micros(to));
                List<HourCount> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HourCount(new CameraId(rs.getString(1)),
                                Instant.ofEpochSecond(rs.getLong(2) * 3600), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    private static List<Crossing> rows(PreparedStatement st) throws SQLException {
        List<Crossing> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Crossing(rs.getString(1), SqlInstants.instant(rs.getLong(2)), new CameraId(rs.getString(3)),
                        SqlUuids.uuid(rs.getBytes(4)), rs.getInt(5) == 1));
            }
        }
        return out;
    }

    private static void checkWindow(Instant from, Instant to, Duration max, String field) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException(field + ": must be after from (" + from + "), got " + to);
        }
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw new IllegalArgumentException(field + ": at most " + max.toDays() + " days after from, got " + to);
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: 1-" + MAX_LIMIT + ", got " + limit);
        }
    }
}
