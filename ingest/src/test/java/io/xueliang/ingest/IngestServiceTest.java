package io.xueliang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.xueliang.config.IngestConfig;
import io.xueliang.config.Transport;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.fault.FaultyRtspCamera;
import io.xueliang.ingest.fault.FaultyRtspCamera.Fault;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraHealth;
import io.xueliang.media.CameraId;
import io.xueliang.media.CameraState;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.StreamHubs;
import io.xueliang.media.StreamReader;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Ingest end to end: the RTSP client, depacketisers and supervisor against simulated and faulty cameras. */
class IngestServiceTest {
    private static final SimulatorSource CLIP = SimulatorSource.defaultClip();
    private final StreamHubs hubs = new StreamHubs();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private IngestService ingest(String yaml) {
        IngestConfig config = ConfigLoader.parse("ingest: " + yaml, "test.yaml", Map.of()).ingest();
        IngestService s = new IngestService(config, hubs, InstantSource.system());
        closing.add(s);
        return s;
    }

    private RtspCameraSimulator simulator(SimulatorOptions options) throws InterruptedException {
        RtspCameraSimulator sim = new RtspCameraSimulator(CLIP, options).start();
        closing.add(sim);
        return sim;
    }

    private static Camera camera(String id, String url, Transport transport) {
        return new Camera(CameraId.of(id), null, List.of("county"), null, URI.create(url), null, transport,
                true, true, false, true, null);
    }

