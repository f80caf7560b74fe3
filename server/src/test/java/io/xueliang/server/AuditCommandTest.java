package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.storage.audit.AuditEntry;
import io.xueliang.storage.audit.SqliteAuditLog;
import io.xueliang.storage.sql.EmbeddedDatabase;
import io.xueliang.storage.sql.EmbeddedDatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xueliang audit verify} as an auditor runs it, on an untouched store and after a hand edit. */
class AuditCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out) { }

    private Run verify(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute("audit", "verify", "--config", config.toString());
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void passesOnAnUntouchedStoreAndNamesTheRecordEditedByHand() throws Exception {
        Path root = tmp.resolve("data");
        try (EmbeddedDatabase db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system())) {
            SqliteAuditLog log = new SqliteAuditLog(db);
            for (int i = 0; i < 20; i++) {
                TreeMap<String, String> params = new TreeMap<>();
                params.put("plate", "湘C1234" + (i % 10));
                log.append(new AuditEntry(Instant.parse("2026-11-22T08:00:00Z").plusSeconds(i), "investigator1",
                        List.of("investigator"), "10.1.2.3", "GET /api/v1/reads", params, "theft inquiry",
                        "XT-2026-0042", i, 200)).get();
            }
        }
        Path config = tmp.resolve("xueliang.yaml");
        Files.writeString(config, "storage: { root: " + root + " }\n");

        Run ok = verify(config);
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("audit chain intact: 20 record(s)");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET result_count = 0 WHERE seq = 7");
        }
        Run broken = verify(config);
        assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at record 7 (CHANGED)");
    }

    @Test
    void saysSoWhenThereIsNoStore() throws Exception {
        Path config = tmp.resolve("xueliang.yaml");
        Files.writeString(config, "storage: { root: " + tmp.resolve("nothing-here") + " }\n");
        assertThat(verify(config).exit()).isEqualTo(2);
    }
}
