package io.xueliang.reads.store.sqlite;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.HeldRange;
import io.xueliang.reads.store.Pass;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.PlateSighting;
import io.xueliang.reads.store.PlateTally;
import io.xueliang.reads.store.ReadCursor;
import io.xueliang.reads.store.ReadPage;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.reads.store.TimeBand;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.SqlInstants;
import io.xueliang.sql.SqlJson;
import io.xueliang.sql.SqlUuids;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * {@link ReadStore} on its own SQLite file. Inserts are one write task a batch (the database group-commits what
 * queues meanwhile); {@code ON CONFLICT (id) DO NOTHING} keeps a read delivered twice once. Searches page by the
 * keyset {@code (time_micros, seq)}, which every index ends with (SQLite appends the rowid), so a page costs its own
 * rows whatever its depth.
 */
public final class SqliteReadStore implements ReadStore {
    /** The read store's file under the storage root. */
    public static final String FILE_NAME = "reads.db";
    static final String MIGRATIONS = "db/reads";

    private static final String COLUMNS = "seq, id, camera, time_micros, plate, plate_text, colour, plate_format,"
            + " confidence, char_confidences, direction, box_x, box_y, box_width, box_height, track_id, observations,"
            + " crop_image, overview_image, source";
    private static final String INSERT = "INSERT INTO plate_read (id, camera, time_micros, plate, plate_text, colour,"
            + " plate_format, confidence, char_confidences, direction, box_x, box_y, box_width, box_height, track_id,"
            + " observations, crop_image, overview_image, day)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    /** The plate's latest read; PostgreSQL spells the two-argument max GREATEST. */
    private static final String SEEN = "INSERT INTO plate_seen (plate, last_micros) VALUES (?, ?)"
            + " ON CONFLICT (plate) DO UPDATE SET last_micros = max(last_micros, excluded.last_micros)";
    /** Plates one {@link #searchPlates} or pattern search looks for: each is an index probe a day. */
    static final int MAX_PLATES_PROBED = ReadStore.MAX_PLATES;
    /**
     * How many days each query of a plate search's page probes, newest first, then all that are left: a commuter's
     * page of 100 is in its first 4 days with reads, and a rare plate's few days take one or two queries.
     */
    private static final int[] CHUNKS = {4, 16, 64};
    /** The writer connection's page cache, KiB: 64 MiB, of the JVM's native memory, once. */
    static final int WRITER_CACHE_KIB = 65_536;

    /**
     * Row fetches of one page at once at most (the disk's queue, not the cores, is what they use; 8 did no better
     * than 4 on this machine's disk).
     */
    static final int FETCHERS = 4;
    /** Rows a fetch takes at least: a small page is one query. */
    static final int FETCH_GROUP = 16;

    private final EmbeddedDatabase database;
    /** Platform threads: sqlite-jdbc's native calls would pin a virtual thread's carrier (2 on this machine). */
    private final ExecutorService fetchers;

    private SqliteReadStore(EmbeddedDatabase database) {
        this.database = database;
        this.fetchers = Executors.newFixedThreadPool(FETCHERS, Thread.ofPlatform().daemon().name("read-fetch-", 0)
                .factory());
    }

    /** Opens (creating and migrating) {@code reads.db} under {@code root}. */
    public static SqliteReadStore open(Path root, EmbeddedDatabaseSettings settings, InstantSource clock) {
        // A page's rows are fetched FETCHERS at a time, beside the other requests' reads: more connections than the rest.
        EmbeddedDatabase database = EmbeddedDatabase.open(root, FILE_NAME, MIGRATIONS,
                settings.withReaders(Math.max(settings.readers(), FETCHERS + 2)), clock);
        // The writer's page cache holds the indexes' pages that inserts touch (each index's current day, every
        // camera's end of the camera index): at SQLite's default 2 MiB they were read back from the OS each commit.
        database.submit(c -> {
            try (var st = c.createStatement()) {
                st.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            }
            return null;
        }).join();
        return new SqliteReadStore(database);
    }

