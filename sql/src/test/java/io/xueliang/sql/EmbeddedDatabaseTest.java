package io.xueliang.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-22T08:00:00Z"));
    private static final String TEST_MIGRATIONS = "db/sqlite-test";
    /** The test schema's version (the main store's migrations are storage's, not on this module's class path). */
    private static final int SCHEMA_VERSION = SchemaMigrations.fromClasspath(TEST_MIGRATIONS).latestVersion();

    @TempDir
    Path root;

    private EmbeddedDatabase open(EmbeddedDatabaseSettings settings) {
        return EmbeddedDatabase.open(root, settings, CLOCK, TEST_MIGRATIONS);
    }

    private EmbeddedDatabase open() {
        return open(EmbeddedDatabaseSettings.defaults());
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + root.resolve(EmbeddedDatabase.FILE_NAME));
    }

    private static long count(EmbeddedDatabase db, String sql) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static CompletableFuture<Integer> insertNote(EmbeddedDatabase db, String note) {
        return db.submit(c -> {
            try (var st = c.prepareStatement("INSERT INTO first (note) VALUES (?)")) {
                st.setString(1, note);
                return st.executeUpdate();
            }
        });
    }

    @Test
    void createsFolderAndFileInWalModeWithForeignKeys() throws Exception {
        root = root.resolve("nested/data");
        try (EmbeddedDatabase db = open()) {
            assertThat(db.file()).isEqualTo(root.resolve("xueliang.db")).exists();
            assertThat(db.<String>read(c -> pragma(c, "journal_mode"))).isEqualTo("wal");
            assertThat(db.<String>read(c -> pragma(c, "foreign_keys"))).isEqualTo("1");
            assertThat(db.submit(c -> pragma(c, "foreign_keys")).get()).isEqualTo("1");
            assertThat(db.submit(c -> pragma(c, "synchronous")).get()).isEqualTo("1"); // NORMAL
        }
    }

    @Test
    void appliesMigrationsInOrderOnceAndRecordsThem() throws Exception {
        try (EmbeddedDatabase db = open()) {
            assertThat(db.schemaVersion()).isEqualTo(2);
        }
        try (EmbeddedDatabase db = open()) {
            assertThat(db.schemaVersion()).isEqualTo(2);
            // V2 inserted one row into V1's table: it ran after V1, and only once over two opens.
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'from V2'")).isEqualTo(1);
            List<String> recorded = db.read(c -> {
                List<String> rows = new ArrayList<>();
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT version, name, applied_at FROM schema_version ORDER BY version")) {
                    while (rs.next()) {
                        rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
                    }
                }
                return rows;
            });
            assertThat(recorded).containsExactly("1 V1__first.sql 2026-11-22T08:00:00Z",
                    "2 V2__second.sql 2026-11-22T08:00:00Z");
        }
    }

    @Test
    void aFailingMigrationLeavesNothingOfItselfAndIsNotRecorded() throws Exception {
        assertThatThrownBy(() -> EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), CLOCK,
                "db/sqlite-broken"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("migration V2__broken.sql")
                .hasMessageContaining("no_such_table");
        try (Connection c = raw(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void reopeningKeepsCommittedData() throws Exception {
        try (EmbeddedDatabase db = open()) {
            insertNote(db, "kept").get();
        }
        try (EmbeddedDatabase db = open()) {
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'kept'")).isEqualTo(1);
        }
    }

    @Test
    void closeCommitsWhatIsStillQueued() throws Exception {
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        try (EmbeddedDatabase db = open()) {
            for (int i = 0; i < 200; i++) {
                writes.add(insertNote(db, "queued"));
            }
        }
        assertThat(writes).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        try (EmbeddedDatabase db = open()) {
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'queued'")).isEqualTo(200);
        }
    }

    @Test
    void databaseFromANewerVersionFailsClearly() throws Exception {
        try (EmbeddedDatabase db = open()) {
            db.submit(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO schema_version VALUES (3, 'V3__future.sql', 'x', 'later')");
                }
            }).get();
        }
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(SchemaTooNewException.class, e -> {
                    assertThat(e.databaseVersion()).isEqualTo(3);
                    assertThat(e.codeVersion()).isEqualTo(2);
                    assertThat(e.file()).isEqualTo(root.resolve("xueliang.db"));
                })
                .hasMessageContaining("schema is version 3")
                .hasMessageContaining("knows versions up to 2")
                .hasMessageContaining("newer xueliang");
    }

    @Test
    void readOnlyOpenAlsoRefusesANewerSchema() throws Exception {
        open().close();
        try (Connection c = raw(); Statement st = c.createStatement()) {
            // One past the production schema, whatever migrations exist by now.
            st.executeUpdate("INSERT INTO schema_version VALUES (" + (SCHEMA_VERSION + 1)
                    + ", 'V99__future.sql', 'x', 'later')");
        }
        assertThatThrownBy(() -> EmbeddedDatabase.openReadOnly(root, EmbeddedDatabase.FILE_NAME, TEST_MIGRATIONS,
                EmbeddedDatabaseSettings.defaults()))
                .isInstanceOfSatisfying(SchemaTooNewException.class, e -> {
                    assertThat(e.databaseVersion()).isEqualTo(SCHEMA_VERSION + 1);
                    assertThat(e.codeVersion()).isEqualTo(SCHEMA_VERSION);
                });
    }

    @Test
    void closeFromTheWriterThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        EmbeddedDatabase db = open();
        try {
            CompletableFuture<Void> closing = db.submit(c -> {
                db.close();
                return null;
            });
            assertThatThrownBy(closing::get).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("writer thread");
        } finally {
            db.close();
        }
    }

    @Test
    void anAppliedMigrationWhoseScriptChangedFailsTheStart() throws Exception {
        open().close(); // migrates
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schema_version SET sha256 = 'edited' WHERE version = 1");
        }
        assertThatThrownBy(this::open).isInstanceOf(StorageException.class)
                .hasMessageContaining("V1__first.sql was applied from a script that differs");
    }

    @Test
    void groupCommitsEverythingQueuedWhileTheWriterWasBusy() throws Exception {
        try (EmbeddedDatabase db = open(EmbeddedDatabaseSettings.defaults().withMaxBatch(2_000))) {
            long before = db.transactionsCommitted();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> blocker = db.submit(c -> {
                started.countDown();
                hold(release);
                return 0;
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                writes.add(insertNote(db, "batched"));
            }
            release.countDown();
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
            blocker.get();
            // the blocker's own transaction, then all 1,000 waiting writes in one
            assertThat(db.transactionsCommitted() - before).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'batched'")).isEqualTo(1_000);
        }
    }

    @Test
    void batchesAreCutAtMaxBatch() throws Exception {
        try (EmbeddedDatabase db = open(EmbeddedDatabaseSettings.defaults().withMaxBatch(100))) {
            long before = db.transactionsCommitted();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.submit(c -> {
                started.countDown();
                hold(release);
                return 0;
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                writes.add(insertNote(db, "batched"));
            }
            release.countDown();
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();
            assertThat(db.transactionsCommitted() - before).isEqualTo(11);
        }
    }

    @Test
    void fullQueueFailsFastNamingTheLimit() throws Exception {
        try (EmbeddedDatabase db = open(EmbeddedDatabaseSettings.defaults().withWriteQueueLimit(4))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.submit(c -> {
                started.countDown();
                hold(release);
                return 0;
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                queued.add(insertNote(db, "fits"));
            }
            CompletableFuture<Integer> refused = insertNote(db, "refused");
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause()
                    .isInstanceOfSatisfying(WriteQueueFullException.class, e -> assertThat(e.limit()).isEqualTo(4))
                    .hasMessageContaining("4");
            release.countDown();
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get();
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'fits'")).isEqualTo(4);
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'refused'")).isZero();
        }
    }

    @Test
    void aFailingWriteFailsOnlyItselfAndItsBatchmatesCommit() throws Exception {
        try (EmbeddedDatabase db = open()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.submit(c -> {
                started.countDown();
                hold(release);
                return 0;
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> before = insertNote(db, "before");
            CountDownLatch toldRolledBack = new CountDownLatch(1);
            CompletableFuture<Integer> failing = db.submit(new WriteTask<Integer>() {
                @Override
                public Integer apply(Connection c) throws SQLException {
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("INSERT INTO first (note) VALUES ('half of a failing write')");
                        return st.executeUpdate("INSERT INTO first (note) VALUES (NULL)");
                    }
                }

                @Override
                public void rolledBack() {
                    toldRolledBack.countDown();
                }
            });
            CompletableFuture<Integer> after = insertNote(db, "after");
            long transactions = db.transactionsCommitted();
            release.countDown();
            assertThat(before.get()).isEqualTo(1);
            assertThat(after.get()).isEqualTo(1);
            assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StorageException.class).hasMessageContaining("NOT NULL");
            assertThat(toldRolledBack.getCount()).isZero();
            assertThat(db.transactionsCommitted() - transactions).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM first WHERE note IN ('before', 'after')")).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'half of a failing write'")).isZero();
        }
    }

    /**
     * SQLite rolls the whole transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM), behind
     * the driver's back: the writer must begin a new one, or every later write commits alone at its savepoint's release
     * and the batch's commit fails with "no transaction is active" (seen once the disk-full volume had room again).
     */
    @Test
    void writesGoOnAfterSqliteEndedTheTransactionByItself() throws Exception {
        try (EmbeddedDatabase db = open()) {
            assertThat(insertNote(db, "before").get()).isEqualTo(1);
            CompletableFuture<Integer> ended = db.submit(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO first (note) VALUES ('lost with the rollback')");
                    st.executeUpdate("ROLLBACK"); // what SQLite does itself on SQLITE_FULL
                }
                return 1;
            });
            assertThatThrownBy(ended::get).isInstanceOf(ExecutionException.class);
            for (int i = 0; i < 3; i++) {
                assertThat(insertNote(db, "after " + i).get()).isEqualTo(1);
            }
            assertThat(count(db, "SELECT count(*) FROM first WHERE note LIKE 'after %'")).isEqualTo(3);
            assertThat(count(db, "SELECT count(*) FROM first WHERE note = 'lost with the rollback'")).isZero();
        }
    }

    @Test
    void readsRunBesideAWriterThatHoldsAnOpenTransaction() throws Exception {
        try (EmbeddedDatabase db = open()) {
            insertNote(db, "committed").get();
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> slow = db.submit(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO first (note) VALUES ('uncommitted')");
                }
                written.countDown();
                hold(release);
                return 1;
            });
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(count(db, "SELECT count(*) FROM first WHERE note IN ('committed', 'uncommitted')")).isEqualTo(1);
            release.countDown();
            slow.get();
            assertThat(count(db, "SELECT count(*) FROM first WHERE note IN ('committed', 'uncommitted')")).isEqualTo(2);
        }
    }

    @Test
    void readConnectionsRefuseWrites() {
        try (EmbeddedDatabase db = open()) {
            assertThatThrownBy(() -> db.read(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO first (note) VALUES ('no')");
                }
            })).isInstanceOf(StorageException.class).hasMessageContaining("read");
        }
    }

    @Test
    void readsOnAVertxEventLoopThreadAreRefused() throws Exception {
        try (EmbeddedDatabase db = open()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread loop = new Thread(() -> {
                try {
                    count(db, "SELECT 1");
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "vert.x-eventloop-thread-0");
            loop.start();
            loop.join();
            assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop");
        }
    }

    @Test
    void submitAfterCloseFails() {
        EmbeddedDatabase db = open();
        db.close();
        assertThatThrownBy(() -> insertNote(db, "late").join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void readOnlyOpenNeedsAnExistingDatabaseAndRefusesWrites() {
        assertThatThrownBy(() -> EmbeddedDatabase.openReadOnly(root, EmbeddedDatabase.FILE_NAME, TEST_MIGRATIONS,
                EmbeddedDatabaseSettings.defaults()))
                .isInstanceOf(StorageException.class).hasMessageContaining("no database there");
        // openReadOnly checks the schema against the migrations
        try (EmbeddedDatabase db = open()) {
            assertThat(db.schemaVersion()).isEqualTo(SCHEMA_VERSION).isGreaterThanOrEqualTo(1);
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.openReadOnly(root, EmbeddedDatabase.FILE_NAME, TEST_MIGRATIONS,
                EmbeddedDatabaseSettings.defaults())) {
            assertThat(db.readOnly()).isTrue();
            assertThat(count(db, "SELECT count(*) FROM schema_version")).isEqualTo(SCHEMA_VERSION);
            assertThatThrownBy(() -> db.submit(c -> 1).join()).cause()
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        }
    }

    /** Keeps the writer thread busy until the test releases it. */
    private static void hold(CountDownLatch release) {
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the writer");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
