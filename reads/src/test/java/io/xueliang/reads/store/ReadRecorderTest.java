package io.xueliang.reads.store;

import static io.xueliang.reads.store.TestReads.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.CameraId;
import io.xueliang.media.InProcessEventBus;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.store.sqlite.SqliteReadStore;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path root;

    /** The real store, refusing writes while paused as a full or locked disk would. */
    private static final class PausableStore implements ReadStore {
        final ReadStore store;
        final AtomicBoolean paused = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();

        PausableStore(ReadStore store) {
            this.store = store;
        }

        @Override
        public CompletableFuture<Integer> insert(List<PlateRead> reads) {
            if (paused.get()) {
                refused.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("database or disk is full"));
            }
            return store.insert(reads);
        }

        @Override
        public Optional<StoredRead> get(UUID id) {
            return store.get(id);
        }

        @Override
        public ReadPage search(ReadQuery query) {
            return store.search(query);
        }

        @Override
        public ReadPage searchPlates(java.util.Collection<String> plates, ReadQuery query) {
            return store.searchPlates(plates, query);
        }

        @Override
        public java.util.Set<String> platesSeen(java.util.Collection<String> plates, ReadQuery query) {
            return store.platesSeen(plates, query);
        }

        @Override
        public List<PlateSighting> sightings(String plate, Instant from, Instant to, CameraSet cameras, int limit) {
            return store.sightings(plate, from, to, cameras, limit);
        }

        @Override
        public void passes(Instant from, Instant to, CameraSet cameras, Pass.Order order,
                java.util.function.Predicate<Pass> sink) {
            store.passes(from, to, cameras, order, sink);
        }

        @Override
        public void tally(Instant from, Instant to, CameraSet cameras, TimeBand band, int minReads,
                java.util.function.Predicate<PlateTally> sink) {
            store.tally(from, to, cameras, band, minReads, sink);
        }

        @Override
        public java.util.Set<String> platesSeen(java.util.Collection<String> plates, Instant from, Instant to,
                CameraSet cameras) {
            return store.platesSeen(plates, from, to, cameras);
        }

        @Override
        public int deleteBefore(CameraId camera, Instant before, List<HeldRange> held, int limit) {
            return store.deleteBefore(camera, before, held, limit);
        }

        @Override
        public List<CameraId> camerasWithReadsBefore(Instant before) {
            return store.camerasWithReadsBefore(before);
        }

        @Override
        public long count() {
            return store.count();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private SqliteReadStore open() {
        return SqliteReadStore.open(root, EmbeddedDatabaseSettings.defaults(), InstantSource.fixed(T0));
    }

    @Test
    void everyReadOfTheTopicIsStoredOnceHoweverOftenDelivered() {
        try (SqliteReadStore store = open()) {
            List<PlateRead> reads = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                reads.add(read("cam-" + i % 5, T0.plusMillis(i * 100L), "湘A" + (10000 + i)));
            }
            try (InProcessEventBus<PlateRead> bus = new InProcessEventBus<>();
                    ReadRecorder recorder = new ReadRecorder(store)) {
                bus.subscribe(PlateRead.TOPIC, "read store", recorder);
                reads.forEach(r -> bus.publish(PlateRead.TOPIC, r));
                reads.subList(0, 500).forEach(r -> bus.publish(PlateRead.TOPIC, r)); // delivered again
                await(() -> recorder.stored() + recorder.duplicates() == 3500, "every delivery handled");
                assertThat(recorder.stored()).isEqualTo(3000);
                assertThat(recorder.duplicates()).isEqualTo(500);
            }
            assertThat(store.count()).isEqualTo(3000);
        }
    }

    @Test
    void aStoreThatRefusesForAWhileLosesNoRead() throws Exception {
        try (PausableStore store = new PausableStore(open())) {
            // a small queue, so that the bus's delivery waits too while the store refuses
            try (InProcessEventBus<PlateRead> bus = new InProcessEventBus<>(64);
                    ReadRecorder recorder = new ReadRecorder(store, 100)) {
                bus.subscribe(PlateRead.TOPIC, "read store", recorder);
                store.paused.set(true);
                Thread publisher = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 1000; i++) {
                        bus.publish(PlateRead.TOPIC, read("cam-1", T0.plusMillis(i), "湘B" + (10000 + i)));
                    }
                });
                await(() -> store.refused.get() >= 3, "the store refused a few times");
                assertThat(store.count()).isZero();
                assertThat(publisher.isAlive()).as("the publisher waits while the store refuses").isTrue();
                store.paused.set(false);
                publisher.join(TimeUnit.SECONDS.toMillis(30));
                await(() -> recorder.stored() == 1000, "every read stored once the store takes them");
                assertThat(recorder.failedWrites()).isGreaterThanOrEqualTo(3);
            }
            assertThat(store.count()).isEqualTo(1000);
        }
    }

    @Test
    void closingWritesWhatIsQueued() {
        try (SqliteReadStore store = open()) {
            ReadRecorder recorder = new ReadRecorder(store);
            for (int i = 0; i < 2500; i++) {
                recorder.accept(read("cam-1", T0.plusMillis(i), "湘C" + (10000 + i)));
            }
            recorder.close();
            assertThat(store.count()).isEqualTo(2500);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
