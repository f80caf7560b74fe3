package io.xueliang.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.FakeClock;
import io.xueliang.storage.signing.Ed25519KeyFile;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 10 item 16 on a store whose chain is anchored: each passes a check of the chain alone (as
 * {@code audit verify} did before anchoring) and fails against the signed checkpoints.
 */
class AuditAnchoringTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path root;
    private final FakeClock clock = new FakeClock(T0);
    private EmbeddedDatabase database;
    private SqliteAuditLog log;
    private AuditCheckpointer checkpointer;

    @BeforeEach
    void open() throws Exception {
        openStore();
    }

    @AfterEach
    void close() {
        closeStore();
    }

    private void openStore() throws Exception {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        log = new SqliteAuditLog(database);
        checkpointer = AuditCheckpointer.open(root, log, List.of(), clock);
    }

    private void closeStore() {
        if (database != null) {
            checkpointer.close();
            database.close();
            database = null;
        }
    }

    private void append(int n, String actor) throws Exception {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(1));
            log.append(new AuditEntry(clock.instant(), actor, List.of("investigator"), "10.1.2.3", "GET /api/v1/reads",
                    new TreeMap<>(Map.of("plate", "湘C1234" + i)), "patrol", "XT-2026-0042", i, 200)).get();
        }
    }

    private AuditCheckpoint checkpoint() throws Exception {
        clock.advance(Duration.ofMinutes(5));
        return checkpointer.checkpoint().orElseThrow();
    }

    private AuditReport verify(AuditExpectation... expected) throws Exception {
        return AuditVerifier.verify(root, null, List.of(expected));
    }

    /** As someone with write access to the database file: the triggers are no obstacle. */
    private Connection attacker() throws SQLException {
        closeStore();
        return AuditTampering.withoutTriggers(root);
    }

    @Test
    void verifyReportsHowFarTheCheckpointsVouchForTheChain() throws Exception {
        append(10, "investigator1");
        AuditCheckpoint first = checkpoint();
        assertThat(first.seq()).isEqualTo(10);
        assertThat(checkpointer.checkpoint()).as("the head did not move: nothing to sign").isEmpty();
        append(5, "investigator1");

        AuditReport report = verify();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.chain().lastSeq()).isEqualTo(15);
        assertThat(report.anchoring().vouching()).isEqualTo(first);
        assertThat(report.anchoring().checkpoints()).isEqualTo(1);
        assertThat(report.anchoring().keySource()).isEqualTo(AuditAnchoring.KeySource.STORE);
        assertThat(report.anchoring().keyFingerprint()).isEqualTo(checkpointer.keyFingerprint());

        AuditCheckpoint second = checkpoint();
        assertThat(second.seq()).isEqualTo(15);
        assertThat(verify().anchoring().vouching()).isEqualTo(second);
        List<String> lines = Files.readAllLines(AuditCheckpointFile.under(root).path());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("xueliang-audit-checkpoint-1 kind=head seq=10 hash=" + first.hash()
                + " at=" + first.at() + " sig=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(AuditCheckpointFile.under(root).path())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                Ed25519KeyFile.privateFile(root.resolve("keys"), AuditCheckpointer.KEY_NAME)))).isEqualTo("rw-------");
    }

    @Test
    void aCutTailPassesTheChainAloneButNotTheCheckpoint() throws Exception {
        append(10, "investigator1");
        checkpoint();
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_log WHERE seq > 7");
        }
        assertThat(AuditVerifier.verify(root).ok()).as("the chain alone cannot tell").isTrue();

        AuditReport report = verify();
        assertThat(report.chain().ok()).isTrue();
        assertThat(report.ok()).isFalse();
        assertThat(report.anchoring().problems()).singleElement().asString()
                .startsWith("checkpoint line 1 (made ")
                .endsWith("vouches for record 10, but the chain ends at record 7: records 8..10 were removed");
    }

    @Test
    void anEmptiedLogPassesTheChainAloneButNotTheCheckpoint() throws Exception {
        append(10, "investigator1");
        checkpoint();
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_log");
        }
        assertThat(AuditVerifier.verify(root).ok()).isTrue();
        AuditReport report = verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.anchoring().problems()).singleElement().asString()
                .endsWith("but the chain ends at record 0: records 1..10 were removed");
    }

    @Test
    void aChainRebuiltWithoutOneUsersRecordsFailsEveryCheckpoint() throws Exception {
        append(4, "investigator1");
        append(3, "suspect-insider");
        append(5, "investigator1");
        AuditCheckpoint first = checkpoint(); // seq 12
        append(6, "investigator1");
        AuditCheckpoint second = checkpoint(); // seq 18
        try (Connection c = attacker()) {
            rebuildWithout(c, "suspect-insider");
        }
        AuditVerification alone = AuditVerifier.verify(root);
        assertThat(alone.ok()).as("a rebuilt chain holds together").isTrue();
        assertThat(alone.lastSeq()).isEqualTo(15);

        AuditReport report = verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.anchoring().vouching()).isNull();
        assertThat(report.anchoring().problems()).hasSize(2);
        assertThat(report.anchoring().problems().get(0)).contains("vouches for record 12 with hash " + first.hash()
                + ", but record 12 has hash ").endsWith("records up to 12 were rewritten");
        assertThat(report.anchoring().problems().get(1))
                .endsWith("vouches for record " + second.seq() + ", but the chain ends at record 15: records 16..18"
                        + " were removed");
    }

    /** Deletes {@code actor}'s records, renumbers the rest 1, 2, 3… and recomputes every hash. */
    private static void rebuildWithout(Connection c, String actor) throws SQLException {
        List<AuditRecord> kept = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq, at_micros, actor, roles, source_address, action, parameters,"
                        + " purpose, case_reference, result_count, outcome, prev_hash, hash FROM audit_log ORDER BY seq")) {
            while (rs.next()) {
                if (rs.getString(3).equals(actor)) {
                    continue;
                }
                kept.add(new AuditRecord(0, new AuditEntry(io.xueliang.sql.SqlInstants.instant(rs.getLong(2)),
                        rs.getString(3), AuditColumns.parseRoles(rs.getString(4)), rs.getString(5), rs.getString(6),
                        AuditColumns.parseParameters(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getLong(10),
                        rs.getInt(11)), null, null));
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_log");
        }
        String prev = AuditChain.GENESIS_PREV_HASH;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_log (seq, at_micros, actor, roles,"
                + " source_address, action, parameters, purpose, case_reference, result_count, outcome, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long seq = 0;
            for (AuditRecord r : kept) {
                AuditEntry e = r.entry();
                String hash = AuditChain.hash(++seq, prev, e);
                insert.setLong(1, seq);
                insert.setLong(2, io.xueliang.sql.SqlInstants.micros(e.at()));
                insert.setString(3, e.actor());
                insert.setString(4, AuditColumns.roles(e.roles()));
                insert.setString(5, e.sourceAddress());
                insert.setString(6, e.action());
                insert.setString(7, AuditColumns.parameters(e.parameters()));
                insert.setString(8, e.purpose());
                insert.setString(9, e.caseReference());
                insert.setLong(10, e.resultCount());
                insert.setInt(11, e.outcome());
                insert.setString(12, prev);
                insert.setString(13, hash);
                insert.executeUpdate();
                prev = hash;
            }
        }
    }

    @Test
    void checkpointsResignedWithAReplacedKeyPassOnlyUntilTheOperatorsCopyOfTheKeyIsGiven() throws Exception {
        append(10, "investigator1");
        checkpoint();
        var pinned = Ed25519KeyFile.loadOrCreate(root.resolve("keys"), AuditCheckpointer.KEY_NAME).publicKey();
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_log WHERE seq > 6");
        }
        // The attacker also owns the storage root: a new key, and the checkpoint file signed again to match.
        Path keys = root.resolve("keys");
        Files.delete(Ed25519KeyFile.privateFile(keys, AuditCheckpointer.KEY_NAME));
        Files.delete(Ed25519KeyFile.publicFile(keys, AuditCheckpointer.KEY_NAME));
        Files.delete(AuditCheckpointFile.under(root).path());
        openStore();
        checkpoint();
        closeStore();

        assertThat(verify().ok()).as("with the store's own key the forgery holds").isTrue();
        AuditReport pinnedReport = AuditVerifier.verify(root, pinned, List.of());
        assertThat(pinnedReport.ok()).isFalse();
        assertThat(pinnedReport.anchoring().keySource()).isEqualTo(AuditAnchoring.KeySource.TRUSTED);
        assertThat(pinnedReport.anchoring().problems()).hasSize(2);
        assertThat(pinnedReport.anchoring().problems().get(0))
                .startsWith("checkpoint line 1 (record 6, made ").contains("does not verify with key");
        assertThat(pinnedReport.anchoring().problems().get(1))
                .startsWith("no signed checkpoint vouches for any record (no line of the checkpoint file verifies)");
    }

    @Test
    void aForgedOrEditedCheckpointLineIsNamed() throws Exception {
        append(5, "investigator1");
        AuditCheckpoint real = checkpoint();
        Path file = AuditCheckpointFile.under(root).path();
        String line = Files.readAllLines(file).get(0);
        // The time edited in the signed text; a line signed by some other key; one that would accuse the chain.
        String edited = line.replace(real.at().toString(), real.at().plusSeconds(1).toString());
        Ed25519KeyFile other = Ed25519KeyFile.loadOrCreate(root.resolve("elsewhere"), "other");
        String forged = AuditCheckpoint.head(5, real.hash(), T0).line(other);
        String accusing = AuditCheckpoint.head(3, "ab".repeat(32), T0).line(other);
        Files.writeString(file, line + "\n" + edited + "\n" + forged + "\nnot a checkpoint\n" + accusing + "\n");
        AuditReport report = verify();
        assertThat(report.anchoring().checkpoints()).isEqualTo(4);
        assertThat(report.anchoring().vouching()).as("the genuine line still vouches").isEqualTo(real);
        assertThat(report.anchoring().problems()).hasSize(4);
        assertThat(report.anchoring().problems().get(0)).startsWith("checkpoint line 4 is not a checkpoint");
        assertThat(report.anchoring().problems().get(1)).as("a forged accusation is no proof of a changed chain")
                .isEqualTo("checkpoint line 5 (record 3, made " + T0 + ") does not verify with key "
                        + checkpointer.keyFingerprint() + ": forged, edited, or signed by another key");
        assertThat(report.anchoring().problems().get(2)).startsWith("checkpoint line 3 (record 5, made ")
                .endsWith("does not verify with key " + checkpointer.keyFingerprint()
                        + ": forged, edited, or signed by another key");
        assertThat(report.anchoring().problems().get(3)).startsWith("checkpoint line 2 (record 5");
    }

    @Test
    void removedCheckpointsOrKeyAreAFailureOnceTheChainHasRecords() throws Exception {
        assertThat(verify().ok()).as("an empty store has nothing to anchor").isTrue();
        append(3, "investigator1");
        checkpoint();
        Files.delete(AuditCheckpointFile.under(root).path());
        assertThat(verify().anchoring().problems()).singleElement().asString()
                .startsWith("no signed checkpoint vouches for any record (there is no checkpoint file)");
        Files.delete(AuditCheckpointer.publicKeyFile(root));
        assertThat(verify().anchoring().problems()).singleElement().asString()
                .startsWith("no checkpoint key: ").contains("audit-checkpoint.pub is missing");
    }

    @Test
    void expectedHeadsAreFoundOrNamed() throws Exception {
        append(8, "investigator1");
        AuditRecord fifth = log.query(AuditQuery.newest(1000)).stream().filter(r -> r.seq() == 5).findFirst()
                .orElseThrow();
        checkpoint();
        AuditReport found = verify(new AuditExpectation(5, fifth.hash()));
        assertThat(found.ok()).isTrue();
        assertThat(found.anchoring().notes()).containsExactly("expected head 5:" + fifth.hash() + " is in the chain");

        AuditReport other = verify(new AuditExpectation(5, "ab".repeat(32)), new AuditExpectation(9, fifth.hash()));
        assertThat(other.anchoring().problems()).containsExactly(
                "expected head 5:" + "ab".repeat(32) + " is not in the chain: record 5 has hash " + fifth.hash(),
                "expected head 9:" + fifth.hash() + " is not in the chain: it ends at record 8");
        assertThat(AuditExpectation.parse(" 12:" + "AB".repeat(32))).isEqualTo(new AuditExpectation(12, "ab".repeat(32)));
    }

    @Test
    void theCheckpointerNeverSignsAChainThatContradictsItsLastCheckpoint() throws Exception {
        append(10, "investigator1");
        AuditCheckpoint signed = checkpoint();
        try (Connection c = attacker(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_log WHERE seq > 8");
        }
        openStore();
        append(4, "investigator1"); // seq 9..12 again, after the cut
        clock.advance(Duration.ofMinutes(5));
        assertThat(checkpointer.checkpoint()).isEmpty();
        assertThat(checkpointer.problem()).get().asString().startsWith("the audit chain contradicts the checkpoint of"
                + " record 10 made at " + signed.at() + ": record 10 has hash ");
        assertThat(checkpointer.last()).contains(signed);
        assertThat(Files.readAllLines(AuditCheckpointFile.under(root).path())).hasSize(1);
    }

    @Test
    void aTornLastLineVouchesForNothingAndIsCutBeforeTheNextCheckpoint() throws Exception {
        append(3, "investigator1");
        checkpoint();
        Path file = AuditCheckpointFile.under(root).path();
        Files.writeString(file, "xueliang-audit-checkpoint-1 kind=head seq=9", StandardOpenOption.APPEND);
        AuditReport report = verify();
        assertThat(report.ok()).isTrue();
        assertThat(report.anchoring().notes()).singleElement().asString().startsWith("checkpoint line 2 has no end");

        append(2, "investigator1");
        checkpoint();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("xueliang-audit-checkpoint-1 kind=head seq="));
        assertThat(verify().anchoring().vouching().seq()).isEqualTo(5);
    }
}
