package io.xueliang.reads.search;

import static io.xueliang.reads.store.TestReads.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.ReadPage;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Search by what a witness remembers or a reader misread: one table of cases over one store of true plates and
 * near neighbours. In each fuzzy case the true plate comes first.
 */
class FuzzyPlateSearchTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant DAY_AFTER = T0.plus(Duration.ofDays(1));
    /** Plates in the store: the true ones of the table and neighbours that must rank below them. */
    private static final List<String> PLATES = List.of("湘A0B8D2", "湘A12345", "湘C5G6Z1", "湘U8S0I2", "湘AD1234",
            "赣B77777", "湘B77771", "湘F11370", "湘F11379", "湘F1137", "湘A3K8Q9", "湘A3M8Q9", "湘E888AB", "粤E888AB");

    @TempDir
    static Path root;
    private static SqliteReadStore store;

    @BeforeAll
    static void fill() throws Exception {
        store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
        List<PlateRead> reads = new ArrayList<>();
        for (int i = 0; i < PLATES.size(); i++) {
            reads.add(read("cam-" + i % 3, T0.plusSeconds(60L * i), PLATES.get(i)));
            reads.add(read("cam-" + (i + 1) % 3, T0.plusSeconds(60L * i + 7), PLATES.get(i)));
        }
        for (int i = 0; i < 500; i++) { // noise the index must step over: no 3, 7 or 8, another province
            String digits = Integer.toString(i, 7).replace('3', '9');
            reads.add(read("cam-" + i % 3, T0.plusSeconds(i), "云K" + "00000".substring(digits.length()) + digits));
        }
        store.insert(reads).get();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static ReadQuery window(int limit) {
        return new ReadQuery(null, T0, DAY_AFTER, CameraSet.all(), null, null, limit, null);
    }

    static Stream<Arguments> fuzzyCases() {
        return Stream.of(
                arguments("O for 0", "湘AOB8D2", "湘A0B8D2"),
                arguments("D for 0 and 8 for B", "湘AD88D2", "湘A0B8D2"),
                arguments("B for 8", "湘U BS0I2", "湘U8S0I2"),
                arguments("I for 1", "湘AI2345", "湘A12345"),
                arguments("Z for 2 and S for 5", "湘A1Z34S", "湘A12345"),
                arguments("G for 6 and 2 for Z", "湘C5662I", "湘C5G6Z1"),
                arguments("a province misread", "鄂A12345", "湘A12345"),
                arguments("the province missing", "A12345", "湘A12345"),
                arguments("the province missing and a confusion", "F1I370", "湘F11370"),
                arguments("one character missing", "湘A1345", "湘A12345"),
                arguments("one character extra", "湘A123345", "湘A12345"),
                arguments("one character misread", "湘B77772", "湘B77771"),
                arguments("the last character missing", "湘A3K8Q", "湘A3K8Q9"),
                arguments("a character missing and a confusion", "湘FI370", "湘F11370"),
                arguments("the plate itself", "湘F11379", "湘F11379"));
    }

    @ParameterizedTest(name = "{0}: {1} finds {2} first")
    @MethodSource("fuzzyCases")
    void fuzzyRanksTheTruePlateFirst(String what, String typed, String truth) {
        FuzzyPage page = new FuzzyPlateSearch(store).search(PlatePattern.exact(typed).normalised(), window(100), null);
        assertThat(page.items()).as(what).isNotEmpty();
        assertThat(page.items().getFirst().read().read().normalised()).as(what).isEqualTo(truth);
        List<Integer> costs = page.items().stream().map(RankedRead::cost).toList();
        assertThat(costs).as("ranked by cost").isSorted();
        assertThat(page.items()).allSatisfy(r -> assertThat(r.score()).isBetween(0.5, 1.0));
    }

    @Test
    void thePlateAsTypedScoresOneAndItsNeighboursLess() {
        FuzzyPage page = new FuzzyPlateSearch(store).search("湘F11370", window(100), null);
        assertThat(page.items()).extracting(r -> r.read().read().normalised())
                .containsExactly("湘F11370", "湘F11370", "湘F1137", "湘F1137", "湘F11379", "湘F11379");
        assertThat(page.items()).extracting(RankedRead::score).containsExactly(1.0, 1.0, 0.6, 0.6, 0.6, 0.6);
    }

    @Test
    void aForeignPlateOrAnotherProvinceRanksBelowTheOneTyped() {
        FuzzyPage page = new FuzzyPlateSearch(store).search("湘E888A8", window(100), null);
        assertThat(page.items()).extracting(r -> r.read().read().normalised())
                .containsExactly("湘E888AB", "湘E888AB", "粤E888AB", "粤E888AB");
    }

    @Test
    void fuzzyPagingNeitherSkipsNorRepeats() {
        FuzzyPlateSearch search = new FuzzyPlateSearch(store);
        List<UUID> all = search.search("湘F11370", window(100), null).items().stream()
                .map(r -> r.read().read().id()).toList();
        List<UUID> paged = new ArrayList<>();
        FuzzyCursor cursor = null;
        int pages = 0;
        do {
            FuzzyPage page = search.search("湘F11370", window(4), cursor == null ? null
                    : FuzzyCursor.decode(cursor.encode()));
            page.items().forEach(r -> paged.add(r.read().read().id()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(2);
        assertThat(paged).containsExactlyElementsOf(all).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheCamerasGivenAreSearched() {
        ReadQuery oneCamera = new ReadQuery(null, T0, DAY_AFTER, CameraSet.only(Set.of(new CameraId("cam-1"))), null,
                null, 100, null);
        FuzzyPage page = new FuzzyPlateSearch(store).search("湘A12345", oneCamera, null);
        assertThat(page.items()).isNotEmpty().allSatisfy(r -> assertThat(r.read().read().camera().value())
                .isEqualTo("cam-1"));
        ReadQuery none = new ReadQuery(null, T0, DAY_AFTER, CameraSet.only(Set.of()), null, null, 100, null);
        assertThat(new FuzzyPlateSearch(store).search("湘A12345", none, null).items()).isEmpty();
    }

    @Test
    void tooShortOrWildcardPlatesAreRefused() {
        assertThatThrownBy(() -> FuzzyCandidates.of("A123")).hasMessageContaining("5 or more characters");
        assertThatThrownBy(() -> FuzzyCandidates.of("湘A12*45")).hasMessageContaining("without wildcards");
    }

    @Test
    void aCursorThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> FuzzyCursor.decode("bm90IGEgY3Vyc29y")).hasMessage("not a cursor this server gave");
        assertThatThrownBy(() -> FuzzyCursor.decode("")).hasMessage("not a cursor this server gave");
        FuzzyCursor c = new FuzzyCursor(250, 1_700_000_000_000_000L, 42);
        assertThat(FuzzyCursor.decode(c.encode())).isEqualTo(c);
    }

    static Stream<Arguments> patternCases() {
        return Stream.of(
                arguments("exact", "湘A12345", false, Set.of("湘A12345")),
                arguments("separators dropped", "湘a·123-45", false, Set.of("湘A12345")),
                arguments("? one character", "湘F1137?", false, Set.of("湘F11370", "湘F11379")),
                arguments("* any run", "湘F1137*", false, Set.of("湘F11370", "湘F11379", "湘F1137")),
                arguments("* then ?", "*888A?", false, Set.of("湘E888AB", "粤E888AB")),
                arguments("partial: a witness's middle", "3?8", true, Set.of("湘A3K8Q9", "湘A3M8Q9")),
                arguments("partial with province", "湘A·3?8", true, Set.of("湘A3K8Q9", "湘A3M8Q9")),
                arguments("partial: the end", "7777", true, Set.of("赣B77777", "湘B77771")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("patternCases")
    void wildcardAndPartialFindExactlyTheirPlates(String what, String typed, boolean partial, Set<String> plates) {
        ReadPage page = store.search(new ReadQuery(PlatePattern.parse(typed, partial), T0, DAY_AFTER, CameraSet.all(),
                null, null, 1000, null));
        Set<String> found = new HashSet<>();
        for (StoredRead r : page.items()) {
            found.add(r.read().normalised());
        }
        assertThat(found).as(what).isEqualTo(plates);
    }
}
