package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.storage.audit.AuditArchive;
import io.xueliang.storage.audit.AuditChain;
import io.xueliang.storage.audit.AuditCheckpointer;
import io.xueliang.storage.audit.AuditEntry;
import io.xueliang.storage.audit.AuditRetention;
import io.xueliang.storage.audit.SqliteAuditLog;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.auth.User;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
            try (AuditCheckpointer checkpoints = AuditCheckpointer.open(root, log, List.of(), InstantSource.system())) {
                checkpoints.checkpoint().orElseThrow();
            }
        }
        Path config = tmp.resolve("xueliang.yaml");
        Files.writeString(config, "storage: { root: " + root + " }\n");

        Run ok = verify(config);
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("audit chain intact: 20 record(s)", "records 1..20 vouched for by the checkpoint");

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
    /** Issue 10 item 12: what retention moved out of the store is shown, and its archive checked on its own. */
    @Test
    void afterRetentionVerifyNamesTheArchiveAndVerifyArchiveChecksIt() throws Exception {
        Path root = tmp.resolve("data");
        Instant old = Instant.now().minus(Duration.ofDays(400));
        try (EmbeddedDatabase db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.system())) {
            SqliteAuditLog log = new SqliteAuditLog(db);
            for (int i = 0; i < 12; i++) {
                log.append(new AuditEntry(old.plusSeconds(i), "investigator1", List.of("investigator"), "10.1.2.3",
                        "GET /api/v1/reads", new TreeMap<>(), "theft inquiry", "XT-2026-0042", i, 200)).get();
            }
            try (AuditCheckpointer checkpoints = AuditCheckpointer.open(root, log, List.of(), InstantSource.system())) {
                checkpoints.checkpoint().orElseThrow();
                new AuditRetention(log, checkpoints, AuditArchive.directory(root), Duration.ofDays(365),
                        InstantSource.system()).sweep().orElseThrow();
                checkpoints.checkpoint().orElseThrow();
            }
        }
        Path config = tmp.resolve("xueliang.yaml");
        Files.writeString(config, "storage: { root: " + root + " }\n");
        Run ok = verify(config);
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("audit chain intact: 1 record(s) after the base, last seq 13",
                "records 1..12 archived to audit/archive/audit-1-12.jsonl", "records 13..13 vouched for");

        Path archive = AuditArchive.directory(root).resolve("audit-1-12.jsonl");
        Run whole = run("audit", "verify-archive", archive.toString(), "--config", config.toString());
        assertThat(whole.exit()).as(whole.out()).isZero();
        assertThat(whole.out()).contains("audit archive intact and signed: records 1..12 (12)");
        Files.writeString(archive, Files.readString(archive).replace("theft inquiry", "routine check"));
        Run edited = run("audit", "verify-archive", archive.toString(), "--key",
                AuditCheckpointer.publicKeyFile(root).toString());
        assertThat(edited.exit()).as(edited.out()).isEqualTo(1);
        assertThat(edited.out()).contains("line 1: record 1 was changed");
        assertThat(verify(config).exit()).as("the store's base names the archive's SHA-256").isEqualTo(3);
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new Run(new CommandLine(new Main()).execute(args), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    /** Issue 10 item 16: each of these passed {@code audit verify} before the chain was anchored. */
    @Test
    void aCutTailAnEmptiedLogAndARebuiltChainFailVerifyOnceTheServerAnchoredTheChain() throws Exception {
        Path root = tmp.resolve("data");
        String yaml = "http: { port: 0 }\nstorage: { root: " + root + " }\n";
        try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
            ApiClient api = new ApiClient(server.httpPort());
            String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
            server.users().create(User.of("insider", Set.of(Role.VIEWER), List.of(), Instant.now()),
                    "Quartz-insider-7319").get(30, TimeUnit.SECONDS);
            String insider = api.login("insider", "Quartz-insider-7319");
            for (int i = 0; i < 6; i++) {
                api.expect(200, "GET", "/api/v1/cameras", admin, null);
                api.expect(200, "GET", "/api/v1/cameras", insider, null);
            }
            api.expect(200, "GET", "/api/v1/cameras", admin, null);
        }
        Path config = tmp.resolve("xueliang.yaml");
        Files.writeString(config, "storage: { root: " + root + " }\n");
        Run whole = verify(config);
        assertThat(whole.exit()).as(whole.out()).isZero();
        assertThat(whole.out()).contains("vouched for by the checkpoint made");

        for (String attack : List.of("cut the tail", "empty the log", "rebuild without the insider")) {
            Path copy = tmp.resolve(attack.replace(' ', '-'));
            copyTree(root, copy);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve(EmbeddedDatabase.FILE_NAME));
                    Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER audit_log_no_delete");
                switch (attack) {
                    case "cut the tail" -> s.executeUpdate("DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)");
                    case "empty the log" -> s.executeUpdate("DELETE FROM audit_log");
                    default -> rebuildWithout(c, "insider");
                }
            }
            Path attacked = tmp.resolve(attack.replace(' ', '-') + ".yaml");
            Files.writeString(attacked, "storage: { root: " + copy + " }\n");
            Run r = verify(attacked);
            assertThat(r.exit()).as(attack + ": " + r.out()).isEqualTo(3);
            assertThat(r.out()).as(attack).contains("audit chain intact", "CONTRADICTED: checkpoint line",
                    "were removed");
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** What someone with write access to the database can do: drop a user's records and recompute the chain. */
    private static void rebuildWithout(Connection c, String actor) throws Exception {
        List<Object[]> kept = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at_micros, actor, roles,"
                + " source_address, action, parameters, purpose, case_reference, result_count, outcome FROM audit_log"
                + " ORDER BY seq")) {
            while (rs.next()) {
                if (!rs.getString(2).equals(actor)) {
                    Object[] row = new Object[10];
                    for (int i = 0; i < 10; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    kept.add(row);
                }
            }
            s.executeUpdate("DELETE FROM audit_log");
        }
        String prev = AuditChain.GENESIS_PREV_HASH;
        long seq = 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (seq, at_micros, actor, roles,"
                + " source_address, action, parameters, purpose, case_reference, result_count, outcome, prev_hash,"
                + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] row : kept) {
                TreeMap<String, String> parameters = new TreeMap<>();
                new JsonObject((String) row[5]).forEach(e -> parameters.put(e.getKey(), (String) e.getValue()));
                long micros = ((Number) row[0]).longValue();
                AuditEntry entry = new AuditEntry(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), (String) row[1],
                        new JsonArray((String) row[2]).stream().map(String.class::cast).toList(), (String) row[3],
                        (String) row[4], parameters, (String) row[6], (String) row[7], ((Number) row[8]).longValue(),
                        ((Number) row[9]).intValue());
                String hash = AuditChain.hash(++seq, prev, entry);
                insert.setLong(1, seq);
                for (int i = 0; i < 10; i++) {
                    insert.setObject(i + 2, row[i]);
                }
                insert.setString(12, prev);
                insert.setString(13, hash);
                insert.executeUpdate();
                prev = hash;
            }
        }
    }
}
