package io.xueliang.reads.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.reads.store.PlatePattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WatchMatcherTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    static Watchlist list(long id, Instant expiresAt, String... entries) {
        return new Watchlist(id, "list " + id, "stolen", "case-" + id, new Watchlist.Owner("inv", "u1", List.of()),
                expiresAt, NOW.minusSeconds(60), NOW.minusSeconds(60), "inv",
                Stream.of(entries).map(e -> Watchlists.entry("plates", e)).toList());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("湘A12345", "湘A12345", true),
                Arguments.of("湘A·12345", "湘A12345", true),
                Arguments.of("湘A12345", "湘A12346", false),
                Arguments.of("湘F1*", "湘F12345", true),
                Arguments.of("湘F1*", "湘F1", true),
                Arguments.of("湘F1*", "湘F21345", false),
                Arguments.of("湘F1*", "湘A12345", false),
                Arguments.of("湘A?2345", "湘AB2345", true),
                Arguments.of("湘A?2345", "湘A2345", false),
                Arguments.of("?A12345", "湘A12345", true),
                Arguments.of("?A12345", "粤A12345", true),
                Arguments.of("*2345", "湘A12345", true),
                Arguments.of("*2345", "湘A12346", false),
                Arguments.of("湘A1234*5", "湘A12345", true),
                Arguments.of("湘ab1*", "湘AB1999", true));
    }

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @MethodSource("cases")
    void matchesExactPlatesAndPatterns(String entry, String plate, boolean matches) {
        WatchMatcher m = WatchMatcher.of(List.of(list(1, NOW.plusSeconds(3600), entry)), NOW);
        assertThat(m.match(plate, NOW)).as(entry + " / " + plate).hasSize(matches ? 1 : 0);
    }

    @Test
    void anExpiredListMatchesNothingEvenBeforeTheMatcherIsRebuilt() {
        Instant expiry = NOW.plusSeconds(10);
        WatchMatcher m = WatchMatcher.of(List.of(list(1, expiry, "湘A12345", "湘F1*")), NOW);
        assertThat(m.match("湘A12345", expiry.minusNanos(1000))).hasSize(1);
        assertThat(m.match("湘A12345", expiry)).isEmpty();
        assertThat(m.match("湘F12345", expiry)).isEmpty();
        assertThat(WatchMatcher.of(List.of(list(1, NOW, "湘A12345")), NOW).size()).as("expired when built").isZero();
    }

    @Test
    void aListMatchingByTwoEntriesGivesOneMatchAndTheExactEntryWins() {
        WatchMatcher m = WatchMatcher.of(List.of(list(1, NOW.plusSeconds(60), "湘A1*", "湘A12345", "*345"),
                list(2, NOW.plusSeconds(60), "湘A123*")), NOW);
        List<WatchMatcher.Match> found = m.match("湘A12345", NOW);
        assertThat(found).extracting(f -> f.list().id()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(found).filteredOn(f -> f.list().id() == 1).extracting(WatchMatcher.Match::entry)
                .containsExactly(PlatePattern.exact("湘A12345"));
    }

    @Test
    void tenThousandEntriesOfOneProvinceAreEachFound() {
        // The speed is measured in bench (WatchMatcherBenchmark); here every entry must be found in its bucket.
        java.util.Random random = new java.util.Random(7);
        String[] entries = new String[10_000];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = i % 2 == 0 ? "湘A" + String.format("%05d", random.nextInt(100_000))
                    : "湘" + (char) ('A' + random.nextInt(20)) + random.nextInt(10) + random.nextInt(10) + "*";
        }
        WatchMatcher m = WatchMatcher.of(List.of(list(1, NOW.plusSeconds(60), entries)), NOW);
        assertThat(m.size()).isGreaterThan(9_000);
        for (String e : entries) {
            String plate = e.replace("*", "123");
            assertThat(m.match(plate, NOW)).as(plate).hasSize(1);
        }
        assertThat(m.match("京B00000", NOW)).isEmpty();
    }
}