    private static CameraHealth health(IngestService s, String id) {
        return s.supervisor().health(CameraId.of(id)).orElseThrow();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static List<AccessUnit> collect(StreamReader reader, int count) throws InterruptedException {
        List<AccessUnit> units = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (units.size() < count && System.nanoTime() < deadline) {
            AccessUnit u = reader.poll(Duration.ofMillis(200));
            if (u != null) {
                units.add(u);
            }
        }
        return units;
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("transports")
    void publishesDecodableAccessUnitsFromSimulatedCameras(Transport transport) throws Exception {
        RtspCameraSimulator sim = simulator(SimulatorOptions.loopback(3));
        IngestService ingest = ingest("{ udpPortMin: 31000, udpPortMax: 31100 }");
        StreamReader reader = hubs.hub(CameraId.of("cam1")).subscribe("test", 512);
        for (int i = 1; i <= 3; i++) {
            ingest.put(camera("cam" + i, sim.url(i), transport));
        }
        List<AccessUnit> units = collect(reader, 101);
        assertThat(units).hasSize(101);
        assertThat(units.get(0).isKeyframe()).as("a reader starts at a keyframe").isTrue();
        // The clip has a 2 s GOP at 25 fps: keyframes 50 units apart.
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).isKeyframe()) {
                keys.add(i);
            }
        }
        assertThat(keys).containsExactly(0, 50, 100);
        for (int i = 1; i < units.size(); i++) {
            assertThat(units.get(i).pts90k() - units.get(i - 1).pts90k()).as("pts step at %d", i).isEqualTo(3600);
        }
        StreamDescription d = units.get(0).description();
        assertThat(d.width()).isEqualTo(1280);
        assertThat(d.height()).isEqualTo(720);
        assertThat(d.hasParameterSets()).isTrue();
        await("all cameras playing", Duration.ofSeconds(10), () ->
                ingest.health().cameraHealth().stream().allMatch(CameraHealth::up));
        assertThat(health(ingest, "cam1").rtpPacketsLost()).isZero();
        // RTCP receiver reports go back to the camera every 5 s, interleaved or to its RTCP port.
        await("receiver reports at the camera", Duration.ofSeconds(15), () -> sim.stats().rtcpReceived() >= 3);
    }

    static Stream<Transport> transports() {
        return Stream.of(Transport.TCP, Transport.UDP);
    }

    @Test
    void cameraKilledAndRestartedComesBackByItself() throws Exception {
        RtspCameraSimulator first = new RtspCameraSimulator(CLIP, SimulatorOptions.loopback(1)).start();
        int port = first.port();
        IngestService ingest = ingest("{ backoffMin: 200ms, backoffMax: 2s }");
        ingest.put(camera("cam1", first.url(1), Transport.TCP));
        await("playing", Duration.ofSeconds(10), () -> ingest.supervisor().health(CameraId.of("cam1"))
                .map(CameraHealth::up).orElse(false));

        first.close(); // the camera reboots
        await("noticed the loss", Duration.ofSeconds(10), () -> !health(ingest, "cam1").up());
        Thread.sleep(3000); // several failed attempts while it is down
        long framesWhileDown = health(ingest, "cam1").frames();

        simulator(SimulatorOptions.loopback(1).withPort(port));
        // Back within the largest backoff (2 s) plus the time to connect.
        await("playing again", Duration.ofSeconds(8), () -> health(ingest, "cam1").up());
        await("frames again", Duration.ofSeconds(5), () -> health(ingest, "cam1").frames() > framesWhileDown);
        assertThat(health(ingest, "cam1").reconnects()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void fiftyCamerasOutAndBackAllPlayAgainWithinTheAttemptCap() throws Exception {
        int cameras = 50;
        RtspCameraSimulator sim = simulator(SimulatorOptions.loopback(cameras));
        // The default watchdog and timeouts (a busy CI machine starves a cold JVM for seconds); short backoff.
        IngestService ingest = ingest("{ connectAttemptsPerSecond: 20, backoffMin: 200ms, backoffMax: 2s }");
        for (int i = 1; i <= cameras; i++) {
            ingest.put(camera("cam" + i, sim.url(i), Transport.TCP));
        }
        BooleanSupplier allUp = () -> ingest.health().cameraHealth().stream().filter(CameraHealth::up).count() == cameras;
        await("all playing", Duration.ofSeconds(60), allUp);
        long attemptsBefore = attempts(ingest);

        sim.cutNetwork();
        long cutAt = System.nanoTime();
        await("every camera lost", Duration.ofSeconds(30),
                () -> ingest.health().cameraHealth().stream().noneMatch(CameraHealth::up));
        Thread.sleep(Math.max(0, 15_000 - (System.nanoTime() - cutAt) / 1_000_000));
        sim.restoreNetwork();
        long restoredAt = System.nanoTime();
        await("all playing again", Duration.ofSeconds(60), allUp);
        double seconds = (System.nanoTime() - cutAt) / 1e9;

        long during = attempts(ingest) - attemptsBefore;
        assertThat(during).as("attempts in %.1f s, %.1f s after the return", seconds, (System.nanoTime() - restoredAt) / 1e9)
                .isGreaterThanOrEqualTo(cameras).isLessThanOrEqualTo((long) Math.ceil(20 * seconds) + 1);
        for (int i = 1; i <= cameras; i++) {
            long frames = health(ingest, "cam" + i).frames();
            String id = "cam" + i;
            await(id + " flowing again", Duration.ofSeconds(20), () -> health(ingest, id).frames() > frames);
        }
    }

    private static long attempts(IngestService ingest) {
        return ingest.health().cameraHealth().stream().mapToLong(CameraHealth::reconnects).sum();
    }

    @Test
    void camerasAddedAndRemovedAtRunTimeLeaveTheOthersAlone() throws Exception {
        RtspCameraSimulator sim = simulator(SimulatorOptions.loopback(3));
        IngestService ingest = ingest("{}");
        ingest.put(camera("cam1", sim.url(1), Transport.TCP));
        ingest.put(camera("cam2", sim.url(2), Transport.TCP));
        await("two playing", Duration.ofSeconds(10), () -> sim.stats().sessions() == 2
                && ingest.health().cameraHealth().stream().filter(CameraHealth::up).count() == 2);

        ingest.put(camera("cam3", sim.url(3), Transport.TCP));
        await("third playing", Duration.ofSeconds(10), () -> ingest.supervisor().health(CameraId.of("cam3"))
                .map(CameraHealth::up).orElse(false));
        ingest.remove(CameraId.of("cam1"));
        await("cam1 torn down", Duration.ofSeconds(10), () -> sim.stats().sessions() == 2);
        assertThat(ingest.supervisor().cameraIds()).containsExactly(CameraId.of("cam2"), CameraId.of("cam3"));

        long before = health(ingest, "cam2").frames();
        await("cam2 keeps flowing", Duration.ofSeconds(5), () -> health(ingest, "cam2").frames() > before + 25);
        assertThat(health(ingest, "cam2").reconnects()).isZero();
        assertThat(health(ingest, "cam2").state()).isEqualTo(CameraState.PLAYING);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.GARBAGE, "Rtsp", true),
                Arguments.of(Fault.OVERSIZED_HEADERS, "Rtsp", true),
                Arguments.of(Fault.TRUNCATED_INTERLEAVED, "closed", false),
                Arguments.of(Fault.HOSTILE_RTP, "Rtp", true),
                Arguments.of(Fault.SILENT_AFTER_PLAY, "NoDataException", false),
                Arguments.of(Fault.ENDLESS_FRAGMENTS, "NoDataException", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFaultyCameraEndsOnlyItsOwnSessionAndIsRetried(Fault fault, String errorMentions, boolean protocolError)
            throws Exception {
        RtspCameraSimulator sim = simulator(SimulatorOptions.loopback(2));
        byte[][] ps = CLIP.parameterSets().toArray(new byte[0][]);
        FaultyRtspCamera faulty = new FaultyRtspCamera(fault, ps[0], ps[1]);
        closing.add(faulty);
        IngestService ingest = ingest("{ backoffMin: 100ms, backoffMax: 300ms, noDataTimeout: 1s, requestTimeout: 2s }");
        ingest.put(camera("good1", sim.url(1), Transport.TCP));
        ingest.put(camera("good2", sim.url(2), Transport.TCP));
        ingest.put(camera("faulty", faulty.url(), Transport.TCP));

        await("faulty camera retried", Duration.ofSeconds(30), () -> faulty.connections() >= 3);
        await("good cameras playing", Duration.ofSeconds(10), () -> ingest.health().cameraHealth().stream()
                .filter(CameraHealth::up).count() == 2);
        CameraHealth bad = health(ingest, "faulty");
        assertThat(bad.state()).isNotEqualTo(CameraState.STOPPED);
        assertThat(bad.lastError()).contains(errorMentions);
        if (protocolError) {
            assertThat(bad.faults().protocolErrors()).as("counted as protocol errors").isGreaterThanOrEqualTo(2);
        } else {
            assertThat(bad.faults().protocolErrors()).isZero();
        }
        for (String good : List.of("good1", "good2")) {
            CameraHealth h = health(ingest, good);
            assertThat(h.state()).as(good).isEqualTo(CameraState.PLAYING);
            assertThat(h.reconnects()).as(good).isZero();
            long frames = h.frames();
            await(good + " keeps flowing", Duration.ofSeconds(5), () -> health(ingest, good).frames() > frames + 10);
        }
    }

    @Test
    void aCameraSendingFragmentsThatNeverCompleteAFrameIsNotUpAndItsDropsAreCounted() throws Exception {
        byte[][] ps = CLIP.parameterSets().toArray(new byte[0][]);
        FaultyRtspCamera faulty = new FaultyRtspCamera(Fault.ENDLESS_FRAGMENTS, ps[0], ps[1]);
        closing.add(faulty);
        IngestService ingest = ingest("{ backoffMin: 5s, backoffMax: 5s, noDataTimeout: 2s }");
        ingest.put(camera("faulty", faulty.url(), Transport.TCP));
        await("playing", Duration.ofSeconds(10),
                () -> ingest.supervisor().health(CameraId.of("faulty")).map(CameraHealth::up).orElse(false));
        long bytesAtStart = health(ingest, "faulty").bytes();
        await("ended by the watchdog", Duration.ofSeconds(10), () -> health(ingest, "faulty").state() == CameraState.BACKOFF);
        CameraHealth h = health(ingest, "faulty");
        assertThat(h.lastError()).startsWith("NoDataException");
        assertThat(h.frames()).isZero();
        assertThat(h.bytes()).as("bytes flowed all along").isGreaterThan(bytesAtStart + 20_000);
        // The session adds its depacketisers' drops as it closes, on its event loop, which may come a moment after
        // the supervisor's watchdog moved the camera to BACKOFF (seen once on a loaded machine).
        await("drops counted", Duration.ofSeconds(10), () -> health(ingest, "faulty").faults().unitsBroken() > 10);
        assertThat(health(ingest, "faulty").faults().protocolErrors()).isZero();
    }

    @Test
    void udpPacketsFromAnotherPortOfTheCamerasHostAreNeitherPublishedNorRecorded() throws Exception {
        RtspCameraSimulator sim = simulator(SimulatorOptions.loopback(1));
        // One port pair, so the test knows where the camera's RTP arrives.
        IngestService ingest = ingest("{ udpPortMin: 31200, udpPortMax: 31201 }");
        StreamReader reader = hubs.hub(CameraId.of("cam1")).subscribe("test", 4096);
        ingest.put(camera("cam1", sim.url(1), Transport.UDP));
        assertThat(collect(reader, 5)).hasSize(5);

        // Complete keyframes of the attacker's own (SPS, PPS, IDR in a STAP-A, marker set), another SSRC,
        // sent from the camera's host (loopback) but not from the port its SETUP answer announced.
        byte[] sps = java.util.HexFormat.of().parseHex("67640028acd940780227e5c044000003000400000300c83c60c658");
        byte[] pps = java.util.HexFormat.of().parseHex("68ebe3cb22c0");
        byte[] idr = java.util.HexFormat.of().parseHex("6588ffeeddccbbaa");
        java.nio.ByteBuffer p = java.nio.ByteBuffer.allocate(12 + 1 + 6 + sps.length + pps.length + idr.length);
        p.put((byte) 0x80).put((byte) (0x80 | 96)).putShort((short) 1).putInt(0).putInt(0x6666);
        p.put((byte) 24).putShort((short) sps.length).put(sps).putShort((short) pps.length).put(pps)
                .putShort((short) idr.length).put(idr);
        byte[] packet = p.array();
        try (java.net.DatagramSocket attacker = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 50; i++) {
                java.nio.ByteBuffer.wrap(packet).putShort(2, (short) (i + 1)).putInt(4, i * 3600);
                attacker.send(new java.net.DatagramPacket(packet, packet.length, java.net.InetAddress.getLoopbackAddress(), 31200));
                Thread.sleep(20);
            }
        }
        List<AccessUnit> after = collect(reader, 50);
        assertThat(after).hasSize(50).noneSatisfy(u ->
                assertThat(u.copyPayload()).containsSequence(idr));
        await("the drops counted", Duration.ofSeconds(5), () -> health(ingest, "cam1").faults().foreignDatagrams() == 50);
        assertThat(health(ingest, "cam1").reconnects()).isZero();
    }

    @Test
    void wrongPasswordBacksOffWithoutHotLoopOrLeakingThePassword() throws Exception {
        RtspCameraSimulator sim = simulator(SimulatorOptions.loopback(1).withCredentials("admin", "right-pass"));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        closing.add(() -> root.detachAppender(logs));
        IngestService ingest = ingest("{ backoffMin: 1s, backoffMax: 60s }");
        String url = "rtsp://admin:wrong-pass-4711@127.0.0.1:" + sim.port() + "/cam1";
        ingest.put(camera("cam1", url, Transport.TCP));

        Thread.sleep(6000);
        CameraHealth h = health(ingest, "cam1");
        long attempts = h.reconnects() + 1;
        // 1 s, then up to 2 s, 4 s...: at most a handful in 6 s, never a hot loop.
        assertThat(attempts).isBetween(2L, 6L);
        assertThat(h.lastError()).contains("Authentication").doesNotContain("wrong-pass-4711");
        long lines = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
                .filter(e -> e.getFormattedMessage().contains("cam1")).count();
        assertThat(lines).as("at most one log line per attempt").isLessThanOrEqualTo(attempts);
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("wrong-pass-4711"));

        ingest.put(camera("cam1", "rtsp://admin:right-pass@127.0.0.1:" + sim.port() + "/cam1", Transport.TCP));
        await("playing with the right password", Duration.ofSeconds(10), () -> health(ingest, "cam1").up());
    }
}
