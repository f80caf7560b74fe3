package io.xueliang.reads.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.WatchlistConfig;
import io.xueliang.media.FakeClock;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.watch.sqlite.SqliteWatchStore;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WatchlistsTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Watchlist.Owner OWNER = new Watchlist.Owner("inv", "u-1", List.of(List.of("县", "镇1")));

    @TempDir
    Path root;
    private final FakeClock clock = new FakeClock(T0);
    private SqliteReadStore reads;
    private Watchlists lists;

    @BeforeEach
    void open() {
        reads = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        lists = new Watchlists(new SqliteWatchStore(reads.database()), new WatchlistConfig(30, 2, 3, 4, 8, 2), clock);
    }

    @AfterEach
    void close() {
        reads.close();
    }

    static WatchlistDraft draft(Instant expiresAt, String... plates) {
        return new WatchlistDraft("stolen", "stolen car", "case-1", expiresAt, List.of(plates));
    }

    static Stream<Arguments> refusals() {
        Instant ok = T0.plusSeconds(3600);
        return Stream.of(
                Arguments.of(draft(T0, "湘A12345"), "expiresAt", "is not in the future"),
                Arguments.of(draft(T0.minusSeconds(1), "湘A12345"), "expiresAt", "is not in the future"),
                Arguments.of(draft(T0.plus(Duration.ofDays(30)).plusSeconds(1), "湘A12345"), "expiresAt",
                        "more than 30 days ahead"),
                Arguments.of(draft(null, "湘A12345"), "expiresAt", "needs an expiry"),
                Arguments.of(draft(ok), "plates", "at least one plate"),
                Arguments.of(draft(ok, "湘A1", "湘A2", "湘A3", "湘A4"), "plates", "more than the 3"),
                Arguments.of(draft(ok, "湘A12345", "湘*"), "plates/1", "at least 3"),
                Arguments.of(draft(ok, "湘A12345", "*?*"), "plates/1", "plain character"),
                Arguments.of(draft(ok, "湘A\"12"), "plates/0", "only letters, digits"),
                Arguments.of(draft(ok, "湘A12345678901234567890"), "plates/0", "characters"),
                Arguments.of(new WatchlistDraft(" ", "r", "c", ok, List.of("湘A12345")), "name", "empty"),
                Arguments.of(new WatchlistDraft("n", "r", "c".repeat(129), ok, List.of("湘A12345")),
                        "caseReference", "longer than 128"),
                Arguments.of(new WatchlistDraft("n", null, "c", ok, List.of("湘A12345")), "reason", "empty"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refusals")
    void refusesADraftNamingTheField(WatchlistDraft draft, String field, String message) {
        assertThatThrownBy(() -> lists.create(draft, OWNER)).isInstanceOfSatisfying(WatchlistException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(lists.all()).isEmpty();
    }

    @Test
    void keepsListsWithinTheConfiguredCounts() {
        Instant in1h = T0.plusSeconds(3600);
        Watchlist a = lists.create(draft(in1h, "湘A11111", "湘a·11111", "湘A22222"), OWNER);
        assertThat(a.entries()).as("repeats dropped").extracting(PlatePattern::normalised)
                .containsExactly("湘A11111", "湘A22222");
        assertThatThrownBy(() -> lists.create(draft(in1h, "湘A33333", "湘A44444", "湘A55555"), OWNER))
                .isInstanceOfSatisfying(WatchlistLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo("reads.watchlists.maxEntries"));
        lists.create(draft(in1h, "湘A33333"), OWNER);
        assertThatThrownBy(() -> lists.create(draft(in1h, "湘A44444"), OWNER))
                .isInstanceOfSatisfying(WatchlistLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo("reads.watchlists.maxLists"));
        assertThat(lists.replace(a.id(), draft(in1h, "湘A66666", "湘A77777", "湘A88888"), "boss")).isPresent();
        assertThat(lists.all()).hasSize(2);
    }

    @Test
    void theMatcherFollowsChangesAndExpiryAndListsSurviveARestart() {
        Watchlist a = lists.create(draft(T0.plusSeconds(60), "湘A12345"), OWNER);
        assertThat(lists.matcher().match("湘A12345", clock.instant())).hasSize(1);
        lists.replace(a.id(), draft(T0.plusSeconds(60), "湘B12345"), "inv2");
        assertThat(lists.matcher().match("湘A12345", clock.instant())).isEmpty();
        assertThat(lists.matcher().match("湘B12345", clock.instant())).hasSize(1);

        Watchlists again = new Watchlists(new SqliteWatchStore(reads.database()), lists.limits(), clock);
        assertThat(again.all()).containsExactlyElementsOf(lists.all());
        assertThat(again.get(a.id()).orElseThrow().changedBy()).isEqualTo("inv2");

        clock.advance(Duration.ofSeconds(60));
        assertThat(lists.matcher().size()).as("rebuilt once expired").isZero();
        assertThat(lists.delete(a.id())).isTrue();
        assertThat(lists.all()).isEmpty();
        assertThat(lists.delete(a.id())).isFalse();
    }
}
