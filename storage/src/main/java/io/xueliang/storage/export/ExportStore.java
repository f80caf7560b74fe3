package io.xueliang.storage.export;

import static io.xueliang.sql.SqlInstants.instant;
import static io.xueliang.sql.SqlInstants.micros;

import io.xueliang.media.CameraId;
import io.xueliang.sql.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Export jobs in the embedded store (schema V6, V7, V9). Reads block; changes complete once committed. */
public final class ExportStore {
    private static final String COLUMNS = "id, cameras, from_micros, to_micros, case_reference, reason, requested_by,"
            + " created_micros, status, progress, finished_micros, file_key, bytes, sha256, error, requested_by_uid";

    private final EmbeddedDatabase database;

    public ExportStore(EmbeddedDatabase database) {
        this.database = database;
    }

    public CompletableFuture<ExportJob> insert(ExportJob job) {
        return database.submit(c -> {
            insert(c, job);
            return job;
        });
    }

    private static void insert(Connection c, ExportJob job) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO exports (id, cameras, from_micros, to_micros,"
                + " case_reference, reason, requested_by, created_micros, status, requested_by_uid)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, job.id());
            s.setString(2, job.cameras().stream().map(CameraId::value).collect(Collectors.joining(",")));
            s.setLong(3, micros(job.from()));
            s.setLong(4, micros(job.to()));
            s.setString(5, job.caseReference());
            s.setString(6, job.reason());
            s.setString(7, job.requestedBy());
            s.setLong(8, micros(job.createdAt()));
            s.setString(9, job.status().wireName());
            s.setString(10, job.requestedById());
            s.executeUpdate();
        }
    }

    /** How much of a user's quota the exports of a window used, and whether a new one was let in. */
    public record Admission(boolean admitted, long count, long bytes, Instant oldest) {
    }

    /**
     * Inserts {@code job} unless its requester already asked for {@code maxCount} exports since {@code since}, or
     * their packages since then add up to {@code maxBytes}; counting and inserting are one transaction on the store's
     * one writer, so parallel requests cannot slip past the limit. A job without a requester id is let in.
     */
    public CompletableFuture<Admission> insertWithinQuota(ExportJob job, Instant since, int maxCount, long maxBytes) {
        return database.submit(c -> {
            long count = 0;
            long bytes = 0;
            Instant oldest = null;
            if (job.requestedById() != null) {
                try (PreparedStatement s = c.prepareStatement("SELECT count(*), coalesce(sum(bytes), 0),"
                        + " min(created_micros) FROM exports WHERE requested_by_uid = ? AND created_micros >= ?")) {
                    s.setString(1, job.requestedById());
                    s.setLong(2, micros(since));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        count = rs.getLong(1);
                        bytes = rs.getLong(2);
                        long first = rs.getLong(3);
                        oldest = rs.wasNull() ? null : instant(first);
                    }
                }
                if (count >= maxCount || bytes >= maxBytes) {
                    return new Admission(false, count, bytes, oldest);
                }
            }
            insert(c, job);
            return new Admission(true, count, bytes, oldest);
        });
    }

    /** Waiting for disk space: not run again until {@link #requeue}. */
    public CompletableFuture<Void> paused(String id, String why) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE exports SET status = 'paused', progress = 0,"
                    + " error = ? WHERE id = ? AND status IN ('queued', 'running')")) {
                s.setString(1, why);
                s.setString(2, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    /** A paused job back in the queue. */
    public CompletableFuture<Boolean> requeue(String id) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE exports SET status = 'queued', error = NULL"
                    + " WHERE id = ? AND status = 'paused'")) {
                s.setString(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Paused jobs, oldest first. */
    public List<ExportJob> paused() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exports"
                    + " WHERE status = 'paused' ORDER BY created_micros")) {
                return rows(s);
            }
        });
    }

    /** Done jobs that finished before {@code before}, oldest first, at most {@code limit}. */
    public List<ExportJob> finishedBefore(Instant before, int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exports"
                    + " WHERE status = 'done' AND finished_micros < ? ORDER BY finished_micros LIMIT ?")) {
                s.setLong(1, micros(before));
                s.setInt(2, limit);
                return rows(s);
            }
        });
    }

    /** A done job whose package was deleted: it keeps its size and SHA-256, not its file. */
    public CompletableFuture<Void> expired(String id) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE exports SET status = 'expired', file_key = NULL"
                    + " WHERE id = ? AND status = 'done'")) {
                s.setString(1, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    public CompletableFuture<Void> running(String id, double progress) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE exports SET status = 'running', progress = ? WHERE id = ? AND status IN ('queued', 'running')")) {
                s.setDouble(1, progress);
                s.setString(2, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    public CompletableFuture<Void> done(String id, Instant at, String fileKey, long bytes, String sha256) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE exports SET status = 'done', progress = 1,"
                    + " finished_micros = ?, file_key = ?, bytes = ?, sha256 = ? WHERE id = ?")) {
                s.setLong(1, micros(at));
                s.setString(2, fileKey);
                s.setLong(3, bytes);
                s.setString(4, sha256);
                s.setString(5, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    public CompletableFuture<Void> failed(String id, Instant at, String error) {
        return database.submit(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE exports SET status = 'failed', finished_micros = ?,"
                    + " error = ? WHERE id = ?")) {
                s.setLong(1, micros(at));
                s.setString(2, error.length() > 1000 ? error.substring(0, 1000) : error);
                s.setString(3, id);
                s.executeUpdate();
                return null;
            }
        });
    }

    public Optional<ExportJob> get(String id) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exports WHERE id = ?")) {
                s.setString(1, id);
                List<ExportJob> rows = rows(s);
                return rows.stream().findFirst();
            }
        });
    }

    /** Jobs a stop or crash interrupted (queued or running), and paused ones: to run again at start. */
    public List<ExportJob> unfinished() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exports"
                    + " WHERE status IN ('queued', 'running', 'paused') ORDER BY created_micros")) {
                return rows(s);
            }
        });
    }

    private static List<ExportJob> rows(PreparedStatement s) throws SQLException {
        List<ExportJob> jobs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long finished = rs.getLong(11);
                Instant finishedAt = rs.wasNull() ? null : instant(finished);
                long bytes = rs.getLong(13);
                Long size = rs.wasNull() ? null : bytes;
                jobs.add(new ExportJob(rs.getString(1),
                        Arrays.stream(rs.getString(2).split(",")).map(CameraId::of).toList(), instant(rs.getLong(3)),
                        instant(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(16),
                        instant(rs.getLong(8)),
                        ExportStatus.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)), rs.getDouble(10), finishedAt,
                        rs.getString(12), size, rs.getString(14), rs.getString(15)));
            }
        }
        return jobs;
    }
}
