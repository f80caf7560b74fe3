package io.xueliang.storage.export;

import static io.xueliang.storage.sql.SqlInstants.instant;
import static io.xueliang.storage.sql.SqlInstants.micros;

import io.xueliang.media.CameraId;
import io.xueliang.storage.sql.EmbeddedDatabase;
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

/** Export jobs in the embedded store (schema V6). Reads block; changes complete once committed. */
public final class ExportStore {
    private static final String COLUMNS = "id, cameras, from_micros, to_micros, case_reference, reason, requested_by,"
            + " created_micros, status, progress, finished_micros, file_key, bytes, sha256, error, requested_by_uid";

    private final EmbeddedDatabase database;

    public ExportStore(EmbeddedDatabase database) {
        this.database = database;
    }

    public CompletableFuture<ExportJob> insert(ExportJob job) {
        return database.submit(c -> {
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
                return job;
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

    /** Jobs a stop or crash interrupted (queued or running): to run again at start. */
    public List<ExportJob> unfinished() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exports"
                    + " WHERE status IN ('queued', 'running') ORDER BY created_micros")) {
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
