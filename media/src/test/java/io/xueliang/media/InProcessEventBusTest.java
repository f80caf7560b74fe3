package io.xueliang.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessEventBusTest {

    @Test
    void deliversEveryEventInOrderToEverySubscriberOfTheTopic() throws Exception {
        try (InProcessEventBus<Integer> bus = new InProcessEventBus<>(4)) {
            List<Integer> a = new CopyOnWriteArrayList<>();
            List<Integer> b = new CopyOnWriteArrayList<>();
            List<Integer> other = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(2);
            bus.subscribe("reads", "a", e -> { a.add(e); if (e == 999) done.countDown(); });
            bus.subscribe("reads", "b", e -> { sleepNow(e % 100 == 0 ? 5 : 0); b.add(e); if (e == 999) done.countDown(); });
            bus.subscribe("other", "o", other::add);
            for (int i = 0; i < 1000; i++) {
                bus.publish("reads", i); // capacity 4: a slow subscriber makes the publisher wait, nothing is lost
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(a).hasSize(1000).isSorted();
            assertThat(b).hasSize(1000).isSorted();
            assertThat(other).isEmpty();
        }
    }

    @Test
    void aSubscriberThatThrowsIsCountedAndGetsTheNextEvent() throws Exception {
        try (InProcessEventBus<String> bus = new InProcessEventBus<>()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch last = new CountDownLatch(1);
            bus.subscribe("t", "s", e -> {
                seen.add(e);
                if (e.equals("bad")) {
                    throw new IllegalStateException("subscriber bug");
                }
                if (e.equals("after")) {
                    last.countDown();
                }
            });
            bus.publish("t", "bad");
            bus.publish("t", "after");
            assertThat(last.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("bad", "after");
            assertThat(bus.failures()).isEqualTo(1);
        }
    }

    @Test
    void closeDeliversWhatWasAcceptedThenRefusesMore() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        InProcessEventBus<Integer> bus = new InProcessEventBus<>();
        bus.subscribe("t", "slow", e -> { sleepNow(2); seen.add(e); });
        for (int i = 0; i < 50; i++) {
            bus.publish("t", i);
        }
        bus.close();
        assertThat(seen).hasSize(50);
        assertThatThrownBy(() -> bus.publish("t", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndedSubscriptionGetsNothingMore() throws Exception {
        try (InProcessEventBus<Integer> bus = new InProcessEventBus<>()) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            var sub = bus.subscribe("t", "s", seen::add);
            bus.publish("t", 1);
            sub.close();
            bus.publish("t", 2);
            assertThat(seen).containsExactly(1);
        }
    }

    @Test
    void normalisedPlateKeepsLettersDigitsAndIdeographsOnly() {
        assertThat(PlateRead.normalise("湘F·11370")).isEqualTo("湘F11370");
        assertThat(PlateRead.normalise("m-ab 123")).isEqualTo("MAB123");
    }

    private static void sleepNow(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
