package io.xueliang.reads.watch;

import static io.xueliang.reads.store.TestReads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.WatchlistConfig;
import io.xueliang.media.CameraId;
import io.xueliang.media.FakeClock;
import io.xueliang.media.InProcessEventBus;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.reads.watch.sqlite.SqliteWatchStore;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchAlerterTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Map<String, List<String>> REGIONS = Map.of("a1", List.of("县", "镇1"), "b1", List.of("县", "镇2"));
    static final Watchlist.Owner TOWNSHIP_1 = new Watchlist.Owner("inv.a", "u-a", List.of(List.of("县", "镇1")));
    static final Watchlist.Owner COUNTY = new Watchlist.Owner("inv", "u-c", List.of());

    @TempDir
    Path root;
    private final FakeClock clock = new FakeClock(T0);
    private SqliteReadStore reads;
    private SqliteWatchStore store;
    private Watchlists lists;
    private InProcessEventBus<PlateAlert> bus;
    private final LinkedBlockingQueue<PlateAlert> published = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        reads = SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        store = new SqliteWatchStore(reads.database());
        lists = new Watchlists(store, WatchlistConfig.defaults(), clock);
        bus = new InProcessEventBus<>();
        bus.subscribe(PlateAlert.TOPIC, "test", published::add);
    }

    @AfterEach
    void close() {
        bus.close();
        reads.close();
    }

    private WatchAlerter alerter(WatchStore on) {
        return new WatchAlerter(lists, on, bus, c -> REGIONS.getOrDefault(c.value(), List.of()), clock);
    }

    private static WatchlistDraft draft(String... plates) {
        return new WatchlistDraft("stolen", "stolen car", "case-9", T0.plusSeconds(600), List.of(plates));
    }

    @Test
    void aMatchingReadIsStoredAndPublishedOnceHoweverOftenItIsDelivered() throws Exception {
        Watchlist list = lists.create(draft("湘A12345", "湘F1*"), COUNTY);
        WatchAlerter alerter = alerter(store);
        PlateRead hit = read("a1", T0, "湘A·12345");
        alerter.accept(hit);
        alerter.accept(hit);
        alerter.accept(read("b1", T0, "湘B99999"));

        PlateAlert alert = published.poll(5, TimeUnit.SECONDS);
        assertThat(alert).isNotNull();
        assertThat(alert.readId()).isEqualTo(hit.id());
        assertThat(alert.plate()).isEqualTo("湘A·12345");
        assertThat(alert.camera()).isEqualTo(new CameraId("a1"));
        assertThat(alert.cameraRegion()).containsExactly("县", "镇1");
        assertThat(alert.watchlistId()).isEqualTo(list.id());
        assertThat(alert.watchlistName()).isEqualTo("stolen");
        assertThat(alert.reason()).isEqualTo("stolen car");
        assertThat(alert.matched()).isEqualTo("湘A12345");
        assertThat(alert.raisedAt()).isEqualTo(T0);
        assertThat(store.alert(alert.id())).contains(alert);
        assertThat(alerter.raised()).isEqualTo(1);
        assertThat(alerter.repeated()).isEqualTo(1);
        assertThat(published.poll(200, TimeUnit.MILLISECONDS)).as("no second alert").isNull();
        assertThat(store.alerts(new AlertQuery(null, null, CameraSet.all(), null, 10, 0))).hasSize(1);
    }

    @Test
    void aTownshipListWatchesOnlyItsTownshipsCameras() {
        lists.create(draft("湘A12345"), TOWNSHIP_1);
        WatchAlerter alerter = alerter(store);
        alerter.accept(read("b1", T0, "湘A12345"));
        alerter.accept(read("unknown", T0, "湘A12345"));
        assertThat(alerter.raised()).isZero();
        alerter.accept(read("a1", T0, "湘A12345"));
        assertThat(alerter.raised()).isEqualTo(1);
    }

    @Test
    void anExpiredListRaisesNothing() {
        lists.create(draft("湘A12345"), COUNTY);
        WatchAlerter alerter = alerter(store);
        clock.advance(Duration.ofSeconds(600));
        alerter.accept(read("a1", T0.plusSeconds(600), "湘A12345"));
        assertThat(alerter.raised()).isZero();
        assertThat(store.alerts(new AlertQuery(null, null, CameraSet.all(), null, 10, 0))).isEmpty();
    }

    @Test
    void anAlertTheStoreRefusesIsWrittenAgainUntilStored() {
        lists.create(draft("湘A12345"), COUNTY);
        AtomicInteger refusals = new AtomicInteger(2);
        WatchStore refusing = new ForwardingStore(store) {
            @Override
            public Optional<PlateAlert> raise(PlateAlert alert) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("disk full");
                }
                return super.raise(alert);
            }
        };
        WatchAlerter alerter = alerter(refusing);
        alerter.accept(read("a1", T0, "湘A12345"));
        assertThat(alerter.failures()).isEqualTo(2);
        assertThat(alerter.raised()).isEqualTo(1);
    }

    /** The real store, with one method to override. */
    private static class ForwardingStore implements WatchStore {
        private final WatchStore d;

        ForwardingStore(WatchStore d) {
            this.d = d;
        }

        @Override public Watchlist create(Watchlist list) { return d.create(list); }
        @Override public Optional<Watchlist> replace(Watchlist list) { return d.replace(list); }
        @Override public boolean delete(long id) { return d.delete(id); }
        @Override public Optional<Watchlist> get(long id) { return d.get(id); }
        @Override public List<Watchlist> all() { return d.all(); }
        @Override public Optional<PlateAlert> raise(PlateAlert alert) { return d.raise(alert); }
        @Override public Optional<PlateAlert> alert(long id) { return d.alert(id); }
        @Override public List<PlateAlert> alerts(AlertQuery query) { return d.alerts(query); }
        @Override public List<PlateAlert> alertsAfter(long afterId, CameraSet cameras, int limit) {
            return d.alertsAfter(afterId, cameras, limit);
        }
        @Override public Optional<PlateAlert> acknowledge(long id, String by, Instant at, String note) {
            return d.acknowledge(id, by, at, note);
        }
        @Override public List<CameraId> camerasWithRowsBefore(Instant before) {
            return d.camerasWithRowsBefore(before);
        }
        @Override public int deleteBefore(CameraId camera, Instant before,
                List<io.xueliang.reads.store.HeldRange> held, int limit) {
            return d.deleteBefore(camera, before, held, limit);
        }
    }
}
