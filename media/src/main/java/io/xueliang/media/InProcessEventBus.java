package io.xueliang.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus of a single process: one bounded queue and one delivery thread per subscription.
 * Events are delivered in order; a subscriber that throws is logged and counted, and the next event
 * follows (in-process, a retry would fail the same way). Thread-safe.
 */
public final class InProcessEventBus<E> implements EventBus<E> {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);
    /** Events one subscriber may be behind before {@link #publish} waits. */
    public static final int DEFAULT_CAPACITY = 65_536;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final int capacity;
    private final Map<String, List<Delivery<E>>> topics = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    public InProcessEventBus() {
        this(DEFAULT_CAPACITY);
    }

    public InProcessEventBus(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not positive");
        }
        this.capacity = capacity;
    }

    @Override
    public void publish(String topic, E event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            throw new IllegalStateException("event bus is closed");
        }
        for (Delivery<E> d : topics.getOrDefault(topic, List.of())) {
            d.offer(event);
        }
    }

    @Override
    public Subscription subscribe(String topic, String name, Consumer<? super E> subscriber) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(subscriber, "subscriber");
        if (closed) {
            throw new IllegalStateException("event bus is closed");
        }
        Delivery<E> delivery = new Delivery<>(topic, name, subscriber, capacity, failures);
        topics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(delivery);
        delivery.start();
        return () -> {
            topics.getOrDefault(topic, List.of()).remove(delivery);
            delivery.stop();
        };
    }

    /** Events a subscriber threw on, since start. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        closed = true;
        List<Delivery<E>> all = new ArrayList<>();
        topics.values().forEach(all::addAll);
        topics.clear();
        all.forEach(Delivery::stop);
    }

    private static final class Delivery<E> implements Runnable {
        private final String topic;
        private final String name;
        private final Consumer<? super E> subscriber;
        private final BlockingQueue<E> queue;
        private final AtomicLong failures;
        private volatile boolean stopping;
        private Thread thread;

        Delivery(String topic, String name, Consumer<? super E> subscriber, int capacity, AtomicLong failures) {
            this.topic = topic;
            this.name = name;
            this.subscriber = subscriber;
            this.queue = new LinkedBlockingQueue<>(capacity);
            this.failures = failures;
        }

        void start() {
            thread = Thread.ofPlatform().daemon().name("events-" + topic + "-" + name).start(this);
        }

        void offer(E event) {
            try {
                while (!queue.offer(event, 1, TimeUnit.SECONDS)) {
                    if (stopping) {
                        return;
                    }
                    LOG.warn("subscriber {} of {} is {} events behind; publisher waits", name, topic, queue.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing to " + topic, e);
            }
        }

        /** Delivers what is queued, then ends. */
        void stop() {
            stopping = true;
            thread.interrupt();
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (true) {
                E event;
                try {
                    event = stopping ? queue.poll() : queue.take();
                } catch (InterruptedException e) {
                    continue; // stopping: drain what is queued
                }
                if (event == null) {
                    return;
                }
                try {
                    subscriber.accept(event);
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    LOG.error("subscriber {} of {} failed on an event; going on with the next", name, topic, e);
                }
            }
        }
    }
}
