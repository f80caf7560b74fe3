package io.xueliang.storage.recording;

import static io.xueliang.sql.SqlInstants.instant;
import static io.xueliang.sql.SqlInstants.micros;

import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.SqlInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The recording index in the embedded store (schema V5). */
public final class SqliteRecordingIndex implements RecordingIndex {
    private static final String COLUMNS = "id, camera, start_micros, end_micros, state, location, blob_key, bytes, frames,"
            + " sha256, codec, width, height";
    private static final String HOLD_COLUMNS = "id, camera, from_micros, to_micros, case_reference, reason, created_by,"
            + " created_micros, released_by, released_micros";
    /** An active hold overlapping segment row s. */
    private static final String HELD = "EXISTS (SELECT 1 FROM holds h WHERE h.camera = s.camera AND h.released_micros IS NULL"
            + " AND h.from_micros < s.end_micros AND h.to_micros > s.start_micros)";

    private final EmbeddedDatabase database;

    public SqliteRecordingIndex(EmbeddedDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public CompletableFuture<Long> open(CameraId camera, Instant start, String location, String key, Codec codec,
            int width, int height) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO segments (camera, start_micros, end_micros, state,"
                    + " location, blob_key, bytes, frames, codec, width, height) VALUES (?, ?, ?, 'OPEN', ?, ?, 0, 0, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, camera.value());
                s.setLong(2, micros(start));
                s.setLong(3, micros(start));
                s.setString(4, location);
                s.setString(5, key);
                s.setString(6, codec.name());
                s.setInt(7, width);
                s.setInt(8, height);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public CompletableFuture<Void> progress(long id, Instant end, long bytes, long frames) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE segments SET end_micros = ?, bytes = ?, frames = ? WHERE id = ? AND state = 'OPEN'")) {
                s.setLong(1, micros(end));
                s.setLong(2, bytes);
                s.setLong(3, frames);
                s.setLong(4, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public CompletableFuture<Void> finish(long id, Instant end, long bytes, long frames, String sha256) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE segments SET end_micros = ?, bytes = ?, frames = ?,"
                    + " sha256 = ?, state = 'FINISHED' WHERE id = ?")) {
                s.setLong(1, micros(end));
                s.setLong(2, bytes);
                s.setLong(3, frames);
                s.setString(4, sha256);
                s.setLong(5, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public CompletableFuture<Void> gap(RecordingGap gap) {
        return database.submit(c -> {
            insertGap(c, gap);
            return null;
        });
    }

    private static void insertGap(Connection c, RecordingGap gap) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO gaps (camera, start_micros, end_micros, reason) VALUES (?, ?, ?, ?)")) {
            s.setString(1, gap.camera().value());
            s.setLong(2, micros(gap.start()));
            s.setLong(3, micros(gap.end()));
            s.setString(4, gap.reason().wireName());
            s.executeUpdate();
        }
    }

    @Override
    public List<RecordedSegment> segments(CameraId camera, Instant from, Instant to, int limit) {
        // Segments are at most an hour long (recording.segmentSeconds), so one starting before from - 1 h cannot
        // overlap: the bound keeps the index range scan short.
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM segments WHERE camera = ?"
                    + " AND start_micros < ? AND start_micros >= ? AND end_micros > ? ORDER BY start_micros LIMIT ?")) {
                s.setString(1, camera.value());
                s.setLong(2, micros(to));
                s.setLong(3, micros(from.minus(1, ChronoUnit.HOURS)) - 1_000_000);
                s.setLong(4, micros(from));
                s.setInt(5, bounded(limit));
                return segmentRows(s);
            }
        });
    }

    @Override
    public List<RecordingGap> gaps(CameraId camera, Instant from, Instant to, int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT camera, start_micros, end_micros, reason FROM gaps"
                    + " WHERE camera = ? AND start_micros < ? AND end_micros > ? ORDER BY start_micros LIMIT ?")) {
                s.setString(1, camera.value());
                s.setLong(2, micros(to));
                s.setLong(3, micros(from));
                s.setInt(4, bounded(limit));
                List<RecordingGap> gaps = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        gaps.add(new RecordingGap(CameraId.of(rs.getString(1)), instant(rs.getLong(2)),
                                instant(rs.getLong(3)), GapReason.fromWireName(rs.getString(4))));
                    }
                }
                return gaps;
            }
        });
    }

    @Override
    public Optional<RecordedSegment> segment(long id) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM segments WHERE id = ?")) {
                s.setLong(1, id);
                return segmentRows(s).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<RecordedSegment> latest(CameraId camera) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM segments WHERE camera = ?"
                    + " ORDER BY start_micros DESC LIMIT 1")) {
                s.setString(1, camera.value());
                return segmentRows(s).stream().findFirst();
            }
        });
    }

    @Override
    public List<RecordedSegment> openSegments() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM segments WHERE state = 'OPEN'"
                    + " ORDER BY id")) {
                return segmentRows(s);
            }
        });
    }

    @Override
    public List<RecordedSegment> deletable(CameraId camera, Instant before, String location, int limit) {
        return database.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM segments s WHERE state = 'FINISHED'");
            if (camera != null) {
                sql.append(" AND camera = ?");
            }
            if (before != null) {
                sql.append(" AND end_micros <= ?");
            }
            if (location != null) {
                sql.append(" AND location = ?");
            }
            sql.append(" AND NOT ").append(HELD).append(" ORDER BY start_micros, id LIMIT ?");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (camera != null) {
                    s.setString(i++, camera.value());
                }
                if (before != null) {
                    s.setLong(i++, micros(before));
                }
                if (location != null) {
                    s.setString(i++, location);
                }
                s.setInt(i, bounded(limit));
                return segmentRows(s);
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(long id, GapReason asGap) {
        return database.submit(c -> {
            RecordedSegment seg;
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM segments WHERE id = ?")) {
                s.setLong(1, id);
                List<RecordedSegment> rows = segmentRows(s);
                if (rows.isEmpty()) {
                    return false;
                }
                seg = rows.getFirst();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM segments WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            if (asGap != null && seg.end().isAfter(seg.start())) {
                insertGap(c, new RecordingGap(seg.camera(), seg.start(), seg.end(), asGap));
            }
            return true;
        });
    }

    @Override
    public List<RecordedSegment> finishedAt(String location, long afterId, int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM segments WHERE location = ?"
                    + " AND state = 'FINISHED' AND id > ? ORDER BY id LIMIT ?")) {
                s.setString(1, location);
                s.setLong(2, afterId);
                s.setInt(3, bounded(limit));
                return segmentRows(s);
            }
        });
    }

    @Override
    public long countFinishedAt(String location) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM segments WHERE location = ? AND state = 'FINISHED'")) {
                s.setString(1, location);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> relocate(long id, String location) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE segments SET location = ? WHERE id = ?")) {
                s.setString(1, location);
                s.setLong(2, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<CameraId> cameras() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT camera FROM segments ORDER BY camera");
                 ResultSet rs = s.executeQuery()) {
                List<CameraId> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(CameraId.of(rs.getString(1)));
                }
                return ids;
            }
        });
    }

    @Override
    public CompletableFuture<EvidenceHold> hold(CameraId camera, Instant from, Instant to, String caseReference,
            String reason, String createdBy, Instant now) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a hold ends after it starts");
        }
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO holds (camera, from_micros, to_micros,"
                    + " case_reference, reason, created_by, created_micros) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, camera.value());
                s.setLong(2, micros(from));
                s.setLong(3, micros(to));
                s.setString(4, caseReference);
                s.setString(5, reason);
                s.setString(6, createdBy);
                s.setLong(7, micros(now));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return new EvidenceHold(keys.getLong(1), camera, from, to, caseReference, reason, createdBy,
                            SqlInstants.truncate(now), null, null);
                }
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> release(long holdId, String releasedBy, Instant now) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE holds SET released_by = ?, released_micros = ?"
                    + " WHERE id = ? AND released_micros IS NULL")) {
                s.setString(1, releasedBy);
                s.setLong(2, micros(now));
                s.setLong(3, holdId);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<EvidenceHold> holds(CameraId camera, boolean activeOnly, int limit) {
        return database.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + HOLD_COLUMNS + " FROM holds WHERE 1 = 1");
            if (camera != null) {
                sql.append(" AND camera = ?");
            }
            if (activeOnly) {
                sql.append(" AND released_micros IS NULL");
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (camera != null) {
                    s.setString(i++, camera.value());
                }
                s.setInt(i, bounded(limit));
                return holdRows(s);
            }
        });
    }

    @Override
    public Optional<EvidenceHold> holdById(long id) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + HOLD_COLUMNS + " FROM holds WHERE id = ?")) {
                s.setLong(1, id);
                return holdRows(s).stream().findFirst();
            }
        });
    }

    private static List<RecordedSegment> segmentRows(PreparedStatement s) throws SQLException {
        List<RecordedSegment> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new RecordedSegment(rs.getLong(1), CameraId.of(rs.getString(2)), instant(rs.getLong(3)),
                        instant(rs.getLong(4)), SegmentState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getLong(8), rs.getLong(9), rs.getString(10), Codec.valueOf(rs.getString(11)), rs.getInt(12),
                        rs.getInt(13)));
            }
        }
        return rows;
    }

    private static List<EvidenceHold> holdRows(PreparedStatement s) throws SQLException {
        List<EvidenceHold> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long released = rs.getLong(10);
                boolean active = rs.wasNull();
                rows.add(new EvidenceHold(rs.getLong(1), CameraId.of(rs.getString(2)), instant(rs.getLong(3)),
                        instant(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getLong(8)),
                        rs.getString(9), active ? null : instant(released)));
            }
        }
        return rows;
    }

    private static int bounded(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        return Math.min(limit, MAX_ROWS);
    }



}
