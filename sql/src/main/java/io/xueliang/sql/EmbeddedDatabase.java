package io.xueliang.sql;

import io.xueliang.sql.volume.DiskFull;
import io.xueliang.sql.volume.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: {@code <root>/xueliang.db}, one SQLite file in WAL mode.
 *
 * <pre>
 *   submit(task) ──► bounded queue ──► writer thread: BEGIN; task1..taskN (a savepoint each); COMMIT
 *                    (full: fails fast)                 └─ futures complete after the COMMIT
 *   read(task)   ──► one of N read-only connections (WAL: readers never wait for the writer)
 * </pre>
 *
 * <p>Writes are serialised on one writer thread: SQLite allows one writer at a time anyway, and one thread makes the
 * order of writes the order of the queue (the audit chain depends on it). The writer takes everything queued (up to
 * {@link EmbeddedDatabaseSettings#maxBatch()}) and commits it as one transaction (group commit): a burst of small
 * writes costs one commit, one WAL append of the pages it touched and, with {@code synchronous=FULL}, one fsync,
 * instead of one each. Each write runs under its own savepoint, so one failing write fails only its own future.
 *
 * <p>PRAGMAs: {@code journal_mode=WAL} so readers run beside the writer and a commit appends to the log instead of
 * rewriting pages in place; {@code synchronous=NORMAL} because in WAL mode it cannot corrupt the database, it only
 * lets a power cut (not a process crash) lose the last commits before the next checkpoint, in exchange for no fsync
 * per commit; {@link EmbeddedDatabaseSettings#syncEveryCommit()} selects {@code FULL} where that window matters more
 * than throughput. {@code foreign_keys=ON} because SQLite leaves them off by default; {@code busy_timeout} so a
 * checkpoint or a second process holding a lock makes us wait, not fail.
 *
 * <p><b>Threads.</b> {@link #read} and {@link #close} block, and {@link #submit}'s futures complete on the writer
 * thread: never call this from a Vert.x or Netty event loop. Callers run reads on worker threads
 * ({@code vertx.executeBlocking}, a virtual thread) and attach to futures with the {@code *Async} methods or hand
 * them to their own context, so no caller code runs on the writer thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String FILE_NAME = "xueliang.db";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final Path file;
    private final EmbeddedDatabaseSettings settings;
    private final int schemaVersion;
    private final Connection writer;
    private final BlockingQueue<Pending<?>> queue;
    private final Thread writerThread;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    private final ReentrantLock submitLock = new ReentrantLock();
    private final AtomicLong transactions = new AtomicLong();
    /** The per-write savepoint; used on the writer thread only. */
    private final WriteSavepoint savepoint;
    private volatile boolean closed;
    /** The last commit failed for lack of space (SQLITE_FULL); cleared by the next one that succeeds. */
    private volatile boolean full;

    private EmbeddedDatabase(Path file, EmbeddedDatabaseSettings settings, int schemaVersion, Connection writer,
            List<Connection> readers) {
        this.file = file;
        this.settings = settings;
        this.schemaVersion = schemaVersion;
        this.writer = writer;
        this.allReaders = List.copyOf(readers);
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
        this.queue = writer == null ? null : new ArrayBlockingQueue<>(settings.writeQueueLimit() + 1);
        this.savepoint = writer == null ? null : new WriteSavepoint(writer);
        if (writer != null) {
            writerThread = new Thread(this::writeLoop, "sqlite-writer-" + file.getFileName());
            writerThread.setDaemon(true);
            writerThread.start();
        } else {
            writerThread = null;
        }
    }

    /**
     * Opens (creating the folder and the file when missing) and migrates the database under {@code root}.
     *
     * @throws SchemaTooNewException when a newer xueliang migrated the file
     * @throws StorageException when the file cannot be opened or migrated
     */
    public static EmbeddedDatabase open(Path root, EmbeddedDatabaseSettings settings, InstantSource clock) {
        return open(root, settings, clock, SchemaMigrations.DEFAULT_LOCATION);
    }

    static EmbeddedDatabase open(Path root, EmbeddedDatabaseSettings settings, InstantSource clock,
            String migrationsLocation) {
        return open(root, FILE_NAME, migrationsLocation, settings, clock);
    }

    /**
     * Opens (creating the folder and the file when missing) and migrates a database of its own under {@code root}, as
     * the read store keeps its reads beside the main store.
     *
     * @param fileName           the file's name under {@code root}
     * @param migrationsLocation the class-path folder of its {@code V<n>__<name>.sql} migrations
     */
    public static EmbeddedDatabase open(Path root, String fileName, String migrationsLocation,
            EmbeddedDatabaseSettings settings, InstantSource clock) {
        SchemaMigrations migrations = SchemaMigrations.fromClasspath(migrationsLocation);
        Path file = root.resolve(fileName);
        try {
            prepareOwnerOnly(root, file);
        } catch (IOException e) {
            throw new StorageException("create storage folder", file, e);
        }
        Connection writer = null;
        List<Connection> readers = new ArrayList<>();
        try {
            writer = connect(file, writerConfig(settings));
            String mode = pragma(writer, "journal_mode");
            if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
                throw new StorageException("open", file, "journal_mode is " + mode
                        + ", not wal (does the file system support shared memory?)");
            }
            int version = migrations.migrate(writer, file, clock);
            writer.setAutoCommit(false);
            for (int i = 0; i < settings.readers(); i++) {
                readers.add(connect(file, readerConfig(settings)));
            }
            return new EmbeddedDatabase(file, settings, version, writer, readers);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(writer);
            readers.forEach(EmbeddedDatabase::closeQuietly);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("open", file, e);
        }
    }

    /**
     * Makes the storage root (0700) and an empty database file (0600) before SQLite opens it: SQLite would create the
     * file with the umask's mode, and gives its {@code -wal} and {@code -shm} files the database file's mode. A root
     * and files an earlier version left readable to others are restricted.
     */
    private static void prepareOwnerOnly(Path root, Path file) throws IOException {
        OwnerOnlyFiles.createDirectories(root);
        if (OwnerOnlyFiles.restrict(root)) {
            LOG.warn("storage folder {} was readable by other users; now 0700", root);
        }
        if (!Files.exists(file)) {
            try {
                OwnerOnlyFiles.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process made it first; restricted below
            }
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            OwnerOnlyFiles.restrict(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    /**
     * Opens an existing database for reading only, for tools that run beside (or instead of) the server such as
     * {@code xueliang audit verify}: nothing is created or migrated and {@link #submit} refuses.
     *
     * @throws StorageException when there is no database under {@code root} or its schema is not this code's
     */
    public static EmbeddedDatabase openReadOnly(Path root, EmbeddedDatabaseSettings settings) {
        return openReadOnly(root, FILE_NAME, SchemaMigrations.DEFAULT_LOCATION, settings);
    }

    /** As {@link #openReadOnly(Path, EmbeddedDatabaseSettings)}, for a database of its own (see {@link #open(Path,
     * String, String, EmbeddedDatabaseSettings, InstantSource)}). */
    public static EmbeddedDatabase openReadOnly(Path root, String fileName, String migrationsLocation,
            EmbeddedDatabaseSettings settings) {
        SchemaMigrations migrations = SchemaMigrations.fromClasspath(migrationsLocation);
        Path file = root.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new StorageException("open read-only", file, "no database there");
        }
        List<Connection> readers = new ArrayList<>();
        try {
            for (int i = 0; i < settings.readers(); i++) {
                readers.add(connect(file, readerConfig(settings)));
            }
            int version = migrations.check(readers.getFirst(), file);
            return new EmbeddedDatabase(file, settings, version, null, readers);
        } catch (SQLException | RuntimeException e) {
            readers.forEach(EmbeddedDatabase::closeQuietly);
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("open read-only", file, e);
        }
    }

    /** True when a read connection answers a trivial query now: the readiness probe. Blocks briefly. */
    public boolean answers() {
        try {
            return read(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    return s.execute("SELECT 1");
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The last write failed because the volume is full ({@code SQLITE_FULL}); false again once a write commits. A
     * failed write rolls back whole and leaves the file as it was: SQLite checks that it has room before it changes a
     * page, so a full disk costs writes, never the database.
     */
    public boolean full() {
        return full;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public boolean readOnly() {
        return writer == null;
    }

    /** Transactions the writer has committed since open: with group commit, far fewer than writes. */
    public long transactionsCommitted() {
        return transactions.get();
    }

    /**
     * Queues a write for the writer thread. Does not block; the future completes (on the writer thread) once the
     * write is committed, or exceptionally with what the task threw, a {@link StorageException} when the commit
     * failed, {@link WriteQueueFullException} when {@link EmbeddedDatabaseSettings#writeQueueLimit()} writes are
     * already waiting, or {@link IllegalStateException} when the database is closed or read-only.
     */
    public <T> CompletableFuture<T> submit(WriteTask<T> task) {
        Pending<T> pending = new Pending<>(task);
        if (writer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(file + " is open read-only"));
        }
        submitLock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(file + " is closed"));
            }
            // The queue has one slot more than the limit, kept for the close marker.
            if (queue.size() >= settings.writeQueueLimit() || !queue.offer(pending)) {
                return CompletableFuture.failedFuture(new WriteQueueFullException(settings.writeQueueLimit()));
            }
        } finally {
            submitLock.unlock();
        }
        return pending.future;
    }

    /**
     * Runs a read on a pooled read-only connection, waiting up to {@link EmbeddedDatabaseSettings#busyTimeout()} for
     * one to be free. Blocks: call from a worker thread.
     */
    public <T> T read(ReadTask<T> task) {
        refuseEventLoop();
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        Connection connection;
        try {
            connection = readers.poll(settings.busyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("read", file, e);
        }
        if (connection == null) {
            throw new StorageException("read", file, "no read connection free within " + settings.busyTimeout()
                    + " (" + settings.readers() + " in the pool)");
        }
        try {
            return task.apply(connection);
        } catch (SQLException e) {
            throw new StorageException("read", file, e);
        } finally {
            readers.add(connection);
        }
    }

    /** Stops taking writes, commits what is queued, then closes every connection. */
    @Override
    public void close() {
        if (Thread.currentThread() == writerThread) {
            throw new IllegalStateException("close() from the writer thread would wait for itself;"
                    + " attach to write futures with the *Async methods");
        }
        submitLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            submitLock.unlock();
        }
        if (writerThread != null) {
            queue.add(Pending.STOP);
            try {
                writerThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(writer);
        }
        // Reads in progress get up to busyTimeout to finish; a reader still out after that is closed under its
        // user, whose read then fails, which is what a read racing with shutdown deserves.
        long deadline = System.nanoTime() + settings.busyTimeout().toNanos();
        for (int returned = 0; returned < allReaders.size(); returned++) {
            try {
                if (readers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) == null) {
                    LOG.warn("closing {} with {} reads still running", file, allReaders.size() - returned);
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        allReaders.forEach(EmbeddedDatabase::closeQuietly);
    }

    private void writeLoop() {
        List<Pending<?>> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but the JVM at exit; queued writes are lost then either way.
                failAll(batch, new StorageException("write", file, e));
                return;
            }
            queue.drainTo(batch, settings.maxBatch() - 1);
            stop = batch.removeIf(p -> p == Pending.STOP);
            if (!batch.isEmpty()) {
                try {
                    runBatch(batch);
                } catch (Throwable t) {
                    LOG.error("writer failed a batch of {} writes on {}", batch.size(), file, t);
                    // Nothing of a batch whose futures fail may reach the next commit.
                    try {
                        writer.rollback();
                    } catch (SQLException e) {
                        t.addSuppressed(e);
                    }
                    failAll(batch, t);
                }
            }
            batch.clear();
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        boolean broken = false;
        Throwable breaking = null; // what broke the transaction: later writes of the batch fail with it as the cause
        for (Pending<?> p : batch) {
            if (broken) {
                p.failure = new StorageException("write", file, new SQLException(
                        "an earlier write of the same batch broke the transaction", breaking));
                continue;
            }
            try {
                savepoint.set();
            } catch (SQLException e) {
                broken = true;
                breaking = e;
                p.failure = new StorageException("write", file, e);
                continue;
            }
            try {
                p.apply(writer);
                savepoint.release();
            } catch (Throwable t) {
                p.failure = t instanceof SQLException e ? new StorageException("write", file, e) : t;
                try {
                    savepoint.rollBack();
                } catch (SQLException e) {
                    broken = true;
                    breaking = t;
                    e.addSuppressed(t);
                }
                p.task.rolledBack();
            }
        }
        Throwable commitFailure = null;
        try {
            if (broken) {
                throw new SQLException("transaction abandoned after a failed savepoint", breaking);
            }
            writer.commit();
            transactions.incrementAndGet();
            full = false;
        } catch (SQLException e) {
            commitFailure = new StorageException("commit", file, e);
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // SQLite may have rolled back by itself (below); else the connection is unusable and later writes say so
            }
            beginIfNone();
            savepoint.forget();
        }
        for (Pending<?> p : batch) {
            if (commitFailure != null && p.failure == null) {
                p.failure = commitFailure;
                p.task.rolledBack();
            }
            if (p.failure != null && DiskFull.causedBy(p.failure)) {
                full = true;
            }
            p.complete();
        }
    }

    /**
     * Begins a transaction on the writer unless one is open. SQLite ends the transaction itself on some errors
     * ({@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_NOMEM}); the driver's rollback then fails before it
     * begins the next one, and without this every later write committed alone at its savepoint's release while the
     * batch's commit failed with "no transaction is active".
     */
    private void beginIfNone() {
        try (Statement st = writer.createStatement()) {
            st.executeUpdate("BEGIN");
        } catch (SQLException alreadyOpen) {
            // "cannot start a transaction within a transaction": the driver's rollback began it
        }
    }

    private static void failAll(List<Pending<?>> batch, Throwable failure) {
        for (Pending<?> p : batch) {
            if (p != Pending.STOP && p.future.completeExceptionally(failure)) {
                try {
                    p.task.rolledBack();
                } catch (RuntimeException e) {
                    LOG.warn("rolledBack() of a write threw", e);
                }
            }
        }
    }

    private static void refuseEventLoop() {
        // Storage must not import Vert.x or Netty; their event-loop threads are recognisable by name.
        String name = Thread.currentThread().getName();
        if (name.startsWith("vert.x-eventloop-thread")) {
            throw new IllegalStateException("blocking store read on event loop " + name
                    + "; run it with executeBlocking or on a worker");
        }
    }

    private static SQLiteConfig writerConfig(EmbeddedDatabaseSettings settings) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(settings.syncEveryCommit() ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        return config;
    }

    private static SQLiteConfig readerConfig(EmbeddedDatabaseSettings settings) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        return config;
    }

    private static Connection connect(Path file, SQLiteConfig config) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing a connection failed", e);
        }
    }

    /**
     * The savepoint around each write of a batch, as three statements prepared once on the writer connection: the
     * JDBC savepoint calls would format and compile {@code SAVEPOINT} and {@code RELEASE} afresh for every write (the
     * driver runs them as new SQL each time), a cost paid per audited request (docs/BENCHMARKS.md, API).
     */
    private static final class WriteSavepoint {
        private final Connection connection;
        private PreparedStatement set;
        private PreparedStatement release;
        private PreparedStatement rollBack;

        WriteSavepoint(Connection connection) {
            this.connection = connection;
        }

        void set() throws SQLException {
            if (set == null) {
                set = connection.prepareStatement("SAVEPOINT xueliang_write");
                release = connection.prepareStatement("RELEASE xueliang_write");
                rollBack = connection.prepareStatement("ROLLBACK TO xueliang_write");
            }
            run(set);
        }

        void release() throws SQLException {
            run(release);
        }

        /** Undoes the write and ends the savepoint. */
        void rollBack() throws SQLException {
            run(rollBack);
            run(release);
        }

        /**
         * Runs one of the statements; after a failure they are prepared afresh at the next write. A commit that failed
         * for lack of space leaves the driver's prepared statements closed, and without this every later write failed
         * with "statement is not executing", after the space came back too.
         */
        private void run(PreparedStatement statement) throws SQLException {
            if (statement == null) {
                throw new SQLException("the savepoint was lost with a failed statement of this transaction");
            }
            try {
                statement.executeUpdate();
            } catch (SQLException e) {
                forget();
                throw e;
            }
        }

        /** Drops the prepared statements (a failed commit may have closed them): the next write prepares them again. */
        void forget() {
            for (PreparedStatement p : new PreparedStatement[] {set, release, rollBack}) {
                if (p != null) {
                    try {
                        p.close();
                    } catch (SQLException ignored) {
                        // closed already
                    }
                }
            }
            set = null;
            release = null;
            rollBack = null;
        }
    }

    /** A queued write and where its outcome goes. Fields are touched only by the writer thread. */
    private static final class Pending<T> {
        static final Pending<Void> STOP = new Pending<>(c -> null);

        final WriteTask<T> task;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Throwable failure;

        Pending(WriteTask<T> task) {
            this.task = task;
        }

        void apply(Connection connection) throws SQLException {
            result = task.apply(connection);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
