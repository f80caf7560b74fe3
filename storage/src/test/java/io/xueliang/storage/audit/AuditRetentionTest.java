package io.xueliang.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.FakeClock;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 12: audit records older than the retention period leave the database only into a signed archive, the
 * deletion is recorded, and the chain stays verifiable. Before, nothing ever left the database (the triggers refused
 * every delete), so the trail grew without bound (83,000 records in 15 s of wrk).
 */
class AuditRetentionTest {
    private static final Instant T0 = Instant.parse("2025-01-10T08:00:00Z");
    private static final Duration YEAR = Duration.ofDays(365);

    @TempDir
    Path root;
    private final FakeClock clock = new FakeClock(T0);
    private EmbeddedDatabase database;
    private SqliteAuditLog log;
    private AuditCheckpointer checkpoints;
    private AuditRetention retention;

    @BeforeEach
    void open() throws Exception {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        log = new SqliteAuditLog(database);
        checkpoints = AuditCheckpointer.open(root, log, List.of(), clock);
        retention = new AuditRetention(log, checkpoints, AuditArchive.directory(root), YEAR, clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            checkpoints.close();
            database.close();
        }
    }

    private void append(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(1));
            log.append(new AuditEntry(clock.instant(), "investigator1", List.of("investigator"), "10.1.2.3",
                    "GET /api/v1/reads", new TreeMap<>(Map.of("plate", "湘C1234" + i)), "patrol", "XT-2026-0042", i,
                    200)).get();
        }
    }

    private AuditCheckpoint checkpoint() throws Exception {
        return checkpoints.checkpoint().orElseThrow();
    }

    private long count() {
        return log.query(AuditQuery.newest(1000)).size();
    }

    @Test
    void recordsOlderThanTheRetentionAreArchivedSignedThenDeletedAndTheChainStillVerifies() throws Exception {
        append(5);
        AuditCheckpoint first = checkpoint(); // vouches for 1..5
        append(3);
        clock.advance(Duration.ofDays(200));
        append(4);
        checkpoint();
        clock.advance(Duration.ofDays(200)); // records 1..8 are now more than a year old, 9..12 are not

        AuditArchive.Written archive = retention.sweep().orElseThrow();
        // Only what a checkpoint vouches for leaves: 6..8 are old but wait for the archive after the next checkpoint.
        assertThat(archive.first()).isEqualTo(1);
        assertThat(archive.last()).isEqualTo(5);
        assertThat(archive.headHash()).isEqualTo(first.hash());
        Path file = AuditArchive.directory(root).resolve(archive.fileName());
        assertThat(file.getFileName().toString()).isEqualTo("audit-1-5.jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        AuditArchive.Check check = AuditArchive.verify(file, checkpoints.key().publicKey());
        assertThat(check.problems()).isEmpty();
        assertThat(check.archive().records()).isEqualTo(5);

        assertThat(log.base()).get().extracting(AuditBase::seq, AuditBase::hash, AuditBase::archive,
                AuditBase::archiveSha256).containsExactly(5L, first.hash(), archive.fileName(), archive.sha256());
        List<AuditRecord> left = log.query(AuditQuery.newest(1000));
        assertThat(left).extracting(AuditRecord::seq).containsExactly(13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L);
        AuditRecord recorded = left.getFirst();
        assertThat(recorded.entry().action()).isEqualTo("audit retention");
        assertThat(recorded.entry().parameters()).containsEntry("archive", "audit-1-5.jsonl")
                .containsEntry("first", "1").containsEntry("last", "5").containsEntry("sha256", archive.sha256());
        assertThat(recorded.entry().resultCount()).isEqualTo(5);
        assertThat(Files.readAllLines(AuditCheckpointFile.under(root).path())).last().asString()
                .startsWith("xueliang-audit-checkpoint-1 kind=base seq=5 hash=" + first.hash())
                .contains(" archive=audit-1-5.jsonl sha256=" + archive.sha256() + " sig=");

        assertThat(AuditVerifier.verify(root).ok()).as("the chain alone, from the base").isTrue();
        checkpoint(); // the checkpointer continues after the deletion
        AuditReport report = AuditVerifier.verify(root, null, List.of());
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.base().seq()).isEqualTo(5);
        assertThat(report.chain().recordsChecked()).isEqualTo(8);
        assertThat(report.anchoring().vouching().seq()).isEqualTo(13);

        clock.advance(Duration.ofDays(1));
        assertThat(retention.sweep()).as("6..8 are old, but the checkpoint of 12 also covers 9..12: wait").isEmpty();
        assertThat(count()).isEqualTo(8);
    }

    @Test
    void nothingLeavesBeforeACheckpointVouchesForItOrWhileItIsYoung() throws Exception {
        append(5);
        clock.advance(Duration.ofDays(400));
        assertThat(retention.sweep()).as("no checkpoint yet").isEmpty();
        checkpoint();
        new AuditRetention(log, checkpoints, AuditArchive.directory(root), Duration.ofDays(401), clock).sweep();
        assertThat(count()).as("younger than 401 days").isEqualTo(5);
        assertThat(retention.sweep()).isPresent();
        assertThat(count()).as("the archived 5 gone, the retention record added").isEqualTo(1);
    }

    @Test
    void aRecordChangedBeforeArchivingStopsTheArchiveAndDeletesNothing() throws Exception {
        append(6);
        checkpoint();
        clock.advance(Duration.ofDays(400));
        database.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
                Statement st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_no_update");
            st.executeUpdate("UPDATE audit_log SET result_count = 0 WHERE seq = 3");
        }
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        log = new SqliteAuditLog(database);
        retention = new AuditRetention(log, checkpoints, AuditArchive.directory(root), YEAR, clock);
        assertThatThrownBy(() -> retention.sweep()).isInstanceOf(AuditArchive.ChainException.class)
                .hasMessageContaining("record 3 does not continue the chain");
        assertThat(count()).isEqualTo(6);
        assertThat(log.base()).isEmpty();
        assertThat(Files.list(AuditArchive.directory(root))).as("no archive, no leftover").isEmpty();
    }

    @Test
    void theDatabaseRefusesToDeleteRecordsAboveTheBase() throws Exception {
        append(6);
        checkpoint();
        clock.advance(Duration.ofDays(400));
        append(2);
        retention.sweep().orElseThrow();
        database.close();
        database = null;
        checkpoints.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_log WHERE seq = 7"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_log is append-only");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_base"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_base is append-only");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO audit_base VALUES (3, 'x', 0, 'a', 'b')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_base only moves forward");
        }
    }

    @Test
    void recordsDeletedByHandUnderAForgedBaseFailVerify() throws Exception {
        append(6);
        checkpoint();
        database.close();
        database = null;
        checkpoints.close();
        // Someone with the database writes a base of their own and deletes the records "below" it.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
                Statement st = c.createStatement()) {
            String hash4;
            try (var rs = st.executeQuery("SELECT hash FROM audit_log WHERE seq = 4")) {
                hash4 = rs.getString(1);
            }
            st.executeUpdate("INSERT INTO audit_base VALUES (4, '" + hash4 + "', 0, 'audit-1-4.jsonl', '" + "00".repeat(32)
                    + "')");
            st.executeUpdate("DELETE FROM audit_log WHERE seq <= 4");
        }
        assertThat(AuditVerifier.verify(root).ok()).as("the chain alone starts after the base").isTrue();
        AuditReport report = AuditVerifier.verify(root, null, List.of());
        assertThat(report.ok()).isFalse();
        assertThat(report.anchoring().problems()).singleElement().asString().isEqualTo("the store says records up to 4"
                + " were archived to audit-1-4.jsonl (SHA-256 " + "00".repeat(32) + "), but no signed base checkpoint"
                + " says so: they were deleted by other means than retention");
    }

    @Test
    void anArchiveChangedAfterwardsFailsBothChecks() throws Exception {
        append(4);
        checkpoint();
        clock.advance(Duration.ofDays(400));
        AuditArchive.Written archive = retention.sweep().orElseThrow();
        Path file = AuditArchive.directory(root).resolve(archive.fileName());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("\"resultCount\":1,", "\"resultCount\":9,"), StandardCharsets.UTF_8);

        AuditArchive.Check check = AuditArchive.verify(file, checkpoints.key().publicKey());
        assertThat(check.problems()).containsExactly(
                "line 2: record 2 was changed: its fields do not match its hash",
                "the records' SHA-256 is not the one the trailer states: records were changed, added or removed");
        AuditReport report = AuditVerifier.verify(root, null, List.of());
        assertThat(report.anchoring().problems()).singleElement().asString()
                .contains(archive.fileName()).endsWith("its base checkpoint names: it was changed or replaced");

        Files.move(file, root.resolve("elsewhere.jsonl"));
        AuditReport moved = AuditVerifier.verify(root, null, List.of());
        assertThat(moved.ok()).as("an archive taken off the machine is no failure").isTrue();
        assertThat(moved.anchoring().notes()).singleElement().asString().contains("is no longer in");
    }
}
