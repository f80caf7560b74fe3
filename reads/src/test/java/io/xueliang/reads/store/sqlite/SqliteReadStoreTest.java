package io.xueliang.reads.store.sqlite;

import static io.xueliang.reads.store.TestReads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.HeldRange;
import io.xueliang.reads.store.Pass;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.PlateTally;
import io.xueliang.reads.store.ReadCursor;
import io.xueliang.reads.store.ReadPage;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.reads.store.TimeBand;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant DAY_AFTER = T0.plus(Duration.ofDays(1));

    @TempDir
    Path root;
    private SqliteReadStore store;

    @BeforeEach
    void open() {
        store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ReadQuery query(PlatePattern plate, CameraSet cameras, int limit, ReadCursor after) {
        return new ReadQuery(plate, T0, DAY_AFTER, cameras, null, null, limit, after);
    }

    @Test
    void keepsItsOwnFileAndEveryFieldOfARead() throws Exception {
        PlateRead r = read("cam-1", T0.plusMillis(1234), "湘A·12345");
        assertThat(store.insert(List.of(r)).get()).isEqualTo(1);
        assertThat(Files.exists(root.resolve("reads.db"))).isTrue();
        StoredRead got = store.get(r.id()).orElseThrow();
        assertThat(got.read()).isEqualTo(r);
        assertThat(got.source()).isEqualTo(StoredRead.CAMERA);
        assertThat(store.get(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aReadDeliveredTwiceIsStoredOnce() throws Exception {
        PlateRead a = read("cam-1", T0, "湘A12345");
        PlateRead b = read("cam-1", T0.plusSeconds(1), "湘A12346");
        assertThat(store.insert(List.of(a, b)).get()).isEqualTo(2);
        assertThat(store.insert(List.of(b, a, read("cam-2", T0, "湘B1"))).get()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(3);
    }

    @Test
    void searchesExactWildcardAndPartialPlatesNewestFirst() throws Exception {
        store.insert(List.of(
                read("cam-1", T0.plusSeconds(1), "湘A12345"),
                read("cam-2", T0.plusSeconds(2), "湘A12345"),
                read("cam-1", T0.plusSeconds(3), "湘F11370"),
                read("cam-1", T0.plusSeconds(4), "湘A53X87"),
                read("cam-1", T0.plusSeconds(5), "粤B12345"))).get();
        assertThat(plates(store.search(query(PlatePattern.exact("湘A·12345"), CameraSet.all(), 10, null))))
                .containsExactly("湘A12345", "湘A12345");
        assertThat(plates(store.search(query(PlatePattern.parse("湘*", false), CameraSet.all(), 10, null))))
                .containsExactly("湘A53X87", "湘F11370", "湘A12345", "湘A12345");
        assertThat(plates(store.search(query(PlatePattern.parse("*2345", false), CameraSet.all(), 10, null))))
                .containsExactly("粤B12345", "湘A12345", "湘A12345");
        assertThat(plates(store.search(query(PlatePattern.parse("5·3?8", true), CameraSet.all(), 10, null))))
                .containsExactly("湘A53X87");
        assertThat(store.search(query(PlatePattern.exact("湘A12345"),
                CameraSet.only(Set.of(new CameraId("cam-2"))), 10, null)).items())
                .extracting(s -> s.read().camera().value()).containsExactly("cam-2");
        assertThat(store.search(query(null, CameraSet.only(Set.of()), 10, null)).items()).isEmpty();
    }

    @Test
    void pagingNeverSkipsOrRepeatsAReadEvenWithReadsArrivingBetweenPages() throws Exception {
        List<PlateRead> reads = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // many reads share a time: the cursor must tell them apart by store number
            reads.add(read("cam-" + (i % 3), T0.plusSeconds(i / 10), "湘A" + (10000 + i)));
        }
        store.insert(reads).get();
        Set<UUID> seen = new HashSet<>();
        ReadCursor cursor = null;
        int pages = 0;
        do {
            ReadPage page = store.search(query(PlatePattern.parse("湘A*", false), CameraSet.all(), 7, cursor));
            for (StoredRead s : page.items()) {
                assertThat(seen.add(s.read().id())).as("read seen once").isTrue();
            }
            cursor = page.next() == null ? null : ReadCursor.decode(page.next().encode());
            // a read arriving now, later than everything paged, is not on a later page of this search
            store.insert(List.of(read("cam-9", T0.plusSeconds(1000 + pages), "湘A99999"))).get();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(250);
        assertThat(pages).isEqualTo(36);
    }

    @Test
    void plateSearchPagesWalkAYearOfReadsWithGapsOnceNewestFirst() throws Exception {
        // 120-odd days of a year with reads of the plate, gaps between them of up to a week, one to four reads a day
        // and on some days three at the same microsecond: enough days for every chunk (4, 16, 64, the rest), and
        // page boundaries between reads of the same time.
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        List<PlateRead> reads = new ArrayList<>();
        int daysWithReads = 0;
        for (int day = 0; day < 365; day += 1 + random.nextInt(5)) {
            daysWithReads++;
            Instant morning = start.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(40_000));
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                Instant t = day % 3 == 0 ? morning : morning.plusSeconds(i * 600L);
                reads.add(read("cam-" + i, t, "湘A12345"));
            }
        }
        // another plate read every day, and this plate's reads just outside the window
        for (int day = 0; day < 365; day++) {
            reads.add(read("cam-1", start.plus(Duration.ofDays(day)).plusSeconds(100), "湘A12346"));
        }
        Instant from = start.plus(Duration.ofDays(3)).plus(Duration.ofHours(7));
        Instant to = start.plus(Duration.ofDays(360)).plus(Duration.ofHours(5));
        reads.add(read("cam-1", from.minusNanos(1000), "湘A12345"));
        reads.add(read("cam-1", to, "湘A12345"));
        // stored in batches out of time order, as reads of several cameras arrive
        List<PlateRead> shuffled = new ArrayList<>(reads);
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        for (int i = 0; i < shuffled.size(); i += 50) {
            store.insert(shuffled.subList(i, Math.min(shuffled.size(), i + 50))).get();
        }
        assertThat(daysWithReads).isGreaterThan(4 + 16 + 64 + 10);
        // the exact plate from the days it was read on; the pattern (both plates) from every day of the window
        for (PlatePattern pattern : List.of(PlatePattern.exact("湘A12345"), PlatePattern.parse("湘A1234?", false))) {
            List<UUID> expected = reads.stream()
                    .filter(r -> pattern.matches(r.normalised()) && !r.time().isBefore(from) && r.time().isBefore(to))
                    .map(r -> store.get(r.id()).orElseThrow())
                    .sorted(java.util.Comparator.comparing((StoredRead r) -> r.read().time())
                            .thenComparing(StoredRead::seq).reversed())
                    .map(r -> r.read().id())
                    .toList();
            assertThat(expected.stream().map(id -> store.get(id).orElseThrow().read().time()).distinct().count())
                    .isLessThan(expected.size());
            for (int limit : new int[] {1, 3, 100, ReadQuery.MAX_LIMIT}) {
                List<UUID> walked = new ArrayList<>();
                ReadCursor cursor = null;
                do {
                    ReadPage page = store.search(new ReadQuery(pattern, from, to, CameraSet.all(), null, null, limit,
                            cursor));
                    page.items().forEach(r -> walked.add(r.read().id()));
                    cursor = page.next();
                    assertThat(cursor == null || page.items().size() == limit).as("a full page before the end")
                            .isTrue();
                } while (cursor != null);
                assertThat(walked).as(pattern + ", limit " + limit).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void exactSearchKeepsToAWindowThatStartsAndEndsInsideBlocksOfDays() throws Exception {
        // 2026-12-01 is day 20,788, in the block of days 20,768-20,799: the window runs from inside that block to
        // inside the next, and reads on its first and last days fall on both sides of its ends.
        Instant from = T0.plus(Duration.ofHours(3));
        Instant to = T0.plus(Duration.ofDays(20)).plus(Duration.ofHours(2));
        store.insert(List.of(
                read("cam-1", T0.minus(Duration.ofDays(20)), "湘A12345"), // first day of the first block
                read("cam-1", from.minusNanos(1000), "湘A12345"),
                read("cam-1", from, "湘A12345"),
                read("cam-2", T0.plus(Duration.ofDays(12)), "湘A12345"), // first day of the next block
                read("cam-1", to.minusNanos(1000), "湘A12345"),
                read("cam-1", to, "湘A12345"),
                read("cam-1", T0.plus(Duration.ofDays(43)), "湘A12345"))).get(); // last day of that block
        ReadPage page = store.search(new ReadQuery(PlatePattern.exact("湘A12345"), from, to, CameraSet.all(), null,
                null, 10, null));
        assertThat(page.items()).extracting(r -> r.read().time())
                .containsExactly(to.minusNanos(1000), T0.plus(Duration.ofDays(12)), from);
        assertThat(page.next()).isNull();
        ReadPage cameraTwo = store.search(new ReadQuery(PlatePattern.exact("湘A12345"), from, to,
                CameraSet.only(Set.of(new CameraId("cam-2"))), null, null, 10, null));
        assertThat(cameraTwo.items()).extracting(r -> r.read().time()).containsExactly(T0.plus(Duration.ofDays(12)));
    }

    @Test
    void aPlateWithoutReadsInTheWindowAnswersAnEmptyPage() throws Exception {
        store.insert(List.of(read("cam-1", T0.minus(Duration.ofDays(1)), "湘A12345"),
                read("cam-1", DAY_AFTER, "湘A12345"), read("cam-1", T0.plusSeconds(5), "湘A12346"))).get();
        for (String plate : List.of("湘A12345", "湘Z99999")) {
            ReadPage page = store.search(query(PlatePattern.exact(plate), CameraSet.all(), 10, null));
            assertThat(page.items()).as(plate).isEmpty();
            assertThat(page.next()).isNull();
        }
        assertThat(plates(store.search(query(PlatePattern.exact("湘A12346"), CameraSet.all(), 10, null))))
                .containsExactly("湘A12346");
    }

    @Test
    void sightingsAreReadFromThePlateIndexAlone() {
        // A year of a commuter is thousands of sightings: from the table, one page each (p99 216 ms at 20 M reads);
        // from the covering index, a few pages a day. Dropping a column from the index fails this.
        for (CameraSet cameras : List.of(CameraSet.all(), CameraSet.only(Set.of(new CameraId("cam-1"))))) {
            List<Object> args = new ArrayList<>();
            String sql = SqliteReadStore.sightingsSql("湘A12345", T0, T0.plus(Duration.ofDays(365)), cameras, 10_000,
                    args);
            String plan = store.database().read(c -> {
                try (PreparedStatement st = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                    SqliteReadStore.bindAll(st, args);
                    StringBuilder out = new StringBuilder();
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.append(rs.getString("detail")).append('\n');
                        }
                    }
                    return out.toString();
                }
            });
            assertThat(plan).as(plan).contains("SEARCH plate_read USING COVERING INDEX plate_read_day_plate");
        }
    }

    @Test
    void sightingsComeOldestFirstAtTheCamerasAllowed() throws Exception {
        store.insert(List.of(
                read("cam-2", T0.plusSeconds(30), "湘A12345"),
                read("cam-1", T0.plusSeconds(10), "湘A12345"),
                read("cam-3", T0.plusSeconds(20), "湘A12345"),
                read("cam-1", T0.plusSeconds(15), "湘A99999"))).get();
        assertThat(store.sightings("湘A12345", T0, DAY_AFTER, CameraSet.all(), 100))
                .extracting(s -> s.camera().value()).containsExactly("cam-1", "cam-3", "cam-2");
        assertThat(store.sightings("湘A12345", T0, DAY_AFTER,
                CameraSet.only(Set.of(new CameraId("cam-1"), new CameraId("cam-2"))), 100))
                .extracting(s -> s.camera().value()).containsExactly("cam-1", "cam-2");
        assertThat(store.sightings("湘A12345", T0, DAY_AFTER, CameraSet.all(), 2)).hasSize(2);
    }

    @Test
    void retentionDeletesOldReadsOfACameraButNotThoseUnderAHold() throws Exception {
        for (int h = 0; h < 10; h++) {
            store.insert(List.of(read("cam-1", T0.plus(Duration.ofHours(h)), "湘A1000" + h),
                    read("cam-2", T0.plus(Duration.ofHours(h)), "湘B1000" + h))).get();
        }
        Instant cutoff = T0.plus(Duration.ofHours(8));
        assertThat(store.camerasWithReadsBefore(cutoff)).extracting(CameraId::value).containsExactly("cam-1", "cam-2");
        List<HeldRange> held = List.of(new HeldRange(new CameraId("cam-1"), T0.plus(Duration.ofHours(2)),
                T0.plus(Duration.ofHours(4))), new HeldRange(new CameraId("cam-2"), T0, T0.plus(Duration.ofHours(9))));
        assertThat(store.deleteBefore(new CameraId("cam-1"), cutoff, held, 3)).isEqualTo(3);
        assertThat(store.deleteBefore(new CameraId("cam-1"), cutoff, held, 100)).isEqualTo(3);
        assertThat(store.deleteBefore(new CameraId("cam-1"), cutoff, held, 100)).isZero();
        ReadPage left = store.search(query(PlatePattern.parse("湘A*", false), CameraSet.all(), 100, null));
        assertThat(plates(left)).containsExactly("湘A10009", "湘A10008", "湘A10003", "湘A10002");
        assertThat(store.deleteBefore(new CameraId("cam-2"), cutoff, held, 100)).isZero();
    }

    @Test
    void tallyCountsReadsInALocalBandAcrossMidnightAndPassesStreamInEitherOrder() throws Exception {
        // T0 is 16:00 in China (UTC+8): reads at 16:00, 23:00, 02:00 and 06:00 local
        store.insert(List.of(read("cam-1", T0, "湘A1"), read("cam-2", T0.plus(Duration.ofHours(7)), "湘A1"),
                read("cam-1", T0.plus(Duration.ofHours(10)), "湘A1"), read("cam-1", T0.plus(Duration.ofHours(14)),
                        "湘A1"), read("cam-1", T0.plus(Duration.ofHours(1)), "湘B2"))).get();
        List<PlateTally> tallies = new ArrayList<>();
        store.tally(T0, DAY_AFTER, CameraSet.all(), new TimeBand(java.time.ZoneOffset.ofHours(8), 22 * 3600,
                5 * 3600), 1, tallies::add);
        assertThat(tallies).containsExactly(
                new PlateTally("湘A1", 4, 2, 2, T0, T0.plus(Duration.ofHours(14))),
                new PlateTally("湘B2", 1, 0, 1, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1))));
        tallies.clear();
        store.tally(T0, DAY_AFTER, CameraSet.only(Set.of(new CameraId("cam-1"))), null, 2, tallies::add);
        assertThat(tallies).extracting(PlateTally::plate, PlateTally::reads).containsExactly(
                org.assertj.core.groups.Tuple.tuple("湘A1", 3));

        List<String> byTime = new ArrayList<>();
        store.passes(T0, DAY_AFTER, CameraSet.all(), Pass.Order.TIME, p -> byTime.add(p.plate()));
        assertThat(byTime).containsExactly("湘A1", "湘B2", "湘A1", "湘A1", "湘A1");
        List<String> byPlate = new ArrayList<>();
        store.passes(T0, DAY_AFTER, CameraSet.all(), Pass.Order.PLATE, p -> byPlate.add(p.plate()) && false);
        assertThat(byPlate).containsExactly("湘A1");

        assertThat(store.platesSeen(List.of("湘A1", "湘B2", "湘C3"), T0.plus(Duration.ofHours(2)), DAY_AFTER,
                CameraSet.all())).containsExactlyInAnyOrder("湘A1");
        List<String> tooMany = java.util.stream.IntStream.range(0, ReadStore.MAX_PLATES_SEEN + 1)
                .mapToObj(i -> "湘A" + i).toList();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.platesSeen(tooMany, T0, DAY_AFTER,
                CameraSet.all())).hasMessage("plates: at most 1000 at a time, got 1001");
    }

    private List<String> seenPlates() {
        return store.database().read(c -> {
            List<String> out = new ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT plate FROM plate_seen ORDER BY plate")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void patternsAreAnsweredFromThePlatesSeenWhichRetentionPrunes() throws Exception {
        store.insert(List.of(read("cam-1", T0, "湘A12345"), read("cam-2", T0.plusSeconds(5), "湘A12845"),
                read("cam-1", T0.plus(Duration.ofHours(2)), "湘B99999"))).get();
        store.insert(List.of(read("cam-1", T0.plusSeconds(9), "湘A12345"))).get();
        assertThat(seenPlates()).containsExactly("湘A12345", "湘A12845", "湘B99999");
        assertThat(plates(store.search(query(PlatePattern.parse("2?4", true), CameraSet.all(), 10, null))))
                .containsExactly("湘A12345", "湘A12845", "湘A12345");
        assertThat(plates(store.search(new ReadQuery(PlatePattern.parse("*999*", false), T0.plus(Duration.ofHours(3)),
                DAY_AFTER, CameraSet.all(), null, null, 10, null)))).as("only reads in the window").isEmpty();

        store.deleteBefore(new CameraId("cam-2"), DAY_AFTER, List.of(), 100);
        assertThat(seenPlates()).as("the oldest read left is still 湘A12345's").containsExactly("湘A12345", "湘A12845",
                "湘B99999");
        store.deleteBefore(new CameraId("cam-1"), T0.plus(Duration.ofHours(1)), List.of(), 100);
        assertThat(seenPlates()).containsExactly("湘B99999");
        store.deleteBefore(new CameraId("cam-1"), DAY_AFTER, List.of(), 100);
        assertThat(seenPlates()).isEmpty();
    }

    @Test
    void aPatternMatchingMorePlatesThanAProbeTakesWalksTheWindowInstead() throws Exception {
        List<PlateRead> many = new ArrayList<>();
        for (int i = 0; i <= ReadStore.MAX_PLATES; i++) {
            many.add(read("cam-" + i % 3, T0.plusMillis(i), "湘K" + (100000 + i)));
        }
        store.insert(many).get();
        ReadPage page = store.search(query(PlatePattern.parse("K1", true), CameraSet.all(), 5, null));
        assertThat(plates(page)).containsExactly("湘K120000", "湘K119999", "湘K119998", "湘K119997", "湘K119996");
        ReadPage next = store.search(query(PlatePattern.parse("K1", true), CameraSet.all(), 5, page.next()));
        assertThat(plates(next)).containsExactly("湘K119995", "湘K119994", "湘K119993", "湘K119992", "湘K119991");
        ReadPage few = store.search(query(PlatePattern.parse("K11999?", false), CameraSet.all(), 100, null));
        assertThat(plates(few)).hasSize(0);
        assertThat(plates(store.search(query(PlatePattern.parse("湘K11999?", false), CameraSet.all(), 100, null))))
                .hasSize(10);
    }

    private static List<String> plates(ReadPage page) {
        return page.items().stream().map(s -> s.read().normalised()).toList();
    }
}
