package io.xueliang.reads.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.CameraId;
import io.xueliang.reads.ring.Crossing;
import io.xueliang.reads.ring.SqliteBoundaryRing;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.synth.HistoryPlan;
import io.xueliang.reads.synth.PlantedTruth;
import io.xueliang.reads.synth.ReadHistoryGenerator;
import io.xueliang.reads.synth.RoadGraph;
import io.xueliang.reads.synth.SynthCamera;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each analysis against a generated week of a 40-camera county: it finds what was planted there, and no other. */
class AnalysesTest {
    private static final AnalysisLimits LIMITS = AnalysisLimits.defaults();
    @TempDir
    static Path root;
    private static SqliteReadStore store;
    private static ReadHistoryGenerator history;
    private static PlantedTruth truth;
    private static Instant start;
    private static Instant end;

    @BeforeAll
    static void generate() {
        store = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(),
                InstantSource.fixed(Instant.parse("2026-12-01T00:00:00Z")));
        history = new ReadHistoryGenerator(new HistoryPlan(11, 40, Instant.parse("2026-11-02T00:00:00Z"), 8, 40_000,
                HistoryPlan.CHINA));
        history.generate(day -> store.insert(day).join());
        truth = history.truth();
        start = history.start();
        end = history.end();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** Planted plates of every kind but {@code own}. */
    private static Set<String> otherPlanted(Set<String> own) {
        Set<String> others = new HashSet<>(truth.all());
        others.removeAll(own);
        return others;
    }

    @Test
    void companionsAreTheConvoyNotTheDecoy() {
        PlantedTruth.Convoy convoy = truth.convoy();
        var found = new CompanionAnalysis(store, LIMITS).run(new CompanionAnalysis.Request(convoy.target(), start,
                end, convoy.gap(), convoy.minCameras(), CameraSet.all()), Progress.NONE);
        // a resident on the same road at the same time is a companion by this measure too: background may join
        assertThat(plates(found.items(), CompanionAnalysis.Companion::plate)).containsAll(convoy.companions())
                .doesNotContainAnyElementsOf(otherPlanted(convoy.companions()));
        // the planted companions share every camera of the convoy's route, more than any chance companion
        assertThat(plates(found.items().subList(0, convoy.companions().size()), CompanionAnalysis.Companion::plate))
                .isEqualTo(convoy.companions());
        assertThat(found.items()).allSatisfy(c -> assertThat(c.cameras()).isGreaterThanOrEqualTo(convoy.minCameras()));
        // at k - 1 cameras the decoy is a companion too: it was planted beside the target, not by chance
        var looser = new CompanionAnalysis(store, LIMITS).run(new CompanionAnalysis.Request(convoy.target(), start,
                end, convoy.gap(), convoy.minCameras() - 1, CameraSet.all()), Progress.NONE);
        assertThat(plates(looser.items(), CompanionAnalysis.Companion::plate)).contains(convoy.decoy());
    }

    @Test
    void firstSeenFindsTheNewcomersNotThoseWhoCameBack() {
        PlantedTruth.FirstVisits visits = truth.firstVisits();
        var found = new FirstSeenAnalysis(store, LIMITS).run(new FirstSeenAnalysis.Request(visits.from(),
                visits.to(), Duration.between(start, visits.from()), CameraSet.all()), Progress.NONE);
        Set<String> plates = plates(found.items(), FirstSeenAnalysis.FirstSighting::plate);
        assertThat(plates).containsAll(visits.plates()).doesNotContainAnyElementsOf(otherPlanted(visits.plates()));
        assertThat(visits.returning()).isNotEmpty();
    }

    @Test
    void nightActivityFindsTheNightMoversAndNobodyElse() {
        var found = new NightActivityAnalysis(store, LIMITS).run(new NightActivityAnalysis.Request(start, end,
                LocalTime.MIDNIGHT, LocalTime.of(5, 0), HistoryPlan.CHINA, 0.7, 8, CameraSet.all()), Progress.NONE);
        assertThat(plates(found.items(), NightActivityAnalysis.NightMover::plate)).isEqualTo(truth.nightMovers());
        assertThat(found.items()).allSatisfy(m -> assertThat(m.share()).isGreaterThanOrEqualTo(0.7).isLessThan(1));
    }

    @Test
    void regionCollisionFindsWhoWasAtEveryPairNotAtAllButOne() {
        PlantedTruth.Collision collision = truth.collision();
        var found = new RegionCollisionAnalysis(store, LIMITS).run(
                new RegionCollisionAnalysis.Request(collision.pairs()), Progress.NONE);
        assertThat(Set.copyOf(found.items())).containsAll(collision.plates())
                .doesNotContainAnyElementsOf(otherPlanted(collision.plates()));
        var firstTwo = new RegionCollisionAnalysis(store, LIMITS).run(
                new RegionCollisionAnalysis.Request(collision.pairs().subList(0, 2)), Progress.NONE);
        assertThat(firstTwo.items()).contains(collision.decoy());
    }

