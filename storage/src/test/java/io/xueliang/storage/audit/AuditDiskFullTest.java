package io.xueliang.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.volume.DiskFull;
import io.xueliang.sql.volume.SmallTmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store (recording index, audit trail) on a volume that fills up: writes fail with a failure that says so, reads
 * go on, nothing is corrupted, the audit chain stays whole, and writes work again once there is room.
 */
class AuditDiskFullTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path tmp;

    private static AuditEntry entry(int n) {
        // A long parameter, so that the log outgrows what SQLite can reuse of its files.
        return new AuditEntry(T0.plusMillis(n), "li.wei", List.of("investigator"), "10.1.2.3", "GET /api/v1/reads",
                new TreeMap<>(Map.of("plate", "湘C" + n, "note", "x".repeat(2000))), "patrol", "CASE-1", 1, 200);
    }

    private static String integrity(EmbeddedDatabase database) {
        return database.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void aFullVolumeFailsWritesButNeitherCorruptsTheStoreNorBreaksTheAuditChainAndWritesResume() throws Exception {
        try (SmallTmpfs volume = SmallTmpfs.mount(tmp.resolve("volume"), "8m", "a full database volume")) {
            Path root = volume.path();
            try (EmbeddedDatabase database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(),
                    InstantSource.fixed(T0))) {
                SqliteAuditLog log = new SqliteAuditLog(database);
                int n = 0;
                for (; n < 20; n++) {
                    log.append(entry(n)).get();
                }
                Path filler = volume.fill("filler.bin", 0);

                // Append until the volume refuses; each write that fails fails alone and says why.
                int written = n;
                Throwable refusal = null;
                for (int batch = 0; batch < 50 && refusal == null; batch++) {
                    List<CompletableFuture<AuditRecord>> appends = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        appends.add(log.append(entry(n++)));
                    }
                    for (CompletableFuture<AuditRecord> a : appends) {
                        try {
                            a.get();
                            written++;
                        } catch (ExecutionException e) {
                            refusal = e.getCause();
                        }
                    }
                }
                assertThat(refusal).as("the full volume refused a write").isNotNull();
                assertThat(DiskFull.causedBy(refusal)).as("%s says the disk is full", refusal).isTrue();
                assertThat(database.full()).isTrue();

                // Reads go on.
                assertThat(log.query(new AuditQuery(null, null, null, null, null, 1, null)))
                        .singleElement().extracting(AuditRecord::seq).isEqualTo((long) written);
                assertThat(integrity(database)).isEqualTo("ok");

                Files.delete(filler);
                AuditRecord after = log.append(entry(n++)).get();
                written++;
                assertThat(database.full()).isFalse();
                assertThat(after.seq()).as("the chain goes on from the last record written").isEqualTo(written);
                assertThat(log.verify().ok()).isTrue();
                assertThat(log.verify().recordsChecked()).isEqualTo(written);
                assertThat(integrity(database)).isEqualTo("ok");
            }
            // And the file opens again as a whole database.
            try (EmbeddedDatabase reopened = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(),
                    InstantSource.fixed(T0))) {
                assertThat(integrity(reopened)).isEqualTo("ok");
                assertThat(new SqliteAuditLog(reopened).verify().ok()).isTrue();
            }
        }
    }
}
