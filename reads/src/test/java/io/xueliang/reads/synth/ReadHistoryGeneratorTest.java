package io.xueliang.reads.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.PlateRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReadHistoryGeneratorTest {
    /** GA 36: province, office letter, five of digits and (at most two) letters, or D/F and five digits; no I or O. */
    private static final Pattern PLATE = Pattern.compile(
            "[\\p{IsHan}][A-HJ-NP-Z]([0-9A-HJ-NP-Z]{5}|[DF][0-9]{5})");
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    private static List<PlateRead> all(HistoryPlan plan) {
        List<PlateRead> reads = new ArrayList<>();
        new ReadHistoryGenerator(plan).generate(reads::addAll);
        return reads;
    }

    @Test
    void theSameSeedGivesTheSameHistoryOfValidPlatesInTimeOrder() {
        HistoryPlan plan = new HistoryPlan(7, 30, START, 7, 20_000, HistoryPlan.CHINA);
        List<PlateRead> a = all(plan);
        assertThat(a).isEqualTo(all(plan));
        assertThat(a).isNotEqualTo(all(new HistoryPlan(8, 30, START, 7, 20_000, HistoryPlan.CHINA)));
        // about the reads asked for, the planted ones on top
        assertThat(a.size()).isBetween(16_000, 26_000);
        assertThat(a).allSatisfy(r -> {
            assertThat(r.text()).matches(PLATE);
            assertThat(r.text().chars().filter(Character::isLetter).count()).isLessThanOrEqualTo(5);
        });
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).time().isBefore(a.get(i - 1).time())) {
                // days are sorted; only a drive past midnight may reach into the next day's batch
                assertThat(a.get(i - 1).time().atZone(HistoryPlan.CHINA).getHour()).isLessThan(2);
            }
        }
        assertThat(a.stream().map(PlateRead::id).distinct().count()).isEqualTo(a.size());
    }

    @Test
    void boundaryCheckpointsSitOnTheRingAndOnlyThroughTrafficAndStayersPassThem() {
        ReadHistoryGenerator g = new ReadHistoryGenerator(new HistoryPlan(3, 50, START, 7, 10_000,
                HistoryPlan.CHINA));
        RoadGraph graph = g.graph();
        assertThat(graph.cameras().stream().filter(SynthCamera::boundary).count())
                .isEqualTo(graph.cameras().size() - graph.innerCount()).isGreaterThanOrEqualTo(2);
        for (SynthCamera c : graph.cameras()) {
            double km = RoadGraph.COUNTY_SEAT.kmTo(c.position());
            assertThat(km).isLessThan(c.boundary() ? 28 : 21).isGreaterThan(c.boundary() ? 24 : -1);
        }
        // no route between two inner cameras passes a boundary checkpoint
        for (int a = 0; a < graph.innerCount(); a += 7) {
            for (int b = 1; b < graph.innerCount(); b += 5) {
                for (int v : graph.route(a, b)) {
                    assertThat(v).isLessThan(graph.innerCount());
                }
            }
        }
    }

    @Test
    void refusesPlansItCannotMake() {
        assertThatThrownBy(() -> new HistoryPlan(1, 5, START, 7, 10, HistoryPlan.CHINA))
                .hasMessage("cameras must be 6-4000, got 5");
        assertThatThrownBy(() -> new HistoryPlan(1, 30, START, 6, 10, HistoryPlan.CHINA))
                .hasMessage("days must be 7-3660, got 6");
    }
}
