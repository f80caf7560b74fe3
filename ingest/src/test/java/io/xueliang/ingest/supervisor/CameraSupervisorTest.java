package io.xueliang.ingest.supervisor;

import io.xueliang.media.ManualScheduler;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.media.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraSupervisorTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeSessions sessions = new FakeSessions();

    /** Sessions that do what the test says, recording when each was opened. */
    final class FakeSessions implements CameraSessionFactory {
        final List<Opened> opened = new ArrayList<>();
        boolean failImmediately;
        boolean playImmediately;

        final class Opened implements CameraSession {
            final Camera camera;
            final CameraCounters counters;
            final CameraSessionListener listener;
            final long atNanos;
            boolean stopped;

            Opened(Camera camera, CameraCounters counters, CameraSessionListener listener) {
                this.camera = camera;
                this.counters = counters;
                this.listener = listener;
                this.atNanos = scheduler.nanoTime();
            }

            @Override
            public void stop() {
                if (!stopped) {
                    stopped = true;
                    listener.onClosed(null);
                }
            }
        }

        @Override
        public CameraSession open(Camera camera, CameraCounters counters, CameraSessionListener listener) {
            Opened o = new Opened(camera, counters, listener);
            opened.add(o);
            if (failImmediately) {
                listener.onClosed(new IOException("Connection refused"));
            } else if (playImmediately) {
                listener.onPlaying();
            }
            return o;
        }

        Opened last() {
            return opened.get(opened.size() - 1);
        }
    }

    private CameraSupervisor supervisor(SupervisorPolicy policy) {
        return new CameraSupervisor(sessions, policy, scheduler, new FakeClock(), new Random(42));
    }

    private static Camera camera(String id, String source) {
        return new Camera(CameraId.of(id), null, List.of("county"), null, URI.create(source), null,
                Transport.TCP, true, true, false, true, null);
    }

    private static Camera camera(String id) {
        return camera(id, "rtsp://admin:secret@127.0.0.1:8554/" + id);
    }

    private CameraState state(CameraSupervisor s, String id) {
        return s.health(CameraId.of(id)).orElseThrow().state();
    }

    @Test
    void reconnectsWithJitteredExponentialBackoffBoundedAtTheMaximum() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        sessions.failImmediately = true;
        s.put(camera("cam1"));
        scheduler.runDue();
        assertThat(sessions.opened).hasSize(1);
        assertThat(state(s, "cam1")).isEqualTo(CameraState.BACKOFF);

        for (int n = 1; n <= 12; n++) {
            int before = sessions.opened.size();
            long failedAt = scheduler.nanoTime();
            while (sessions.opened.size() == before && scheduler.nanoTime() - failedAt < 120_000_000_000L) {
                scheduler.advance(Duration.ofMillis(10));
            }
            assertThat(sessions.opened).as("exactly one attempt per backoff, never a hot loop").hasSize(before + 1);
            Duration waited = Duration.ofNanos(sessions.last().atNanos - failedAt);
            assertThat(waited).as("wait after failure %d", n)
                    .isBetween(Duration.ofSeconds(1), s.backoffBound(n).plusMillis(10));
        }
        for (int n = 1; n <= 6; n++) {
            assertThat(s.backoffBound(n)).isEqualTo(Duration.ofSeconds(Math.min(60, 1L << (n - 1))));
        }
        assertThat(s.backoffBound(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoffBound(30)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().reconnects()).isEqualTo(12);
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().lastError()).contains("Connection refused");
    }

    @Test
    void retryNowTriesThePickedCamerasInBackoffAtOnceAndLeavesTheOthersWaiting() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        sessions.failImmediately = true;
        s.put(camera("gb1", "gb28181:43032100001180000001/43032100001310000001"));
        s.put(camera("cam2"));
        for (int i = 0; i < 6; i++) { // several failures each: the backoff is seconds long by now
            scheduler.advance(Duration.ofSeconds(70));
        }
        int before = sessions.opened.size();
        assertThat(state(s, "gb1")).isEqualTo(CameraState.BACKOFF);

        s.retryNow(c -> c.source().getScheme().equals("gb28181"));
        scheduler.advance(Duration.ofMillis(5));

        assertThat(sessions.opened.subList(before, sessions.opened.size())).extracting(o -> o.camera.id().value())
                .containsExactly("gb1");
    }

    @Test
    void backoffDelaysAreJitteredWithinTheirBounds() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new Random(7));
        List<Duration> thirdFailure = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Duration d = b.delay(3);
            assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
            thirdFailure.add(d);
        }
        assertThat(thirdFailure.stream().distinct().count()).as("jitter spreads retries").isGreaterThan(100);
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            assertThat(b.delay(100)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
        }
    }

    @Test
    void capsConnectionAttemptsPerSecondAcrossAllCameras() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        for (int i = 1; i <= 200; i++) {
            s.put(camera("cam" + i));
        }
        scheduler.runDue();
        assertThat(sessions.opened).as("no burst").hasSize(1);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(sessions.opened).hasSize(26);
        scheduler.advance(Duration.ofMillis(500));
        assertThat(sessions.opened).hasSize(51);
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(sessions.opened).hasSize(200);
        for (int i = 1; i < sessions.opened.size(); i++) {
            assertThat(sessions.opened.get(i).atNanos - sessions.opened.get(i - 1).atNanos)
                    .as("attempts at least 1/50 s apart").isGreaterThanOrEqualTo(20_000_000L);
        }
        // First come, first served.
        assertThat(sessions.opened.get(0).camera.id().value()).isEqualTo("cam1");
        assertThat(sessions.last().camera.id().value()).isEqualTo("cam200");
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().reconnects()).isZero();
    }

    @Test
    void watchdogEndsASessionThatPlaysButSendsNothing() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        sessions.playImmediately = true;
        s.put(camera("cam1"));
        scheduler.runDue();
        assertThat(state(s, "cam1")).isEqualTo(CameraState.PLAYING);
        FakeSessions.Opened first = sessions.last();
        for (int i = 0; i < 8; i++) {
            scheduler.advance(Duration.ofSeconds(1));
            first.counters.dataReceived(1000);
            first.counters.frame();
        }
        assertThat(first.stopped).as("data keeps the watchdog quiet").isFalse();
        scheduler.advance(Duration.ofSeconds(11));
        assertThat(first.stopped).isTrue();
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().lastError()).startsWith("NoDataException");
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(sessions.opened).hasSize(2);
        assertThat(state(s, "cam1")).isEqualTo(CameraState.PLAYING);
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().frames()).isEqualTo(8);
    }

    @Test
    void watchdogJudgesOnAccessUnitsNotOnBytes() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        sessions.playImmediately = true;
        s.put(camera("cam1"));
        scheduler.runDue();
        FakeSessions.Opened first = sessions.last();
        // Fragments that never complete a frame: bytes every 100 ms, not one access unit.
        for (int i = 0; i < 95; i++) {
            scheduler.advance(Duration.ofMillis(100));
            first.counters.dataReceived(1400);
        }
        assertThat(first.stopped).as("9.5 s without a unit").isFalse();
        scheduler.advance(Duration.ofMillis(600));
        assertThat(first.stopped).as("bytes alone do not keep a camera up").isTrue();
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().lastError()).startsWith("NoDataException");
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().up()).isFalse();
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().frames()).isZero();

        // Units assembled but dropped while the first keyframe is awaited (a long GOP) do keep it up.
        scheduler.advance(Duration.ofSeconds(2));
        FakeSessions.Opened second = sessions.last();
        assertThat(second).isNotSameAs(first);
        for (int i = 0; i < 30; i++) {
            scheduler.advance(Duration.ofSeconds(1));
            second.counters.unitAssembled();
        }
        assertThat(second.stopped).isFalse();
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().up()).isTrue();
    }

    @Test
    void removingACameraTearsDownItsSessionAndLeavesOthersAlone() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        sessions.playImmediately = true;
        s.put(camera("cam1"));
        s.put(camera("cam2"));
        scheduler.advance(Duration.ofMillis(20)); // attempts are paced, 1/50 s apart
        FakeSessions.Opened cam1 = sessions.opened.get(0);
        FakeSessions.Opened cam2 = sessions.opened.get(1);
        s.remove(CameraId.of("cam1"));
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(cam1.stopped).isTrue();
        assertThat(cam2.stopped).isFalse();
        assertThat(s.cameraIds()).containsExactly(CameraId.of("cam2"));
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(sessions.opened).as("no attempt for a removed camera").hasSize(2 + 0 + countWatchdogRetries());
    }

    private int countWatchdogRetries() {
        // cam2 sends no data in this test, so the watchdog retries it; count those sessions.
        return (int) sessions.opened.stream().skip(2).filter(o -> o.camera.id().value().equals("cam2")).count();
    }

    @Test
    void changingASourceRestartsOnlyThatCamera() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        sessions.playImmediately = true;
        s.put(camera("cam1"));
        scheduler.runDue();
        FakeSessions.Opened first = sessions.last();
        s.put(camera("cam1", "rtsp://10.0.0.9/other"));
        scheduler.advance(Duration.ofMillis(20));
        assertThat(first.stopped).isTrue();
        assertThat(sessions.last().camera.source()).hasToString("rtsp://10.0.0.9/other");
        assertThat(state(s, "cam1")).isEqualTo(CameraState.PLAYING);
    }

    @Test
    void aStableSessionResetsTheBackoff() {
        SupervisorPolicy policy = SupervisorPolicy.defaults();
        CameraSupervisor s = supervisor(policy);
        sessions.failImmediately = true;
        s.put(camera("cam1"));
        scheduler.runDue();
        for (int i = 0; i < 6; i++) {
            scheduler.advance(Duration.ofSeconds(61));
        }
        sessions.failImmediately = false;
        sessions.playImmediately = true;
        for (int i = 0; i < 61 && state(s, "cam1") != CameraState.PLAYING; i++) {
            scheduler.advance(Duration.ofSeconds(1));
        }
        FakeSessions.Opened playing = sessions.last();
        assertThat(state(s, "cam1")).isEqualTo(CameraState.PLAYING);
        for (int i = 0; i < 40; i++) {
            playing.counters.dataReceived(100);
            playing.counters.frame();
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertThat(sessions.last()).as("fed with data, the session lives on").isSameAs(playing);
        int before = sessions.opened.size();
        playing.listener.onClosed(new IOException("Connection reset"));
        scheduler.advance(Duration.ofMillis(1001));
        assertThat(sessions.opened).as("back after the minimum wait").hasSize(before + 1);
    }

    @Test
    void lastErrorMasksSecretsThatAFailureQuotes() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        s.put(camera("cam1", "rtsp://10.0.0.5/live?channel=1&pwd=topsecret"));
        scheduler.runDue();
        sessions.last().listener.onClosed(new IOException("no route to rtsp://admin:hunter2@10.0.0.5/live?channel=1&pwd=topsecret"));
        scheduler.runDue();
        assertThat(s.health(CameraId.of("cam1")).orElseThrow().lastError())
                .isEqualTo("IOException: no route to rtsp://admin:***@10.0.0.5/live?channel=1&pwd=***");
    }

    @Test
    void disabledCamerasAreRegisteredButNotPulled() {
        CameraSupervisor s = supervisor(SupervisorPolicy.defaults());
        Camera c = camera("cam1");
        s.put(new Camera(c.id(), c.name(), c.region(), null, c.source(), null, c.transport(), true, true, false, false, null));
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(sessions.opened).isEmpty();
        assertThat(state(s, "cam1")).isEqualTo(CameraState.STOPPED);
        s.put(c);
        scheduler.runDue();
        assertThat(sessions.opened).hasSize(1);
    }
}
