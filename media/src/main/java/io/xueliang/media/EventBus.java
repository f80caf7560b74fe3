package io.xueliang.media;

import java.util.function.Consumer;

/**
 * Publish and subscribe by topic, at least once: a subscriber may see an event twice (after a
 * restart, with Kafka) and must be idempotent, but never misses one that {@link #publish} accepted
 * while it was subscribed. In-process by default ({@link InProcessEventBus}); Kafka in {@code cluster}.
 *
 * @param <E> the event type of one bus; one bus per event type keeps the topics typed
 */
public interface EventBus<E> extends AutoCloseable {
    /**
     * Hands {@code event} to every subscriber of {@code topic}. Returns at once unless a subscriber
     * is a whole queue behind; then it waits for room rather than lose the event (the publisher is
     * analytics, which skips frames when it falls behind; recording and live never publish here).
     *
     * @throws IllegalStateException when the bus is closed
     */
    void publish(String topic, E event);

    /**
     * Delivers every event published to {@code topic} from now on to {@code subscriber}, one at a
     * time in publication order, on a thread of the bus.
     *
     * @param name who subscribes, for logs and metrics
     * @return closing it ends the subscription
     */
    Subscription subscribe(String topic, String name, Consumer<? super E> subscriber);

    /** Stops delivering; events accepted before are delivered first, within a bounded wait. */
    @Override
    void close();

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
