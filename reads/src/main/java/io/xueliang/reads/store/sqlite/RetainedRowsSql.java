package io.xueliang.reads.store.sqlite;

import io.xueliang.media.CameraId;
import io.xueliang.reads.store.HeldRange;
import io.xueliang.sql.SqlInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention's two statements over a table of reads.db whose rows belong to a camera and a time ({@code seq},
 * {@code camera}, {@code time_micros}): plate reads and watch-list alerts go by the same rules, so by the same SQL.
 */
public final class RetainedRowsSql {
    /** Holds one retention pass may keep out of one camera's delete: more are kept by the next passes' cutoffs. */
    public static final int MAX_HELD_RANGES = 200;

    private RetainedRowsSql() {
    }

    /** The cameras with rows in {@code table} older than {@code before}. */
    public static List<CameraId> camerasBefore(Connection c, String table, Instant before) throws SQLException {
        // Once a retention pass: a scan of the time index's old end, bounded by what retention has left.
        try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT camera FROM " + table
                + " WHERE time_micros < ? ORDER BY camera")) {
            st.setLong(1, SqlInstants.micros(before));
            List<CameraId> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new CameraId(rs.getString(1)));
                }
            }
            return out;
        }
    }

    /**
     * Deletes at most {@code limit} of {@code camera}'s rows of {@code table} older than {@code before}, except those
     * in its {@code held} ranges (the first {@link #MAX_HELD_RANGES}).
     */
    public static int delete(Connection c, String table, CameraId camera, Instant before, List<HeldRange> held,
            int limit) throws SQLException {
        StringBuilder where = new StringBuilder("camera = ? AND time_micros < ?");
        List<Long> ranges = new ArrayList<>();
        held.stream().filter(h -> h.camera().equals(camera)).limit(MAX_HELD_RANGES).forEach(h -> {
            where.append(" AND NOT (time_micros >= ? AND time_micros < ?)");
            ranges.add(SqlInstants.micros(h.from()));
            ranges.add(SqlInstants.micros(h.to()));
        });
        try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE seq IN (SELECT seq FROM "
                + table + " WHERE " + where + " LIMIT ?)")) {
            int i = 1;
            st.setString(i++, camera.value());
            st.setLong(i++, SqlInstants.micros(before));
            for (long micros : ranges) {
                st.setLong(i++, micros);
            }
            st.setInt(i, limit);
            return st.executeUpdate();
        }
    }
}