    @Test
    void frequentFindsThePassersOfTheCamera() {
        PlantedTruth.Frequent frequent = truth.frequent();
        var found = new FrequentAnalysis(store, LIMITS).run(new FrequentAnalysis.Request(start, end,
                CameraSet.only(Set.of(frequent.camera())), frequent.minPasses()), Progress.NONE);
        assertThat(plates(found.items(), FrequentAnalysis.FrequentPasser::plate)).isEqualTo(frequent.plates());
        assertThat(found.items()).allSatisfy(p -> assertThat(p.passes()).isGreaterThan(frequent.minPasses()));
    }

    @Test
    void clonedFindsThePlatesReadTooFarApartAndNoHonestDriver() {
        var found = new ClonedPlateAnalysis(store, positions(), LIMITS).run(new ClonedPlateAnalysis.Request(start,
                end, 150, 1, CameraSet.all()), Progress.NONE);
        assertThat(plates(found.items(), ClonedPlateAnalysis.ClonedPlate::plate)).isEqualTo(truth.clonedPlates());
        assertThat(found.items()).allSatisfy(c -> assertThat(c.hops().getFirst().kmh()).isGreaterThan(150));
    }

    @Test
    void stillInsideAreThoseWhoEnteredAndNeverLeft() throws Exception {
        SqliteBoundaryRing ring = new SqliteBoundaryRing(store.database());
        for (SynthCamera c : history.graph().cameras()) {
            if (c.boundary()) {
                ring.put(c.checkpoint(), "test", start).get();
            }
        }
        // the whole history is the look-back: a vehicle that entered and never left in it is inside
        List<Crossing> found = ring.stillInside(RoadGraph.COUNTY, end, Duration.between(start, end).plusSeconds(1),
                SqliteBoundaryRing.MAX_LIMIT);
        assertThat(found.stream().collect(Collectors.toMap(Crossing::plate, Crossing::time)))
                .isEqualTo(truth.stillInside());
    }

    @Test
    void aScopeWithoutTheCamerasFindsNothing() {
        PlantedTruth.Frequent frequent = truth.frequent();
        CameraSet elsewhere = CameraSet.only(Set.of(new CameraId("kk-9999")));
        var found = new FrequentAnalysis(store, LIMITS).run(new FrequentAnalysis.Request(start, end,
                CameraSet.only(Set.of(frequent.camera())).and(elsewhere), 1), Progress.NONE);
        assertThat(found.items()).isEmpty();
        var cloned = new ClonedPlateAnalysis(store, positions(), LIMITS).run(new ClonedPlateAnalysis.Request(start,
                end, 150, 1, elsewhere), Progress.NONE);
        assertThat(cloned.items()).isEmpty();
    }

