package io.xueliang.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path root;
    private EmbeddedDatabase database;
    private SqliteAuditLog log;

    @BeforeEach
    void open() {
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        log = new SqliteAuditLog(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static AuditEntry entry(int n) {
        return entry(T0.plusSeconds(n), "user" + (n % 3), "GET /api/v1/reads", n % 2 == 0 ? "CASE-" + (n % 4) : null);
    }

    private static AuditEntry entry(Instant at, String actor, String action, String caseReference) {
        return new AuditEntry(at, actor, List.of("investigator"), "10.1.2.3", action,
                new TreeMap<>(Map.of("plate", "湘C1234" + at.getEpochSecond() % 10)), "patrol", caseReference, 7, 200);
    }

    private void appendAll(int count) throws Exception {
        List<CompletableFuture<AuditRecord>> futures = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            futures.add(log.append(entry(i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
    }

    private Connection rawWithoutTriggers() throws SQLException {
        database.close();
        return AuditTampering.withoutTriggers(root);
    }

    @Test
    void appendsFormAChainFromGenesis() throws Exception {
        AuditRecord first = log.append(entry(1)).get();
        AuditRecord second = log.append(entry(2)).get();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS_PREV_HASH);
        assertThat(first.hash()).isEqualTo(AuditChain.hash(1, AuditChain.GENESIS_PREV_HASH, entry(1)));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(log.query(AuditQuery.newest(10))).containsExactly(second, first);
        assertThat(log.verify()).isEqualTo(new AuditVerification(true, 2, 2, second.hash(), 0, null, "ok"));
    }

    @Test
    void emptyLogVerifies() {
        assertThat(log.verify()).isEqualTo(AuditVerification.intact(0, 0, AuditChain.GENESIS_PREV_HASH));
    }

    @Test
    void concurrentAppendersFormOneUnbrokenChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> perThread = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                perThread.add(threads.submit(() -> {
                    List<CompletableFuture<AuditRecord>> mine = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        mine.add(log.append(entry(T0.plusMillis(i), "thread" + thread, "GET /api/v1/reads/" + i,
                                null)));
                    }
                    List<Long> seqs = new ArrayList<>();
                    for (CompletableFuture<AuditRecord> f : mine) {
                        seqs.add(f.get().seq());
                    }
                    return seqs;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : perThread) {
                List<Long> seqs = f.get();
                // one thread's appends keep its order in the chain
                assertThat(seqs).isSorted();
                all.addAll(seqs);
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 4_000).boxed().toList());
        } finally {
            threads.shutdown();
        }
        AuditVerification verification = log.verify();
        assertThat(verification.ok()).as(verification.reason()).isTrue();
        assertThat(verification.recordsChecked()).isEqualTo(4_000);
        assertThat(verification.lastSeq()).isEqualTo(4_000);
        assertThat(database.transactionsCommitted()).isLessThanOrEqualTo(4_000);
    }

    @Test
    void appendsQueuedTogetherCommitInOneTransaction() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database.submit(c -> {
            started.countDown();
            return hold(release);
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        long before = database.transactionsCommitted();
        List<CompletableFuture<AuditRecord>> appends = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            appends.add(log.append(entry(i)));
        }
        release.countDown();
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get();
        assertThat(database.transactionsCommitted() - before).isEqualTo(2);
        assertThat(appends.getLast().get().seq()).isEqualTo(300);
        assertThat(log.verify().ok()).isTrue();
    }

    @Test
    void logsSharingOneDatabaseKeepOneChain() throws Exception {
        SqliteAuditLog other = new SqliteAuditLog(database);
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            // Each log's remembered head is stale after the other appended: it must notice, not fork the chain.
            seqs.add((i % 2 == 0 ? other : log).append(entry(i)).get().seq());
        }

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        AuditVerification verification = log.verify();
        assertThat(verification.ok()).as(verification.reason()).isTrue();
        assertThat(verification.lastSeq()).isEqualTo(6);
    }

    @Test
    void anAppendWhoseCommitFailedIsNotTheHeadOfTheNext() throws Exception {
        appendAll(2);
        // A write whose foreign key is checked only at COMMIT makes the whole batch's commit fail.
        database.submit(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
                return st.executeUpdate("CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
            }
        }).get();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database.submit(c -> {
            started.countDown();
            return hold(release);
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<AuditRecord> lost = log.append(entry(3));
        CompletableFuture<Integer> orphan = database.submit(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO child (parent) VALUES (42)");
            }
        });
        release.countDown();
        assertThatThrownBy(lost::get).hasCauseInstanceOf(StorageException.class);
        assertThatThrownBy(orphan::get).hasCauseInstanceOf(StorageException.class);

        AuditRecord next = log.append(entry(4)).get();
        assertThat(next.seq()).isEqualTo(3);
        AuditVerification verification = log.verify();
        assertThat(verification.ok()).as(verification.reason()).isTrue();
        assertThat(verification.lastSeq()).isEqualTo(3);
    }

    @Test
    void reopenedLogContinuesTheChain() throws Exception {
        appendAll(3);
        database.close();
        open();
        AuditRecord fourth = log.append(entry(4)).get();
        assertThat(fourth.seq()).isEqualTo(4);
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.verify().recordsChecked()).isEqualTo(4);
    }

    @Test
    void triggersRefuseUpdateAndDelete() throws Exception {
        appendAll(3);
        database.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only: UPDATE refused");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_log WHERE seq = 2"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only: DELETE refused");
        }
        assertThat(AuditVerifier.verify(root).ok()).isTrue();
    }

    @Test
    void changedFieldIsNamedByItsSeq() throws Exception {
        appendAll(2_000);
        try (Connection c = rawWithoutTriggers(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE audit_log SET result_count = 0 WHERE seq = 1234")).isEqualTo(1);
        }
        AuditVerification v = AuditVerifier.verify(root);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(1234);
        assertThat(v.problem()).isEqualTo(AuditVerification.Problem.CHANGED);
        assertThat(v.reason()).contains("record 1234 was changed");
        assertThat(v.recordsChecked()).isEqualTo(1233);
        assertThat(v.lastSeq()).isEqualTo(1233);
    }

    @Test
    void changedFieldWithRecomputedHashBreaksTheNextLink() throws Exception {
        appendAll(20);
        AuditRecord seven = log.query(AuditQuery.newest(1).before(8)).getFirst();
        AuditEntry forged = entry(seven.entry().at(), "mallory", seven.entry().action(), null);
        String forgedHash = AuditChain.hash(7, seven.prevHash(), forged);
        try (Connection c = rawWithoutTriggers(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_log SET actor = 'mallory', case_reference = NULL, hash = '" + forgedHash
                    + "' WHERE seq = 7");
        }
        AuditVerification v = AuditVerifier.verify(root);
        assertThat(v.firstBadSeq()).isEqualTo(8);
        assertThat(v.problem()).isEqualTo(AuditVerification.Problem.REORDERED);
        assertThat(v.reason()).contains("record 8 does not follow record 7");
    }

    @Test
    void deletedRecordIsNamedAsAGap() throws Exception {
        appendAll(100);
        try (Connection c = rawWithoutTriggers(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM audit_log WHERE seq = 50")).isEqualTo(1);
        }
        AuditVerification v = AuditVerifier.verify(root);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(50);
        assertThat(v.problem()).isEqualTo(AuditVerification.Problem.REMOVED);
        assertThat(v.reason()).contains("record 50 is missing", "after seq 49 comes seq 51");
        assertThat(v.recordsChecked()).isEqualTo(49);
    }

    @Test
    void deletedAndRenumberedRecordsBreakTheLink() throws Exception {
        appendAll(30);
        try (Connection c = rawWithoutTriggers(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_log WHERE seq = 20");
            st.executeUpdate("UPDATE audit_log SET seq = seq - 1 WHERE seq > 20");
        }
        AuditVerification v = AuditVerifier.verify(root);
        assertThat(v.firstBadSeq()).isEqualTo(20);
        assertThat(v.problem()).isEqualTo(AuditVerification.Problem.REORDERED);
    }

    @Test
    void swappedRecordsAreDetectedAtTheFirst() throws Exception {
        appendAll(30);
        try (Connection c = rawWithoutTriggers(); Statement st = c.createStatement()) {
            // every column but seq changes place
            st.executeUpdate("UPDATE audit_log SET seq = -11 WHERE seq = 11");
            st.executeUpdate("UPDATE audit_log SET seq = 11 WHERE seq = 10");
            st.executeUpdate("UPDATE audit_log SET seq = 10 WHERE seq = -11");
        }
        AuditVerification v = AuditVerifier.verify(root);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadSeq()).isEqualTo(10);
        assertThat(v.problem()).isEqualTo(AuditVerification.Problem.REORDERED);
        assertThat(v.reason()).contains("record 10 does not follow record 9");
    }

    @Test
    void unreadableStoredFieldsCountAsChanged() throws Exception {
        appendAll(5);
        try (Connection c = rawWithoutTriggers(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_log SET parameters = 'not json' WHERE seq = 3");
        }
        AuditVerification v = AuditVerifier.verify(root);
        assertThat(v.firstBadSeq()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo(AuditVerification.Problem.CHANGED);
        assertThat(v.reason()).contains("cannot be read");
    }

    @Test
    void verifierNeedsADatabase() {
        assertThatThrownBy(() -> AuditVerifier.verify(root.resolve("elsewhere")))
                .isInstanceOf(StorageException.class).hasMessageContaining("no database there");
    }

    @Test
    void verifierRunsBesideAnOpenServer() throws Exception {
        appendAll(10);
        assertThat(AuditVerifier.verify(root)).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.recordsChecked()).isEqualTo(10);
        });
        assertThat(log.append(entry(11)).get().seq()).isEqualTo(11);
    }

    @Test
    void queryFiltersCombineAndComeNewestFirst() throws Exception {
        log.append(entry(T0, "alice", "GET /api/v1/reads", "CASE-1")).get();
        log.append(entry(T0.plusSeconds(10), "bob", "GET /api/v1/reads", "CASE-1")).get();
        log.append(entry(T0.plusSeconds(20), "alice", "GET /api/v1/plates/湘C12345/trajectory", "CASE-2")).get();
        log.append(entry(T0.plusSeconds(30), "alice", "POST /api/v1/exports", null)).get();
        log.append(entry(T0.plusSeconds(40), "token:7", "GET /api/v1/reads%", null)).get();

        assertThat(seqs(AuditQuery.newest(100))).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(seqs(AuditQuery.newest(100).withActor("alice"))).containsExactly(4L, 3L, 1L);
        assertThat(seqs(AuditQuery.newest(100).withActionPrefix("GET /api/v1/reads"))).containsExactly(5L, 2L, 1L);
        // the prefix is literal: % and _ are no wildcards, case counts
        assertThat(seqs(AuditQuery.newest(100).withActionPrefix("GET /api/v1/reads%"))).containsExactly(5L);
        assertThat(seqs(AuditQuery.newest(100).withActionPrefix("GET /api/v1/r_ads"))).isEmpty();
        assertThat(seqs(AuditQuery.newest(100).withActionPrefix("get"))).isEmpty();
        assertThat(seqs(AuditQuery.newest(100).withCaseReference("CASE-1"))).containsExactly(2L, 1L);
        // from inclusive, to exclusive
        assertThat(seqs(AuditQuery.newest(100).between(T0.plusSeconds(10), T0.plusSeconds(30))))
                .containsExactly(3L, 2L);
        assertThat(seqs(AuditQuery.newest(100).between(T0.plusSeconds(10), T0.plusSeconds(30).plusNanos(1))))
                .containsExactly(4L, 3L, 2L);
        assertThat(seqs(AuditQuery.newest(100).between(T0.plusSeconds(10), null))).containsExactly(5L, 4L, 3L, 2L);
        assertThat(seqs(AuditQuery.newest(100).withActor("alice").withCaseReference("CASE-2")))
                .containsExactly(3L);
    }

    @Test
    void queryReturnsRecordsAsAppended() throws Exception {
        AuditEntry full = new AuditEntry(T0.plusNanos(123_456_000), "token:42", List.of("auditor", "admin"),
                "2001:db8::1", "GET /api/v1/audit", new TreeMap<>(Map.of("actor", "alice", "limit", "50")), null,
                null, -1, 403);
        AuditRecord appended = log.append(full).get();
        assertThat(log.query(AuditQuery.newest(1))).containsExactly(appended);
        assertThat(appended.entry()).isEqualTo(full);
    }

    @Test
    void pagingWithTheSeqCursorVisitsEveryRecordOnce() throws Exception {
        appendAll(95);
        List<Long> visited = new ArrayList<>();
        AuditQuery page = AuditQuery.newest(10).withActionPrefix("GET");
        List<AuditRecord> records;
        int pages = 0;
        do {
            records = log.query(page);
            records.forEach(r -> visited.add(r.seq()));
            if (!records.isEmpty()) {
                page = page.before(records.getLast().seq());
            }
            pages++;
        } while (records.size() == 10);
        assertThat(pages).isEqualTo(10);
        assertThat(visited).containsExactlyElementsOf(LongStream.iterate(95, s -> s >= 1, s -> s - 1).boxed().toList());
    }

    @Test
    void queryLimitsAreChecked() {
        assertThatThrownBy(() -> AuditQuery.newest(0)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> AuditQuery.newest(1_001)).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> AuditQuery.newest(1).between(T0, T0)).hasMessageContaining("must be before");
    }

    @Test
    void appendFailsFastWhenTheStoreIsSaturated() throws Exception {
        database.close();
        database = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults().withWriteQueueLimit(2),
                InstantSource.fixed(T0));
        log = new SqliteAuditLog(database);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database.submit(c -> {
            started.countDown();
            return hold(release);
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<AuditRecord> a = log.append(entry(1));
        CompletableFuture<AuditRecord> b = log.append(entry(2));
        CompletableFuture<AuditRecord> refused = log.append(entry(3));
        assertThat(refused).isCompletedExceptionally();
        release.countDown();
        assertThat(a.get(30, TimeUnit.SECONDS).seq()).isEqualTo(1);
        assertThat(b.get(30, TimeUnit.SECONDS).seq()).isEqualTo(2);
        assertThat(log.append(entry(4)).get().seq()).isEqualTo(3);
        assertThat(log.verify().ok()).isTrue();
    }

    /** Keeps the writer thread busy until the test releases it. */
    private static boolean hold(CountDownLatch release) {
        try {
            return release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Long> seqs(AuditQuery query) {
        return log.query(query).stream().map(AuditRecord::seq).toList();
    }
}
