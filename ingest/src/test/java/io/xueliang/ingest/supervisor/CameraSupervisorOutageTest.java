package io.xueliang.ingest.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraId;
import io.xueliang.media.FakeClock;
import io.xueliang.media.ManualScheduler;
import io.xueliang.media.Scheduler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole network between the server and 1,000 cameras goes away for 30 s and comes back (issue 10,
 * item 19), in virtual time: playing sessions stall and are ended by the watchdog, connection attempts
 * during the outage time out, and after the return every camera plays again. The attempts must stay
 * within the global cap all along: never more than {@code connectAttemptsPerSecond} in any second.
 */
class CameraSupervisorOutageTest {
    private static final int CAMERAS = 1000;
    private static final Duration HANDSHAKE = Duration.ofMillis(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Long> attempts = new ArrayList<>();
    private final List<Link> playing = new ArrayList<>();
    private boolean networkUp = true;

    /** One connection attempt to a camera over a network that can vanish: no RST, no answer, just silence. */
    private final class Link implements CameraSession {
        private final CameraCounters counters;
        private final CameraSessionListener listener;
        private Scheduler.Cancellable pending;
        private boolean ended;

        Link(CameraCounters counters, CameraSessionListener listener) {
            this.counters = counters;
            this.listener = listener;
            if (networkUp) {
                pending = scheduler.schedule(HANDSHAKE, this::answered);
            } else {
                pending = scheduler.schedule(CONNECT_TIMEOUT, () -> end(new java.net.ConnectException("connect timed out")));
            }
        }

        private void answered() {
            if (ended) {
                return;
            }
            if (!networkUp) {
                pending = scheduler.schedule(REQUEST_TIMEOUT, () -> end(new java.io.IOException("OPTIONS unanswered")));
                return;
            }
            playing.add(this);
            listener.onPlaying();
        }

        /** A second of video, if the network carries it. */
        void second() {
            if (!ended && networkUp) {
                for (int i = 0; i < 25; i++) {
                    counters.frame();
                }
            }
        }

        private void end(Throwable cause) {
            if (!ended) {
                ended = true;
                playing.remove(this);
                listener.onClosed(cause);
            }
        }

        @Override
        public void stop() {
            if (!ended) {
                pending.cancel();
                end(null);
            }
        }
    }

    private void everySecondVideoFlows() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            for (Link l : List.copyOf(playing)) {
                l.second();
            }
            everySecondVideoFlows();
        });
    }

    private long playingCount(CameraSupervisor s) {
        return s.cameraHealth().stream().filter(CameraHealth::up).count();
    }

    /** Advances until every camera plays; returns how long that took. */
    private Duration untilAllPlay(CameraSupervisor s, Duration limit) {
        long start = scheduler.nanoTime();
        while (playingCount(s) < CAMERAS) {
            assertThat(scheduler.nanoTime() - start).as("all %d cameras playing within %s", CAMERAS, limit)
                    .isLessThanOrEqualTo(limit.toNanos());
            scheduler.advance(Duration.ofMillis(100));
        }
        return Duration.ofNanos(scheduler.nanoTime() - start);
    }

    @Test
    void thousandCamerasOutForThirtySecondsAllPlayAgainWithinAMinuteAndNeverExceedTheCap() {
        SupervisorPolicy policy = SupervisorPolicy.defaults(); // 50 attempts/s, backoff 1-60 s, watchdog 10 s
        CameraSupervisor s = new CameraSupervisor((camera, counters, listener) -> {
            attempts.add(scheduler.nanoTime());
            return new Link(counters, listener);
        }, policy, scheduler, new FakeClock(), new SplittableRandom(10));
        for (int i = 1; i <= CAMERAS; i++) {
            s.put(new Camera(CameraId.of("cam" + i), null, List.of(), null, URI.create("rtsp://10.9.0.1/cam" + i), null,
                    Transport.TCP, true, true, false, true, null));
        }
        everySecondVideoFlows();
        untilAllPlay(s, Duration.ofSeconds(60));
        scheduler.advance(Duration.ofSeconds(30));
        int before = attempts.size();
        assertThat(before).as("one attempt each while the network is fine").isEqualTo(CAMERAS);

        networkUp = false;
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(playingCount(s)).as("every camera lost").isZero();
        networkUp = true;
        Duration recovery = untilAllPlay(s, Duration.ofSeconds(60));

        int during = attempts.size() - before;
        // Reported, and kept honest: the cap bounds them, backoff keeps them well below it.
        System.out.printf("outage of 30 s, %d cameras: %d attempts, all playing %d ms after the return%n", CAMERAS, during,
                recovery.toMillis());
        assertThat(during).isLessThanOrEqualTo(policy.connectAttemptsPerSecond() * (30 + (int) recovery.toSeconds() + 1));
        long minGap = 1_000_000_000L / policy.connectAttemptsPerSecond();
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(attempts.get(i) - attempts.get(i - 1)).as("attempt %d follows the one before", i)
                    .isGreaterThanOrEqualTo(minGap);
        }
    }
}
