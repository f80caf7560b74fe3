package io.xueliang.reads.store.sqlite;

import static io.xueliang.reads.store.TestReads.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import io.xueliang.sql.SqlInstants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlateDaysSqlTest {
    /** Day 20,768, the first of block 649 (days 20,768-20,799). */
    private static final Instant BLOCK_649 = Instant.parse("2026-11-11T06:00:00Z");
    private static final CameraId CAM_1 = new CameraId("cam-1");

    @TempDir
    Path root;
    private SqliteReadStore store;

    @BeforeEach
    void open() {
        store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(BLOCK_649));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Instant day(int d) {
        return BLOCK_649.plus(Duration.ofDays(d));
    }

    /** Reads of two plates on days 0, 1, 31 (block 649), 32, 33, 63 (block 650) and 64 (block 651). */
    private static List<PlateRead> reads() {
        return List.of(read("cam-1", day(0), "湘A12345"), read("cam-2", day(0).plusSeconds(60), "湘A12345"),
                read("cam-1", day(1), "湘A12345"), read("cam-1", day(31), "湘A12345"),
                read("cam-1", day(32), "湘A12345"), read("cam-2", day(33), "湘A12345"),
                read("cam-1", day(63), "湘A12345"), read("cam-2", day(64), "湘A12345"),
                read("cam-1", day(33), "湘B00001"));
    }

    /** The bits of days 0, 1 and 31 of a block, and of days 0, 1 and 31 of the next. */
    private static final long DAYS_0_1_31 = 1L | 1L << 1 | 1L << 31;
    private static final Map<String, Long> EXPECTED = Map.of(
            "649 湘A12345", DAYS_0_1_31, "650 湘A12345", DAYS_0_1_31, "651 湘A12345", 1L, "650 湘B00001", 2L);

    private static Map<String, Long> plateDays(Connection c) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT block, plate, days FROM plate_days")) {
            while (rs.next()) {
                out.put(rs.getLong(1) + " " + rs.getString(2), rs.getLong(3));
            }
        }
        return out;
    }

    private Map<String, Long> plateDays() {
        return store.database().read(PlateDaysSqlTest::plateDays);
    }

    @Test
    void insertsSetTheBitOfEachDayInItsPlatesBlock() throws Exception {
        List<PlateRead> reads = reads();
        // in three batches, the second bringing days already set and a day of a block already there
        store.insert(reads.subList(0, 3)).get();
        assertThat(plateDays()).containsExactly(entry("649 湘A12345", 3L));
        store.insert(reads.subList(1, 6)).get();
        store.insert(reads.subList(6, reads.size())).get();
        assertThat(plateDays()).isEqualTo(EXPECTED);
    }

    @Test
    void migrationV6SummarisesTheReadsStoredBeforeIt() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = c.createStatement()) {
            for (String script : List.of("V1__reads.sql", "V2__watchlists.sql", "V3__plate_seen.sql",
                    "V4__boundary_ring.sql", "V5__plate_sightings.sql")) {
                st.executeUpdate(script(script));
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO plate_read (id, camera, time_micros, day,"
                    + " plate, plate_text, colour, plate_format, confidence, char_confidences, direction, box_x, box_y,"
                    + " box_width, box_height, track_id, observations) VALUES (?, ?, ?, ?, ?, ?, 'blue', 'BLUE', 0.9,"
                    + " '', 'APPROACHING', 0, 0, 1, 1, 0, 1)")) {
                for (PlateRead r : reads()) {
                    long micros = SqlInstants.micros(r.time());
                    ins.setBytes(1, SqliteReadStore.bytes(r.id()));
                    ins.setString(2, r.camera().value());
                    ins.setLong(3, micros);
                    ins.setLong(4, Math.floorDiv(micros, 86_400_000_000L));
                    ins.setString(5, r.normalised());
                    ins.setString(6, r.text());
                    ins.executeUpdate();
                }
            }
            st.executeUpdate(script("V6__plate_days.sql"));
            assertThat(plateDays(c)).isEqualTo(EXPECTED);
        }
        // the same as inserts through the store keep
        store.insert(reads()).get();
        assertThat(plateDays()).isEqualTo(EXPECTED);
    }

    private static String script(String name) throws java.io.IOException {
        try (var in = PlateDaysSqlTest.class.getResourceAsStream("/db/reads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void retentionDropsTheBlocksWhollyBeforeTheOldestReadLeft() throws Exception {
        store.insert(reads()).get();
        // cam-1's reads before day 33 go: cam-2's read of day 0 keeps block 649
        store.deleteBefore(CAM_1, day(33), List.of(), 100);
        assertThat(plateDays()).isEqualTo(EXPECTED);
        store.deleteBefore(new CameraId("cam-2"), day(33), List.of(), 100);
        // the oldest reads left are of day 33: block 649 is gone; block 650 keeps the bit of day 32, whose read is
        // gone, which costs a search only an empty probe
        assertThat(plateDays()).containsExactly(entry("650 湘A12345", DAYS_0_1_31), entry("650 湘B00001", 2L),
                entry("651 湘A12345", 1L));
        assertThat(store.search(new ReadQuery(PlatePattern.exact("湘A12345"), day(0), day(65), CameraSet.all(), null,
                null, 10, null)).items()).extracting(r -> r.read().time()).containsExactly(day(64), day(63), day(33));
        store.deleteBefore(CAM_1, day(65), List.of(), 100);
        store.deleteBefore(new CameraId("cam-2"), day(65), List.of(), 100);
        assertThat(store.count()).isZero();
        assertThat(plateDays()).isEmpty();
    }

    @Test
    void aPlatesDaysAreOnePrimaryKeyLookupABlock() {
        // A range of blocks, or plate before block in the key, would walk every plate of the window's blocks: tens
        // of thousands of rows for a year, instead of 13.
        String plan = store.database().read(c -> {
            try (PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + PlateDaysSql.blocksSql())) {
                st.setString(1, "湘A12345");
                st.setString(2, "[649,650,651]");
                StringBuilder out = new StringBuilder();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString("detail")).append('\n');
                    }
                }
                return out.toString();
            }
        });
        assertThat(plan).as(plan).contains("SEARCH plate_days USING PRIMARY KEY (block=? AND plate=?)");
    }
}