    @Test
    void findingsArePagedByOffsetAndCutAtTheResultLimit() {
        var limits = new AnalysisLimits(LIMITS.maxWindow(), LIMITS.maxScanWindow(), LIMITS.maxLookBack(),
                LIMITS.maxGap(), 2, LIMITS.maxCandidates(), LIMITS.maxTargetSightings(), LIMITS.maxPairs());
        var all = new FrequentAnalysis(store, LIMITS).run(new FrequentAnalysis.Request(start, end, CameraSet.all(),
                2), Progress.NONE);
        var cut = new FrequentAnalysis(store, limits).run(new FrequentAnalysis.Request(start, end, CameraSet.all(),
                2), Progress.NONE);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.items()).isEqualTo(all.items().subList(0, 2));
        assertThat(all.items().size()).isGreaterThan(5);
        var first = all.page(0, 3);
        var second = all.page(first.nextOffset(), 3);
        assertThat(first.items()).isEqualTo(all.items().subList(0, 3));
        assertThat(second.items()).isEqualTo(all.items().subList(3, Math.min(6, all.items().size())));
        assertThat(first.total()).isEqualTo(all.items().size());
        assertThat(all.page(all.items().size() - 1, 5).nextOffset()).isNull();
    }

    @Test
    void aLongAnalysisRunsAsAJobWithProgress() throws Exception {
        try (AnalysisJobs jobs = new AnalysisJobs(1, 4, 4, InstantSource.fixed(end))) {
            var job = jobs.submit("inv", "cloned", p -> new ClonedPlateAnalysis(store, positions(), LIMITS)
                    .run(new ClonedPlateAnalysis.Request(start, end, 150, 1, CameraSet.all()), p));
            assertThat(job.ended().get().state()).isEqualTo(AnalysisJobs.State.DONE);
            assertThat(job.progress()).isEqualTo(1.0);
            assertThat(job.findings().orElseThrow().items()).hasSize(truth.clonedPlates().size());
            assertThat(jobs.get(job.id())).containsSame(job);

            var blocked = new java.util.concurrent.CountDownLatch(1);
            var running = jobs.submit("inv", "frequent", p -> {
                blocked.countDown();
                while (!p.cancelled()) {
                    Thread.onSpinWait();
                }
                p.check();
                return null;
            });
            blocked.await();
            assertThat(jobs.cancel(running.id())).isTrue();
            assertThat(running.ended().get().state()).isEqualTo(AnalysisJobs.State.CANCELLED);
            var failed = jobs.submit("inv", "frequent", p -> new FrequentAnalysis(store, LIMITS)
                    .run(new FrequentAnalysis.Request(start, end, CameraSet.all(), 0), p));
            assertThat(failed.ended().get().error()).contains("minPasses: must be 1-1000000, got 0");
        }
    }

    static Stream<Arguments> badRequests() {
        Instant t = Instant.parse("2026-11-02T00:00:00Z");
        Instant year = t.plus(Duration.ofDays(400));
        CameraSet all = CameraSet.all();
        return Stream.of(
                bad("to: must be after from", () -> new FrequentAnalysis(store, LIMITS)
                        .run(new FrequentAnalysis.Request(t, t, all, 3), Progress.NONE)),
                bad("to: the window from", () -> new FrequentAnalysis(store, LIMITS)
                        .run(new FrequentAnalysis.Request(t, year, all, 3), Progress.NONE)),
                bad("from: required", () -> new FrequentAnalysis(store, LIMITS)
                        .run(new FrequentAnalysis.Request(null, year, all, 3), Progress.NONE)),
                bad("minPasses: must be 1-1000000", () -> new FrequentAnalysis(store, LIMITS)
                        .run(new FrequentAnalysis.Request(t, t.plusSeconds(60), all, 0), Progress.NONE)),
                bad("gap: must be 1 s to 30 min", () -> new CompanionAnalysis(store, LIMITS)
                        .run(new CompanionAnalysis.Request("湘C12345", t, t.plusSeconds(60), Duration.ofHours(1), 3,
                                all), Progress.NONE)),
                bad("minCameras: must be 2-100", () -> new CompanionAnalysis(store, LIMITS)
                        .run(new CompanionAnalysis.Request("湘C12345", t, t.plusSeconds(60), Duration.ofSeconds(60),
                                1, all), Progress.NONE)),
                bad("target: required", () -> new CompanionAnalysis(store, LIMITS)
                        .run(new CompanionAnalysis.Request("", t, t.plusSeconds(60), Duration.ofSeconds(60), 3,
                                all), Progress.NONE)),
                bad("lookBack: must be 1 to 366 days", () -> new FirstSeenAnalysis(store, LIMITS)
                        .run(new FirstSeenAnalysis.Request(t, t.plusSeconds(60), Duration.ofDays(500), all),
                                Progress.NONE)),
                bad("minShare: must be over 0", () -> new NightActivityAnalysis(store, LIMITS)
                        .run(new NightActivityAnalysis.Request(t, t.plusSeconds(60), LocalTime.MIDNIGHT,
                                LocalTime.of(5, 0), HistoryPlan.CHINA, 0, 3, all), Progress.NONE)),
                bad("nightEnd: the night needs a start and a different end", () -> new NightActivityAnalysis(store,
                        LIMITS).run(new NightActivityAnalysis.Request(t, t.plusSeconds(60), LocalTime.MIDNIGHT,
                                LocalTime.MIDNIGHT, HistoryPlan.CHINA, 0.5, 3, all), Progress.NONE)),
                bad("pairs: must be 2-8", () -> new RegionCollisionAnalysis(store, LIMITS)
                        .run(new RegionCollisionAnalysis.Request(List.of(new AreaWindow(all, t, year))),
                                Progress.NONE)),
                bad("maxKmh: must be 30-1000", () -> new ClonedPlateAnalysis(store, positions(), LIMITS)
                        .run(new ClonedPlateAnalysis.Request(t, t.plusSeconds(60), 5, 1, all), Progress.NONE)),
                bad("to: the window from", () -> new ClonedPlateAnalysis(store, positions(), LIMITS)
                        .run(new ClonedPlateAnalysis.Request(t, year, 150, 1, all), Progress.NONE)),
                bad("limit: must be 1-1000", () -> new Findings<>(List.of("a"), false).page(0, 0)),
                bad("offset: must be 0 or more", () -> new Findings<>(List.of("a"), false).page(-1, 10)));
    }

    private static Arguments bad(String message, Supplier<?> call) {
        return Arguments.of(message, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badParametersAreRefusedNamingTheParameter(String message, Supplier<?> call) {
        assertThatThrownBy(call::get).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static CameraPositions positions() {
        Map<CameraId, GeoPoint> at = history.graph().cameras().stream()
                .collect(Collectors.toMap(SynthCamera::id, SynthCamera::position));
        return id -> Optional.ofNullable(at.get(id));
    }

    private static <T> Set<String> plates(List<T> items, Function<T, String> plate) {
        return items.stream().map(plate).collect(Collectors.toSet());
    }
}
