package io.xueliang.reads.store.sqlite;

import io.xueliang.media.PlateRead;
import io.xueliang.sql.SqlInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The days each plate was read on (plate_days, migration V6): one row a plate and 32-day block, the block's days with
 * reads a bitmap, so that a plate's search probes the plate index on those days only.
 *
 * <pre>
 *   day 20,446 ── block = day &gt;&gt; 5 = 638, bit = day &amp; 31 = 30
 *   (638, 湘A12345) ── days 0b0100_0000_0000_0000_0000_0000_0000_0110: days 20,417, 20,418 and 20,446
 * </pre>
 */
final class PlateDaysSql {
    /** A block is {@code 1 << BLOCK_SHIFT} = 32 days: a year's search is 12 or 13 lookups, a row's bits positive. */
    static final int BLOCK_SHIFT = 5;
    private static final long MICROS_A_DAY = 86_400_000_000L;
    /** A row is written only when the batch brings a day it lacks: a commuter's tenth read of the day is a lookup. */
    private static final String KEEP = "INSERT INTO plate_days (block, plate, days) VALUES (?, ?, ?)"
            + " ON CONFLICT (block, plate) DO UPDATE SET days = days | excluded.days"
            + " WHERE (days & excluded.days) <> excluded.days";

    private PlateDaysSql() {
    }

    /** The UTC day of a time in microseconds: what the plate index and plate_days are kept by. */
    static long day(long micros) {
        return Math.floorDiv(micros, MICROS_A_DAY);
    }

    /** Adds the batch's days: each plate and block of it once, with the bits of its days. */
    static void keep(Connection c, List<PlateRead> batch) throws SQLException {
        record PlateBlock(String plate, long block) {
        }
        Map<PlateBlock, Long> days = new HashMap<>();
        for (PlateRead r : batch) {
            long day = day(SqlInstants.micros(r.time()));
            days.merge(new PlateBlock(r.normalised(), day >> BLOCK_SHIFT), bit(day), (a, b) -> a | b);
        }
        try (PreparedStatement st = c.prepareStatement(KEEP)) {
            for (Map.Entry<PlateBlock, Long> e : days.entrySet()) {
                st.setLong(1, e.getKey().block());
                st.setString(2, e.getKey().plate());
                st.setLong(3, e.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /**
     * The days from {@code first} to {@code last} (inclusive) with reads of {@code plate}, newest first: one lookup
     * a block (13 for a year).
     */
    static List<Long> daysRead(Connection c, String plate, long first, long last) throws SQLException {
        if (first > last) {
            return List.of();
        }
        StringBuilder blocks = new StringBuilder("[");
        for (long b = first >> BLOCK_SHIFT; b <= last >> BLOCK_SHIFT; b++) {
            blocks.append(blocks.length() == 1 ? "" : ",").append(b);
        }
        // Each block is a point lookup of (block, plate): a range of blocks would walk every plate of them.
        List<Long> days = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(blocksSql())) {
            st.setString(1, plate);
            st.setString(2, blocks.append(']').toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long start = rs.getLong(1) << BLOCK_SHIFT;
                    long bits = rs.getLong(2);
                    for (long d = Math.max(first, start); d <= Math.min(last, start + (1 << BLOCK_SHIFT) - 1); d++) {
                        if ((bits & bit(d)) != 0) {
                            days.add(d);
                        }
                    }
                }
            }
        }
        days.sort(Comparator.reverseOrder());
        return days;
    }

    /** The lookup of {@link #daysRead}: a plate and a JSON array of blocks. */
    static String blocksSql() {
        return "SELECT block, days FROM plate_days WHERE plate = ? AND block IN (SELECT value FROM json_each(?))";
    }

    /**
     * Drops the blocks wholly before the oldest read left (all of them when none is). The bits of days in the oldest
     * block, or of a camera or region retention emptied before the others, stay: each costs one empty probe.
     */
    static void prune(Connection c) throws SQLException {
        // min(day) is the first entry of the plate index, and the blocks to drop are the first rows of plate_days
        try (PreparedStatement st = c.prepareStatement("DELETE FROM plate_days WHERE block <"
                + " coalesce((SELECT min(day) FROM plate_read) >> " + BLOCK_SHIFT + ", 9223372036854775807)")) {
            st.executeUpdate();
        }
    }

    private static long bit(long day) {
        return 1L << (day & ((1 << BLOCK_SHIFT) - 1));
    }
}