    /** The database underneath, for readiness checks and tools. */
    public EmbeddedDatabase database() {
        return database;
    }

    @Override
    public CompletableFuture<Integer> insert(List<PlateRead> reads) {
        List<PlateRead> batch = List.copyOf(reads);
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return database.submit(c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                for (PlateRead r : batch) {
                    bind(st, r);
                    st.addBatch();
                }
                int stored = 0;
                for (int n : st.executeBatch()) {
                    stored += n > 0 ? 1 : 0;
                }
                seen(c, batch);
                PlateDaysSql.keep(c, batch);
                return stored;
            }
        });
    }

    /** Keeps plate_seen: each plate of the batch once, with its latest time. */
    private static void seen(java.sql.Connection c, List<PlateRead> batch) throws SQLException {
        Map<String, Long> latest = new HashMap<>();
        for (PlateRead r : batch) {
            latest.merge(r.normalised(), SqlInstants.micros(r.time()), Math::max);
        }
        try (PreparedStatement st = c.prepareStatement(SEEN)) {
            for (Map.Entry<String, Long> e : latest.entrySet()) {
                st.setString(1, e.getKey());
                st.setLong(2, e.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void bind(PreparedStatement st, PlateRead r) throws SQLException {
        st.setBytes(1, bytes(r.id()));
        st.setString(2, r.camera().value());
        st.setLong(3, SqlInstants.micros(r.time()));
        st.setString(4, r.normalised());
        st.setString(5, r.text());
        st.setString(6, r.colour());
        st.setString(7, r.format());
        st.setDouble(8, r.confidence());
        st.setString(9, thousandths(r.charConfidences()));
        st.setString(10, r.direction().name());
        st.setInt(11, r.box().x());
        st.setInt(12, r.box().y());
        st.setInt(13, r.box().width());
        st.setInt(14, r.box().height());
        st.setLong(15, r.trackId());
        st.setInt(16, r.observations());
        st.setString(17, r.cropImage());
        st.setString(18, r.overviewImage());
        st.setLong(19, PlateDaysSql.day(SqlInstants.micros(r.time())));
    }

    /**
     * The plate index is by day first: a plate's reads in a window are one probe a day, the days listed in a JSON
     * array ({@code day = ANY(?)} in PostgreSQL).
     */
    private static void daysCondition(Instant from, Instant to, StringBuilder sql, List<Object> args) {
        List<Long> days = new ArrayList<>();
        for (long d = firstDay(from); d <= lastDay(to); d++) {
            days.add(d);
        }
        daysCondition(days, sql, args);
    }

    private static void daysCondition(List<Long> days, StringBuilder sql, List<Object> args) {
        StringBuilder json = new StringBuilder("[");
        for (long d : days) {
            json.append(json.length() == 1 ? "" : ",").append(d);
        }
        sql.append(" AND day IN (SELECT value FROM json_each(?))");
        args.add(json.append(']').toString());
    }

    private static long firstDay(Instant from) {
        return PlateDaysSql.day(SqlInstants.micros(from));
    }

    /** The day of the window's last microsecond ({@code to} is exclusive). */
    private static long lastDay(Instant to) {
        return PlateDaysSql.day(SqlInstants.micros(to) - 1);
    }

    @Override
    public Optional<StoredRead> get(UUID id) {
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM plate_read WHERE id = ?")) {
                st.setBytes(1, bytes(id));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public ReadPage search(ReadQuery q) {
        if (!q.cameras().any() && q.cameras().ids().isEmpty()) {
            return new ReadPage(List.of(), null);
        }
        if (q.plate() != null && !q.plate().exact()) {
            // A pattern against the plates seen (a county's few million), not its reads; then those plates' reads.
            List<String> plates = platesMatching(q.plate(), q.from());
            if (plates.size() <= MAX_PLATES_PROBED) {
                return searchPlates(plates, new ReadQuery(null, q.from(), q.to(), q.cameras(), q.colour(),
                        q.direction(), q.limit(), q.after()));
            }
            // So broad a pattern matches reads everywhere: walking the window newest first finds a page soon.
        }
        if (q.plate() != null && q.plate().exact()) {
            return exactPage(q);
        }
        return pageOf(q);
    }

    /**
     * The plates matching {@code pattern} with reads at or after {@code from}, from plate_seen; one more than
     * {@link #MAX_PLATES_PROBED} when there are more.
     */
    private List<String> platesMatching(PlatePattern pattern, Instant from) {
        StringBuilder sql = new StringBuilder("SELECT plate FROM plate_seen WHERE last_micros >= ?");
        List<Object> args = new ArrayList<>(List.of(SqlInstants.micros(from)));
        String prefix = pattern.prefix();
        if (!prefix.isEmpty()) {
            sql.append(" AND plate >= ? AND plate < ?");
            args.add(prefix);
            args.add(prefix + Character.MAX_VALUE);
        }
        sql.append(" AND plate GLOB ? LIMIT ?");
        args.add(pattern.glob());
        args.add(MAX_PLATES_PROBED + 1);
        return strings(sql.toString(), args, new ArrayList<>());
    }

    @Override
    public ReadPage searchPlates(Collection<String> plates, ReadQuery q) {
        checkPlates(plates, q);
        if (plates.isEmpty() || (!q.cameras().any() && q.cameras().ids().isEmpty())) {
            return new ReadPage(List.of(), null);
        }
        // Every day of the window, not the plates' days from plate_days: a pattern's or a misread's hundreds of plates
        // would be a lookup each a block, and together they were read on most days anyway. Newest first, a prefix's
        // page is found in the first days (湘C12*, a year, 10 M reads: CPU p99 31 -> 5.5 ms).
        List<Long> days = new ArrayList<>();
        for (long d = lastDay(q); d >= firstDay(q.from()); d--) {
            days.add(d);
        }
        String json = SqlJson.array(plates.stream().sorted().toList());
        return fetchPage(database.read(c -> chunkedKeys(c, q, json, days)), q.limit());
    }

    @Override
    public Set<String> platesSeen(Collection<String> plates, ReadQuery q) {
        checkPlates(plates, q);
        if (plates.isEmpty() || (!q.cameras().any() && q.cameras().ids().isEmpty())) {
            return Set.of();
        }
        StringBuilder sql = new StringBuilder("SELECT DISTINCT plate FROM plate_read"
                + " WHERE time_micros >= ? AND time_micros < ? AND plate IN (SELECT value FROM json_each(?))");
        List<Object> args = new ArrayList<>(List.of(SqlInstants.micros(q.from()), SqlInstants.micros(q.to()),
                SqlJson.array(plates.stream().sorted().toList())));
        daysCondition(q.from(), q.to(), sql, args);
        cameraCondition(q.cameras(), sql, args);
        if (q.colour() != null) {
            sql.append(" AND colour = ?");
            args.add(q.colour());
        }
        if (q.direction() != null) {
            sql.append(" AND direction = ?");
            args.add(q.direction().name());
        }
        return strings(sql.toString(), args, new HashSet<>());
    }

    private static void checkPlates(Collection<String> plates, ReadQuery q) {
        if (q.plate() != null) {
            throw new IllegalArgumentException("a set of plates or a pattern, not both");
        }
        if (plates.size() > MAX_PLATES_PROBED) {
            throw new IllegalArgumentException(plates.size() + " plates asked for; at most " + MAX_PLATES_PROBED);
        }
    }

    /** A page of {@code q}'s reads newest first, in one query over the window. */
    private ReadPage pageOf(ReadQuery q) {
        List<Object> args = new ArrayList<>();
        String sql = pageSql(q, null, null, q.limit() + 1, args);
        return page(query(sql, args), q.limit());
    }

    /**
     * An exact plate's page: the days it was read on in the window (plate_days), then the plate index on those days
     * only. A year was 365 probes of the index, each a page of its own and most of them empty for all but
     * commuters: at 100 M reads, where those pages come from disk, p99 61 ms. No day with reads: no query of
     * plate_read at all.
     */
    private ReadPage exactPage(ReadQuery q) {
        return fetchPage(database.read(c -> chunkedKeys(c, q, null,
                PlateDaysSql.daysRead(c, q.plate().normalised(), firstDay(q.from()), lastDay(q)))), q.limit());
    }

    /** The window's last day, or the cursor's when it is earlier: reads at the cursor's time are on its day. */
    private static long lastDay(ReadQuery q) {
        long last = lastDay(q.to());
        return q.after() == null ? last : Math.min(last, PlateDaysSql.day(q.after().micros()));
    }

    /**
     * A page of {@code q}'s reads (of the plates of the JSON array {@code plates} when not null) on {@code days},
     * newest first: a query a chunk
     * of days ({@link #CHUNKS}), each asking for what the page still lacks, until it is full. Each chunk's days are
     * older than the chunk before, and each query keeps the page's order and cursor, so the chunks' rows in turn are
     * the page one query over all the days would give. Each query sees the store at least as new as the one before:
     * a read stored meanwhile in a chunk already asked is missed as if it had come after the page.
     */
    private static List<Long> chunkedKeys(java.sql.Connection c, ReadQuery q, String plates, List<Long> days)
            throws SQLException {
        List<Long> seqs = new ArrayList<>();
        int probed = 0;
        for (int chunk = 0; probed < days.size() && seqs.size() <= q.limit(); chunk++) {
            int size = chunk < CHUNKS.length ? CHUNKS[chunk] : days.size();
            List<Long> some = days.subList(probed, Math.min(days.size(), probed + size));
            List<Object> args = new ArrayList<>();
            String sql = "SELECT seq FROM plate_read" + whereSql(q, plates, some, q.limit() + 1 - seqs.size(), args);
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bindAll(st, args);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                    }
                }
            }
            probed += some.size();
        }
        return seqs;
    }

    /**
     * The page whose rows are {@code seqs}, in that order. The keys came from the plate index; the rows are on table
     * pages all over the file (a plate's reads are spread over the year): beyond memory, each is a read from disk. They
     * are asked for in up to {@link #FETCHERS} groups at once, each on a read connection of its own, so the disk
     * serves them side by side instead of one after another (exact search, 100 M reads, 49 GB on 24 GiB: p99 48 ms
     * one at a time).
     */
    private ReadPage fetchPage(List<Long> seqs, int limit) {
        if (seqs.isEmpty()) {
            return new ReadPage(List.of(), null);
        }
        int groups = Math.min(FETCHERS, (seqs.size() + FETCH_GROUP - 1) / FETCH_GROUP);
        List<Long> sorted = seqs.stream().sorted().toList();
        Map<Long, StoredRead> bySeq = new HashMap<>();
        if (groups == 1) { // a small page: no other thread to hand it to
            rowsBySeq(sorted).forEach(r -> bySeq.put(r.seq(), r));
        } else {
            List<CompletableFuture<List<StoredRead>>> parts = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<Long> group = sorted.subList(g * sorted.size() / groups, (g + 1) * sorted.size() / groups);
                parts.add(CompletableFuture.supplyAsync(() -> rowsBySeq(group), fetchers));
            }
            parts.forEach(part -> part.join().forEach(r -> bySeq.put(r.seq(), r)));
        }
        // A read retention removed between the keys and the rows is left out.
        List<StoredRead> rows = seqs.stream().map(bySeq::get).filter(java.util.Objects::nonNull).toList();
        return page(new ArrayList<>(rows), limit);
    }

    /**
     * The statement of a page of at most {@code limit} of {@code q}'s reads (of the JSON array {@code plates} when
     * not null; on {@code days} only when not null), its parameters into {@code args}.
     */
    private static String pageSql(ReadQuery q, String plates, List<Long> days, int limit, List<Object> args) {
        // The page's store numbers first, then its rows: a plate's matches are sorted by time from the plate index
        // alone, and only the page's rows are read from the table (a commuter has thousands of reads a year, each on
        // a page of its own; reading them all to keep 100 made exact search's p99 71 ms at 10 million reads).
        return "SELECT " + COLUMNS + " FROM plate_read WHERE seq IN (SELECT seq FROM plate_read"
                + whereSql(q, plates, days, limit, args) + ") ORDER BY time_micros DESC, seq DESC";
    }

    /** The conditions, order and limit of a page of {@code q}'s reads, from WHERE on; its parameters into args. */
    private static String whereSql(ReadQuery q, String plates, List<Long> days, int limit, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE time_micros >= ? AND time_micros < ?");
        args.add(SqlInstants.micros(q.from()));
        args.add(SqlInstants.micros(q.to()));
        if (days != null) {
            daysCondition(days, sql, args);
        } else if (q.plate() != null && !q.plate().prefix().isEmpty()) {
            daysCondition(q.from(), q.to(), sql, args);
        }
        plateCondition(q.plate(), sql, args);
        if (plates != null) {
            sql.append(" AND plate IN (SELECT value FROM json_each(?))");
            args.add(plates);
        }
        cameraCondition(q.cameras(), sql, args);
        if (q.colour() != null) {
            sql.append(" AND colour = ?");
            args.add(q.colour());
        }
        if (q.direction() != null) {
            sql.append(" AND direction = ?");
            args.add(q.direction().name());
        }
        if (q.after() != null) {
            sql.append(" AND (time_micros < ? OR (time_micros = ? AND seq < ?))");
            args.add(q.after().micros());
            args.add(q.after().micros());
            args.add(q.after().seq());
        }
        sql.append(" ORDER BY time_micros DESC, seq DESC LIMIT ?");
        args.add(limit);
        return sql.toString();
    }

    /** The rows of these store numbers, in no particular order. */
    private List<StoredRead> rowsBySeq(List<Long> seqs) {
        String json = seqs.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "[", "]"));
        return query("SELECT " + COLUMNS + " FROM plate_read WHERE seq IN (SELECT value FROM json_each(?))",
                List.of(json));
    }

    /** The page of at most {@code limit} of {@code rows} (one more when there are more), with its cursor. */
    private static ReadPage page(List<StoredRead> rows, int limit) {
        if (rows.size() <= limit) {
            return new ReadPage(rows, null);
        }
        List<StoredRead> page = rows.subList(0, limit);
        StoredRead last = page.getLast();
        return new ReadPage(page, new ReadCursor(SqlInstants.micros(last.read().time()), last.seq()));
    }

    /**
     * Exact: the plate index's equality; a prefix: its range, then GLOB; else GLOB over what the rest selects. The
     * plate index is by day first: the caller lists the days.
     */
    private static void plateCondition(PlatePattern plate, StringBuilder sql, List<Object> args) {
        if (plate == null) {
            return;
        }
        if (plate.exact()) {
            sql.append(" AND plate = ?");
            args.add(plate.normalised());
            return;
        }
        String prefix = plate.prefix();
        if (!prefix.isEmpty()) {
            sql.append(" AND plate >= ? AND plate < ?");
            args.add(prefix);
            args.add(prefix + Character.MAX_VALUE);
        }
        sql.append(" AND plate GLOB ?");
        args.add(plate.glob());
    }

    private static void cameraCondition(CameraSet cameras, StringBuilder sql, List<Object> args) {
        if (cameras.any()) {
            return;
        }
        sql.append(" AND camera IN (SELECT value FROM json_each(?))");
        args.add(SqlJson.array(cameras.ids().stream().map(CameraId::value).sorted().toList()));
    }

    @Override
    public List<PlateSighting> sightings(String plate, Instant from, Instant to, CameraSet cameras, int limit) {
        if (!cameras.any() && cameras.ids().isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        String sql = sightingsSql(plate, from, to, cameras, limit, args);
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bindAll(st, args);
                List<PlateSighting> out = new ArrayList<>();
                Map<String, CameraId> ids = new HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PlateSighting(uuid(rs.getBytes(1)),
                                ids.computeIfAbsent(rs.getString(2), CameraId::new),
                                SqlInstants.instant(rs.getLong(3)), PlateRead.Direction.valueOf(rs.getString(4)),
                                rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** The sightings' statement, its parameters into {@code args}. */
    static String sightingsSql(String plate, Instant from, Instant to, CameraSet cameras, int limit,
            List<Object> args) {
        // Every column named here is in plate_read_day_plate (V5): the table's rows are not read.
        StringBuilder sql = new StringBuilder("SELECT id, camera, time_micros, direction, plate_text"
                + " FROM plate_read WHERE plate = ? AND time_micros >= ? AND time_micros < ?");
        args.addAll(List.of(plate, SqlInstants.micros(from), SqlInstants.micros(to)));
        daysCondition(from, to, sql, args);
        cameraCondition(cameras, sql, args);
        sql.append(" ORDER BY time_micros, seq LIMIT ?");
        args.add(limit);
        return sql.toString();
    }

    @Override
    public void passes(Instant from, Instant to, CameraSet cameras, Pass.Order order, Predicate<Pass> sink) {
        if (!cameras.any() && cameras.ids().isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT plate, camera, time_micros, direction FROM plate_read"
                + " WHERE time_micros >= ? AND time_micros < ?");
        List<Object> args = new ArrayList<>(List.of(SqlInstants.micros(from), SqlInstants.micros(to)));
        cameraCondition(cameras, sql, args);
        sql.append(order == Pass.Order.TIME ? " ORDER BY time_micros, seq" : " ORDER BY plate, time_micros, seq");
        database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                bindAll(st, args);
                // camera ids and directions repeat on every row: one object each, not one a row
                Map<String, CameraId> ids = new HashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Pass p = new Pass(rs.getString(1), ids.computeIfAbsent(rs.getString(2), CameraId::new),
                                SqlInstants.instant(rs.getLong(3)), PlateRead.Direction.valueOf(rs.getString(4)));
                        if (!sink.test(p)) {
                            break;
                        }
                    }
                }
                return null;
            }
        });
    }

    @Override
    public void tally(Instant from, Instant to, CameraSet cameras, TimeBand band, int minReads,
            Predicate<PlateTally> sink) {
        if (!cameras.any() && cameras.ids().isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT plate, count(*), ");
        if (band == null) {
            sql.append("0");
        } else {
            // the local second of the day; reads are after 1970, so the sum is positive
            String second = "((time_micros / 1000000 + ?) % 86400)";
            long offset = band.offset().getTotalSeconds();
            if (band.startSecond() < band.endSecond()) {
                sql.append("sum(CASE WHEN ").append(second).append(" >= ? AND ").append(second)
                        .append(" < ? THEN 1 ELSE 0 END)");
            } else {
                sql.append("sum(CASE WHEN ").append(second).append(" >= ? OR ").append(second)
                        .append(" < ? THEN 1 ELSE 0 END)");
            }
            args.addAll(List.of(offset, (long) band.startSecond(), offset, (long) band.endSecond()));
        }
        sql.append(", count(DISTINCT camera), min(time_micros), max(time_micros) FROM plate_read"
                + " WHERE time_micros >= ? AND time_micros < ?");
        args.add(SqlInstants.micros(from));
        args.add(SqlInstants.micros(to));
        cameraCondition(cameras, sql, args);
        sql.append(" GROUP BY plate HAVING count(*) >= ? ORDER BY plate");
        args.add(minReads);
        database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                bindAll(st, args);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        PlateTally t = new PlateTally(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                                SqlInstants.instant(rs.getLong(5)), SqlInstants.instant(rs.getLong(6)));
                        if (!sink.test(t)) {
                            break;
                        }
                    }
                }
                return null;
            }
        });
    }

    @Override
    public Set<String> platesSeen(Collection<String> plates, Instant from, Instant to, CameraSet cameras) {
        if (plates.size() > MAX_PLATES_SEEN) {
            throw new IllegalArgumentException("plates: at most " + MAX_PLATES_SEEN + " at a time, got "
                    + plates.size());
        }
        if (plates.isEmpty() || (!cameras.any() && cameras.ids().isEmpty())) {
            return Set.of();
        }
        // one parameter a plate: a thousand is well under SQLite's (32,766) and PostgreSQL's (65,535) limits
        StringBuilder sql = new StringBuilder("SELECT DISTINCT plate FROM plate_read WHERE plate IN (")
                .append("?, ".repeat(plates.size() - 1)).append("?) AND time_micros >= ? AND time_micros < ?");
        List<Object> args = new ArrayList<>(plates.stream().sorted().toList());
        args.add(SqlInstants.micros(from));
        args.add(SqlInstants.micros(to));
        daysCondition(from, to, sql, args);
        cameraCondition(cameras, sql, args);
        return strings(sql.toString(), args, new HashSet<>());
    }

    @Override
    public int deleteBefore(CameraId camera, Instant before, List<HeldRange> held, int limit) {
        return database.submit(c -> {
            int deleted = RetainedRowsSql.delete(c, "plate_read", camera, before, held, limit);
            if (deleted > 0) { // plates last seen before the oldest read left have no reads
                try (PreparedStatement st = c.prepareStatement("DELETE FROM plate_seen WHERE last_micros <"
                        + " coalesce((SELECT min(time_micros) FROM plate_read), 9223372036854775807)")) {
                    st.executeUpdate();
                }
                PlateDaysSql.prune(c);
            }
            return deleted;
        }).join();
    }

    @Override
    public List<CameraId> camerasWithReadsBefore(Instant before) {
        return database.read(c -> RetainedRowsSql.camerasBefore(c, "plate_read", before));
    }

    @Override
    public long count() {
        return database.read(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM plate_read")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
        database.close();
    }

    private List<StoredRead> query(String sql, List<Object> args) {
        return database.read(c -> rows(c, sql, args));
    }

    private static List<StoredRead> rows(java.sql.Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bindAll(st, args);
            List<StoredRead> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /** The first column of {@code sql}'s rows, as strings, into {@code out}. */
    private <C extends Collection<String>> C strings(String sql, List<Object> args, C out) {
        return database.read(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bindAll(st, args);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    static void bindAll(PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                st.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                st.setInt(i + 1, n);
            } else {
                st.setString(i + 1, (String) a);
            }
        }
    }

    private static StoredRead row(ResultSet rs) throws SQLException {
        PlateRead read = new PlateRead(uuid(rs.getBytes("id")), new CameraId(rs.getString("camera")),
                SqlInstants.instant(rs.getLong("time_micros")), rs.getString("plate_text"), rs.getString("plate"),
                rs.getString("colour"), rs.getString("plate_format"), rs.getDouble("confidence"),
                fractions(rs.getString("char_confidences")),
                new PlateRead.Box(rs.getInt("box_x"), rs.getInt("box_y"), rs.getInt("box_width"),
                        rs.getInt("box_height")),
                rs.getLong("track_id"), PlateRead.Direction.valueOf(rs.getString("direction")),
                rs.getInt("observations"), rs.getString("crop_image"), rs.getString("overview_image"));
        return new StoredRead(rs.getLong("seq"), read, rs.getString("source"));
    }

    static byte[] bytes(UUID id) {
        return SqlUuids.bytes(id);
    }

    static UUID uuid(byte[] b) {
        return SqlUuids.uuid(b);
    }

    private static String thousandths(List<Double> confidences) {
        StringBuilder s = new StringBuilder(confidences.size() * 4);
        for (double d : confidences) {
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(Math.round(d * 1000));
        }
        return s.toString();
    }

    private static List<Double> fractions(String thousandths) {
        if (thousandths.isEmpty()) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String part : thousandths.split(",")) {
            out.add(Integer.parseInt(part) / 1000.0);
        }
        return out;
    }
}
