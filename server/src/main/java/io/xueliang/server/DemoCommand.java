package io.xueliang.server;

import io.xueliang.config.CameraConfig;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.Gb28181Config;
import io.xueliang.config.HttpConfig;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.config.XueliangConfig;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.ingest.simulator.gb28181.GbDeviceSimulator;
import io.xueliang.ingest.simulator.gb28181.GbSimulatorOptions;
import io.xueliang.media.PlateRead;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xueliang demo}: eight simulated checkpoint cameras of a county and the server ingesting
 * them, with data under {@code ./data}. Prints where to look.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulated cameras and the server ingesting them; prints where to look.")
final class DemoCommand implements Callable<Integer> {
    /**
     * Eight checkpoints along one road (G107 through 易俗河镇 into 河口镇), with GB/T 28181-style ids (type 121: video
     * checkpoint). The simulator shows every camera the same vehicles, each camera {@link #STAGGER_GOPS} GOPs (2 s)
     * behind the one before: placed 30 m apart westwards, that is one vehicle driving west at 54 km/h, and a
     * trajectory shows it so, with no impossible jump flagged as a cloned plate. A real county's checkpoints are
     * kilometres apart; the clip is too short for that.
     */
    static final String[][] CHECKPOINTS = checkpoints();

    /** Metres between consecutive demo checkpoints: 2 s apart at 54 km/h. */
    static final double CHECKPOINT_SPACING_METRES = 30;

    private static String[][] checkpoints() {
        String[][] named = {{"易俗河卡口东", "易俗河镇"}, {"G107 易俗河1号杆", "易俗河镇"}, {"G107 易俗河2号杆", "易俗河镇"},
                {"G107 易俗河3号杆", "易俗河镇"}, {"G107 河口1号杆", "河口镇"}, {"G107 河口2号杆", "河口镇"},
                {"G107 河口3号杆", "河口镇"}, {"河口卡口西", "河口镇"}};
        double lat = 27.78;
        double metresPerDegreeLon = 111_320 * Math.cos(Math.toRadians(lat));
        String[][] out = new String[named.length][];
        for (int i = 0; i < named.length; i++) {
            double lon = 112.95 - i * CHECKPOINT_SPACING_METRES / metresPerDegreeLon;
            out[i] = new String[] {named[i][0], named[i][1], Double.toString(lat), String.format(java.util.Locale.ROOT, "%.6f", lon)};
        }
        return out;
    }

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--rtsp-port", defaultValue = "8554", description = "Simulator RTSP port (default: ${DEFAULT-VALUE}).")
    int rtspPort;

    @Option(names = "--data", defaultValue = "./data", description = "Storage root (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--sip-port", defaultValue = "15060",
            description = "GB/T 28181 SIP port of the demo platform (default: ${DEFAULT-VALUE}).")
    int sipPort;

    /** The demo's GB/T 28181 devices: NVR-like, each with this many channels, registering with the server. */
    private static final int GB_DEVICES = 2;
    private static final int GB_CHANNELS = 2;
    private static final String GB_SERVER_ID = "43032100002000000001";
    private static final String GB_DOMAIN = "4303210000";

    @Override
    public Integer call() throws Exception {
        RtspCameraSimulator simulator;
        try {
            simulator = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                    new SimulatorOptions(CHECKPOINTS.length, "127.0.0.1", rtspPort, null, null, 1, STAGGER_GOPS)).start();
        } catch (Exception e) {
            if (PortInUseException.causedBy(e)) {
                throw new PortInUseException("--rtsp-port", "127.0.0.1", rtspPort, e);
            }
            throw e;
        }
        XueliangServer server;
        String gbPassword = "demo-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        try {
            server = XueliangServer.start(config(simulator, gbPassword), "127.0.0.1");
        } catch (PortInUseException e) {
            simulator.close();
            throw e.as("--http-port");
        } catch (Exception e) {
            simulator.close();
            if (PortInUseException.causedBy(e)) {
                throw new PortInUseException("--sip-port", "127.0.0.1", sipPort, e);
            }
            throw e;
        }
        GbDeviceSimulator gbDevices;
        try {
            gbDevices = new GbDeviceSimulator(SimulatorSource.defaultClip(), GbSimulatorOptions.loopback(GB_DEVICES,
                    GB_CHANNELS, sipPort, GB_SERVER_ID, GB_DOMAIN, gbPassword)).start();
        } catch (Exception e) {
            server.close();
            simulator.close();
            throw e;
        }
        String login = demoLogin(server);
        var session = server.tokens().issueSession("admin", java.time.Duration.ofHours(12))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        String token = session.token();
        java.time.Instant started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String firstCamera = server.config().cameras().getFirst().id();
        String base = "http://127.0.0.1:" + server.httpPort() + "/api/v1/cameras/" + firstCamera;
        var ticket = server.mediaTicket(session.id(), "/api/v1/cameras/" + firstCamera + "/playback.mp4");
        System.out.printf("""

                xueliang demo: %d simulated checkpoint cameras, ingesting
                  web UI:          http://127.0.0.1:%d/   (log in below: the video wall plays the cameras live)
                  cameras (RTSP):  %s .. %s
                  GB/T 28181:      %d simulated devices of %d channels each register at sip:%s@127.0.0.1:%d;
                                   their channels appear among the cameras (origin gb28181) and record
                  metrics:         http://127.0.0.1:%d/metrics   (with the admin's token: xueliang_camera_up, ...)
                  health:          http://127.0.0.1:%d/healthz
                  API login:       curl -d '{"username":"admin","password":"..."}' -H 'Content-Type: application/json' http://127.0.0.1:%d/api/v1/auth/login
                  store:           %s   (./xueliang audit verify checks its audit chain)
                  recordings:      %s/recordings   (fMP4 segments of every camera)
                  login:           %s
                  admin token:     %s   (12 h; curl -H "Authorization: Bearer ...")
                  segments:        %s/recordings?from=%s&to=%s
                  playback:        %s/playback.mp4?from=%s&to=%s&access_token=%s
                                   (open in a browser once a minute has been recorded; the ticket in this link
                                   works until %s: POST /api/v1/tickets gives another)
                Ctrl-C to stop.
                %n""", CHECKPOINTS.length, server.httpPort(), simulator.url(1), simulator.url(CHECKPOINTS.length),
                GB_DEVICES, GB_CHANNELS, GB_SERVER_ID, sipPort, server.httpPort(),
                server.httpPort(), server.httpPort(), data.toAbsolutePath().normalize(),
                data.toAbsolutePath().normalize(), login, token, base, started, started.plusSeconds(3600), base, started,
                started.plusSeconds(3600), ticket.value(), ticket.expiresAt());
        System.out.println("  plates the simulator drives past the checkpoints, one after another: " + drawnPlates());
        System.out.println("  plate reads as they come (time, camera, plate, colour, direction, confidence):");
        server.plateReads().subscribe(PlateRead.TOPIC, "demo-console", read -> System.out.printf(
                "    %s  %-14s %-9s %-7s %-11s %.2f%n", read.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                cameraName(server, read), read.text(), read.colour(), read.direction().name().toLowerCase(
                        java.util.Locale.ROOT), read.confidence()));
        watchDemoPlate(server, session.id(), token);
        printQuestionsOnceSeenTwice(server, token, started);
        RunCommand.awaitShutdown(gbDevices, server, simulator);
        return 0;
    }

    /**
     * Puts the first plate the simulator draws on a watch list (kept from an earlier run while unexpired), so that an
     * alert fires when it passes; prints where to watch the alerts, and each alert as it comes.
     */
    private static void watchDemoPlate(XueliangServer server, long tokenId, String token) {
        List<String> drawn = drawnPlates();
        if (drawn.isEmpty()) {
            return;
        }
        String plate = drawn.getFirst();
        var watched = io.xueliang.reads.watch.Watchlists.entry("plates", plate);
        var list = server.watchlists().all().stream().filter(l -> l.name().equals(DEMO_WATCHLIST)
                && l.activeAt(java.time.Instant.now()) && l.entries().contains(watched)).findFirst().orElseGet(() -> {
                    var admin = server.tokens().resolveId(tokenId).orElseThrow();
                    return server.watchlists().create(new io.xueliang.reads.watch.WatchlistDraft(DEMO_WATCHLIST,
                            "demo: a vehicle to look out for", "demo", java.time.Instant.now().plus(
                                    java.time.Duration.ofDays(1)), List.of(plate)),
                            new io.xueliang.reads.watch.Watchlist.Owner(admin.username(), admin.userId(),
                                    admin.regions()));
                });
        String api = "http://127.0.0.1:" + server.httpPort() + "/api/v1";
        System.out.printf("""
                  watch list:      %s is on watch list %d: %s/watchlists/%d
                  alerts:          curl -N -H "Authorization: Bearer %s" %s/alerts/stream
                                   (server-sent events as the plate passes; %s/alerts lists them)
                %n""", plate, list.id(), api, list.id(), token, api, api);
        server.plateAlerts().subscribe(io.xueliang.reads.watch.PlateAlert.TOPIC, "demo-console", a -> System.out.printf(
                "    ALERT %d  %s  %-14s %-9s on watch list %d (%s)%n", a.id(),
                a.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), a.camera().value(), a.plate(),
                a.watchlistId(), a.reason()));
    }

    /**
     * Once a vehicle has been read at two checkpoints, prints where to ask the read store about it: its trajectory (JSON
     * and GeoJSON) and a search for plates like it.
     */
    private static void printQuestionsOnceSeenTwice(XueliangServer server, String token, java.time.Instant started) {
        java.util.Map<String, java.util.Set<String>> seenAt = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean printed = new java.util.concurrent.atomic.AtomicBoolean();
        String api = "http://127.0.0.1:" + server.httpPort() + "/api/v1";
        String window = "from=" + started.minus(java.time.Duration.ofHours(1)) + "&to="
                + started.plus(java.time.Duration.ofDays(1)) + "&caseReference=demo&purpose=demo";
        server.plateReads().subscribe(PlateRead.TOPIC, "demo-questions", read -> {
            var cameras = seenAt.computeIfAbsent(read.normalised(), p -> java.util.concurrent.ConcurrentHashMap
                    .newKeySet());
            cameras.add(read.camera().value());
            if (cameras.size() < 2 || !printed.compareAndSet(false, true)) {
                return;
            }
            String plate = java.net.URLEncoder.encode(read.normalised(), java.nio.charset.StandardCharsets.UTF_8);
            String like = java.net.URLEncoder.encode(read.normalised().substring(0, 3) + "*",
                    java.nio.charset.StandardCharsets.UTF_8);
            System.out.printf("""
                      %s was read at two checkpoints; ask the read store (as admin, for case "demo"):
                      trajectory:      curl -H "Authorization: Bearer %s" '%s/plates/%s/trajectory?%s'
                                       (&format=geojson for a map)
                      search:          curl -H "Authorization: Bearer %s" '%s/reads?plate=%s&%s'
                    %n""", read.normalised(), token, api, plate, window, token, api, like, window);
        });
    }

    /** The demo's watch list. */
    static final String DEMO_WATCHLIST = "demo";

    /** Camera n of the simulator plays the clip this many GOPs (2 s each) behind camera n - 1. */
    static final int STAGGER_GOPS = 1;

    private static String cameraName(XueliangServer server, PlateRead read) {
        return server.config().cameras().stream().filter(c -> c.id().equals(read.camera().value()))
                .map(CameraConfig::name).findFirst().orElse(read.camera().value());
    }

    /** The plates in the default clip's ground truth, in the order they pass. */
    static List<String> drawnPlates() {
        try (var in = SimulatorSource.class.getResourceAsStream(SimulatorSource.DEFAULT_CLIP.replace(".ts", ".json"))) {
            if (in == null) {
                return List.of();
            }
            var m = java.util.regex.Pattern.compile("\"plate\": \"([^\"]+)\"").matcher(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            List<String> plates = new ArrayList<>();
            while (m.find()) {
                plates.add(m.group(1));
            }
            return plates;
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /**
     * The demo always shows a login that works: the admin made on the first start, or on later
     * starts the same admin with a fresh random password (the old one was shown only once).
     */
    private static String demoLogin(XueliangServer server) throws Exception {
        var first = server.firstAdmin();
        if (first.isPresent()) {
            return first.get().username() + " / " + first.get().password();
        }
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        server.users().setPassword("admin", password).get(30, java.util.concurrent.TimeUnit.SECONDS);
        return "admin / " + password + "   (reset for this demo run)";
    }

    private XueliangConfig config(RtspCameraSimulator simulator, String gbPassword) {
        XueliangConfig d = XueliangConfig.defaults();
        List<CameraConfig> cameras = new ArrayList<>();
        for (int i = 0; i < CHECKPOINTS.length; i++) {
            String[] c = CHECKPOINTS[i];
            String id = String.format("430321000012100%05d", i + 1);
            cameras.add(new CameraConfig(id, c[0], List.of("湘潭县", c[1]),
                    new Location(Double.parseDouble(c[2]), Double.parseDouble(c[3])), URI.create(simulator.url(i + 1)),
                    null, Transport.TCP, true, true, true, true, i % 2 == 0 ? "eastbound" : "westbound"));
        }
        Gb28181Config g = Gb28181Config.withDefaults(GB_SERVER_ID, GB_DOMAIN, gbPassword);
        Gb28181Config gb = new Gb28181Config(GB_SERVER_ID, GB_DOMAIN, gbPassword, sipPort, "127.0.0.1", "127.0.0.1",
                g.registerExpiresMax(), g.keepaliveInterval(), g.keepaliveMisses(), g.mediaPortFirst(),
                g.mediaPortLast(), g.maxDevices(), g.maxChannelsPerDevice(), g.registersPerMinute(), List.of("湘潭县"),
                List.of());
        return new XueliangConfig(new HttpConfig(httpPort, null), new io.xueliang.config.StorageConfig(data),
                d.recording(), d.ingest(), d.plates(), new CameraDefaults(Transport.TCP, true, true, false, true), cameras,
                d.audit(), d.exports(), d.reads(), gb);
    }
}
