package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.reads.store.TestReads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web UI in a real browser (Debian's chromium driven through its chromedriver by Selenium), against the whole
 * server and simulated H.264 cameras: log in, a 4-tile wall plays, a camera that dies shows it and comes back by
 * itself, a recorded minute plays and seeks in the page, an export made in the page downloads and verifies, and a
 * viewer limited to one township sees only its cameras and cannot open another's live video. Screenshots of the pages
 * go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;
    private static RtspCameraSimulator town;
    private static RtspCameraSimulator lone;
    private static RtspCameraSimulator hevc;
    private static int lonePort;
    private static XueliangServer server;
    private static ApiClient api;
    private static String adminPassword;
    private static ChromeDriver browser;
    private static Path downloads;
    /** A map tile server of the network's own (http.mapTiles): answers every tile with one grey PNG, noting it. */
    private static com.sun.net.httpserver.HttpServer tileServer;
    private static final List<String> tilesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the web UI tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver);"
                        + " .ci/run installs them");
        assumeTrue(Ffprobe.available(), "ffprobe is not on the PATH");
        town = new RtspCameraSimulator(SimulatorSource.defaultClip(), SimulatorOptions.loopback(3)).start();
        lonePort = freePort();
        lone = startLone();
        try (java.io.InputStream in = SimulatorSource.class.getResourceAsStream("/clips/road-720p-h265.ts")) {
            hevc = new RtspCameraSimulator(SimulatorSource.fromTransportStream(in.readAllBytes(),
                    SimulatorSource.DEFAULT_MAX_PAYLOAD), SimulatorOptions.loopback(1)).start();
        }
        tileServer = startTileServer();
        String yaml = """
                http: { port: 0, mapTiles: "http://127.0.0.1:%d/osm/{z}/{x}/{y}.png", mapAttribution: "测试瓦片 test tiles" }
                storage: { root: %s }
                recording: { segmentSeconds: 2 }
                cameras:
                  - { id: w1, name: 东门, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1", location: { lat: 27.80, lon: 112.90 } }
                  - { id: w2, name: 西门, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam2" }
                  - { id: w3, name: 南桥, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam3" }
                  - { id: w4, name: 渡口, region: [县, 镇2], source: "rtsp://127.0.0.1:%d/cam1" }
                  - { id: h5, name: 北站, region: [县, 镇2], source: "rtsp://127.0.0.1:%d/cam1" }
                """.formatted(tileServer.getAddress().getPort(), tmp.resolve("data"), town.port(), town.port(), town.port(), lonePort, hevc.port());
        server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1");
        api = new ApiClient(server.httpPort());
        adminPassword = server.firstAdmin().orElseThrow().password();
        String admin = api.login("admin", adminPassword);
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "town1")
                .put("password", "town-viewer-pw-1").put("roles", new JsonArray(List.of("viewer")))
                .put("regions", new JsonArray().add(new JsonArray(List.of("县", "镇1")))));
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "en-US"));
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    private static com.sun.net.httpserver.HttpServer startTileServer() throws Exception {
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(256, 256,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.LIGHT_GRAY);
        g.fillRect(0, 0, 256, 256);
        g.setColor(java.awt.Color.GRAY);
        g.drawRect(0, 0, 255, 255);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(grey, "png", png);
        byte[] body = png.toByteArray();
        com.sun.net.httpserver.HttpServer tiles = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        tiles.createContext("/osm/", exchange -> {
            tilesAsked.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tiles.start();
        return tiles;
    }

    /** The XYZ tile (z/x/y) that holds a position at zoom z (Web Mercator, as OpenStreetMap's tiles). */
    private static String tileOf(double lat, double lon, int z) {
        double n = Math.pow(2, z);
        double r = Math.toRadians(lat);
        return z + "/" + (int) Math.floor((lon + 180) / 360 * n) + "/"
                + (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
    }

    private static RtspCameraSimulator startLone() throws Exception {
        return new RtspCameraSimulator(SimulatorSource.defaultClip(), new SimulatorOptions(1, "127.0.0.1", lonePort,
                null, null, 1)).start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        Stream.of(town, lone, hevc).filter(s -> s != null).forEach(RtspCameraSimulator::close);
        if (tileServer != null) {
            tileServer.stop(0);
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + server.httpPort() + "/";
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void await(String what, Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            Thread.sleep(200);
        }
        shot("failed-" + what.replaceAll("[^a-z0-9]+", "-"));
        // What the page said (errors, refused loads, CSP reports) is the first thing to read when a wait fails.
        browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .forEach(e -> System.out.println("browser console: " + e.getLevel() + " " + e.getMessage()));
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
    }

    private static void shot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            System.err.println("no screenshot " + name + ": " + e);
        }
    }

    private static void login(String user, String password) throws InterruptedException {
        browser.get(base());
        await("the login form", Duration.ofSeconds(20), () -> !browser.findElements(By.id("login-form")).isEmpty());
        browser.findElement(By.id("login-user")).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        await("the pages after login", Duration.ofSeconds(20), () -> !browser.findElements(By.id("logout")).isEmpty());
    }

    private static void logout() throws InterruptedException {
        browser.findElement(By.id("logout")).click();
        await("the login form again", Duration.ofSeconds(20), () -> !browser.findElements(By.id("login-form")).isEmpty());
    }

    private static WebElement tile(String camera) {
        return browser.findElement(By.cssSelector(".tile[data-camera='" + camera + "']"));
    }

    private static String tileState(String camera) {
        return tile(camera).getDomAttribute("data-state");
    }

    /** The tile's video: its current time and the frames the browser decoded for it. */
    private static double[] progress(String camera) {
        List<?> v = (List<?>) js("const v = document.querySelector(`.tile[data-camera='${arguments[0]}'] video`);"
                + " return [v.currentTime, v.getVideoPlaybackQuality().totalVideoFrames];", camera);
        return new double[] {((Number) v.get(0)).doubleValue(), ((Number) v.get(1)).doubleValue()};
    }

    /** Over 3 s each tile's video moves on: its current time by more than a second, 20 pictures more decoded. */
    private static void assertPlaying(List<String> cameras, String how) throws InterruptedException {
        Map<String, double[]> before = new java.util.HashMap<>();
        cameras.forEach(c -> before.put(c, progress(c)));
        Thread.sleep(3000);
        for (String c : cameras) {
            double[] now = progress(c);
            assertThat(now[0]).as(c + " currentTime advances" + how).isGreaterThan(before.get(c)[0] + 1.0);
            assertThat(now[1]).as(c + " decoded frames grow" + how).isGreaterThan(before.get(c)[1] + 20);
        }
    }

    private static void putOnWall(String... cameras) throws InterruptedException {
        browser.findElement(By.cssSelector(".tile[data-index='0']")).click();
        for (String c : cameras) {
            await("camera " + c + " in the tree", Duration.ofSeconds(20),
                    () -> !browser.findElements(By.cssSelector(".tree .camera[data-camera='" + c + "']")).isEmpty());
            browser.findElement(By.cssSelector(".tree .camera[data-camera='" + c + "']")).click();
        }
    }

    @Test
    @Order(1)
    void aFourTileWallOfH264CamerasPlaysLive() throws Exception {
        login("admin", adminPassword);
        // A layout an earlier version kept in this browser moves to the server when the wall opens.
        js("localStorage.setItem('xl.layouts.admin', arguments[0])", "{\"旧布局\":{\"size\":4,\"cameras\":[\"w2\"]}}");
        browser.get(base() + "#/wall");
        await("the wall", Duration.ofSeconds(20), () -> !browser.findElements(By.id("layout")).isEmpty());
        await("the browser's layout moved to the server", Duration.ofSeconds(10), () -> browser.findElements(
                By.cssSelector("#saved-layouts option[value='旧布局']")).size() == 1);
        assertThat(js("return localStorage.getItem('xl.layouts.admin')")).isNull();
        assertThat((Boolean) js("return MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.4d401f\"')"))
                .as("this chromium plays H.264 through MSE").isTrue();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("layout"))).selectByValue("4");
        putOnWall("w1", "w2", "w3", "w4");
        for (String c : List.of("w1", "w2", "w3", "w4")) {
            await("tile " + c + " live", Duration.ofSeconds(30), () -> "live".equals(tileState(c)));
        }
        assertPlaying(List.of("w1", "w2", "w3", "w4"), "");
        assertThat(tile("w1").getText()).contains("东门");
        shot("wall");

        // The same wall over LL-HLS (a workstation behind a proxy that refuses WebSockets): hls.js from the jar plays
        // each camera's playlist, its requests authorised by the session in a header, its parts by their tickets.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("transport"))).selectByValue("hls");
        for (String c : List.of("w1", "w2", "w3", "w4")) {
            await("tile " + c + " on LL-HLS", Duration.ofSeconds(10),
                    () -> "hls".equals(tile(c).getDomAttribute("data-transport")));
            await("tile " + c + " live over LL-HLS", Duration.ofSeconds(40), () -> "live".equals(tileState(c)));
        }
        assertPlaying(List.of("w1", "w2", "w3", "w4"), " over LL-HLS");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("transport"))).selectByValue("ws");
        await("back on WebSockets", Duration.ofSeconds(10),
                () -> "ws".equals(tile("w1").getDomAttribute("data-transport")));

        // The wall saved on the server under a name, cleared, and brought back from the list of saved layouts.
        browser.findElement(By.id("layout-name")).sendKeys("东门四画面");
        browser.findElement(By.id("save-layout")).click();
        await("the layout saved", Duration.ofSeconds(10), () -> browser.findElements(
                By.cssSelector("#saved-layouts option[value='东门四画面']")).size() == 1);
        browser.findElement(By.id("clear-wall")).click();
        await("the wall cleared", Duration.ofSeconds(10), () -> browser.findElements(
                By.cssSelector(".tile[data-camera='w1']")).isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("saved-layouts")))
                .selectByValue("东门四画面");
        for (String c : List.of("w1", "w2", "w3", "w4")) {
            await("tile " + c + " back from the saved layout", Duration.ofSeconds(30), () -> !browser.findElements(
                    By.cssSelector(".tile[data-camera='" + c + "']")).isEmpty() && "live".equals(tileState(c)));
        }
        JsonArray saved = api.expect(200, "GET", "/api/v1/layouts", api.login("admin", adminPassword), null)
                .getJsonArray("items");
        assertThat(saved.stream().map(o -> ((JsonObject) o).getString("name"))).containsExactly("东门四画面", "旧布局");
        assertThat(saved.getJsonObject(0).getJsonArray("cameras").getList()).containsExactly("w1", "w2", "w3", "w4");
        assertThat(saved.getJsonObject(1).getJsonArray("cameras").getList()).containsExactly("w2", null, null, null);
    }

    @Test
    @Order(2)
    void aCameraThatDiesShowsItAndComesBackByItself() throws Exception {
        browser.get(base() + "#/wall");
        await("tile w4 live", Duration.ofSeconds(30), () -> "live".equals(tileState("w4")));
        lone.close();
        await("tile w4 saying it is down", Duration.ofSeconds(30),
                () -> List.of("reconnecting", "offline").contains(tileState("w4")));
        shot("wall-camera-down");
        lone = startLone();
        await("tile w4 live again", Duration.ofSeconds(60), () -> "live".equals(tileState("w4")));
        // Decoding again: 2 s in which the frames decoded grow (a tile may reconnect once more as the camera settles,
        // which starts its count afresh: the next 2 s are asked for then).
        await("w4 decoding again", Duration.ofSeconds(30), () -> {
            double[] a = progress("w4");
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "live".equals(tileState("w4")) && progress("w4")[1] > a[1] + 10;
        });
        browser.get(base() + "#/cameras");
        await("the camera table", Duration.ofSeconds(20),
                () -> browser.findElements(By.cssSelector("#camera-table tbody tr")).size() == 5);
        shot("cameras");
    }

    @Test
    @Order(3)
    void anH265CameraThisBrowserCannotPlayFallsBackToSnapshotsAndSaysSo() throws Exception {
        boolean hevcMse = (Boolean) js("return MediaSource.isTypeSupported('video/mp4; codecs=\"hvc1.1.6.L93.B0\"')");
        browser.get(base() + "#/wall");
        await("the wall", Duration.ofSeconds(20), () -> !browser.findElements(By.id("layout")).isEmpty());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("layout"))).selectByValue("1");
        putOnWall("h5");
        String expected = hevcMse ? "live" : "snapshot";
        await("tile h5 " + expected, Duration.ofSeconds(30), () -> expected.equals(tileState("h5")));
        if (!hevcMse) {
            assertThat(tile("h5").getText()).contains("H.265");
            await("a snapshot shown", Duration.ofSeconds(20), () -> ((Number) js("const i = document.querySelector("
                    + "\".tile[data-camera='h5'] img\"); return i && !i.hidden ? i.naturalWidth : 0")).intValue() == 1280);
            shot("wall-h265-snapshots");
        }
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("layout"))).selectByValue("4");
    }

    @Test
    @Order(4)
    void aRecordedMinutePlaysAndSeeksInThePage() throws Exception {
        open("recordings/w1");
        await("segments on the timeline", Duration.ofSeconds(30), () -> {
            if (browser.findElements(By.id("timeline")).isEmpty()) {
                return false;
            }
            String n = browser.findElement(By.id("timeline")).getDomAttribute("data-segments");
            if (n == null || Integer.parseInt(n) < 5) {
                // Not enough yet: move the range's end to now and show again.
                js("document.getElementById('rec-to').value = (d => new Date(d - d.getTimezoneOffset() * 60000)"
                        + ".toISOString().slice(0, 19))(new Date()); document.getElementById('rec-show').click();");
                return false;
            }
            return true;
        });
        await("playback playing", Duration.ofSeconds(30),
                () -> ((Number) js("return document.getElementById('playback').currentTime")).doubleValue() > 1.0);
        double duration = ((Number) js("return document.getElementById('playback').duration")).doubleValue();
        assertThat(duration).as("the MP4's duration is known (sidx)").isGreaterThan(4.0);
        js("document.getElementById('playback').currentTime = arguments[0]", duration / 2);
        await("playing after a seek", Duration.ofSeconds(20), () -> ((Number) js(
                "const v = document.getElementById('playback'); return !v.seeking && v.currentTime > arguments[0]"
                        + " ? 1 : 0", duration / 2 + 0.5)).intValue() == 1);
        // A click on the timeline starts the playback from that moment.
        String first = browser.findElement(By.id("playback")).getDomAttribute("data-from");
        WebElement line = browser.findElement(By.id("timeline"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(line, line.getSize().width / 4, 0).click().perform();
        await("a new playback from the click", Duration.ofSeconds(20), () -> !first.equals(
                browser.findElement(By.id("playback")).getDomAttribute("data-from")));
        await("playing from the click", Duration.ofSeconds(30),
                () -> ((Number) js("return document.getElementById('playback').currentTime")).doubleValue() > 0.5);
        shot("recordings");
    }

    @Test
    @Order(5)
    void anExportStartedInThePageDownloadsAndVerifies() throws Exception {
        browser.findElement(By.id("case-ref")).sendKeys("XJ-2026-UI-1");
        browser.findElement(By.id("case-reason")).sendKeys("browser test");
        browser.findElement(By.id("export")).click();
        await("the export done", Duration.ofSeconds(60),
                () -> !browser.findElements(By.cssSelector("#export-list tr[data-status='done'] button.download")).isEmpty());
        browser.findElement(By.cssSelector("#export-list tr[data-status='done'] button.download")).click();
        await("the package downloaded", Duration.ofSeconds(30), () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(p -> p.getFileName().toString().endsWith(".zip"));
            } catch (Exception e) {
                return false;
            }
        });
        Path zip;
        try (Stream<Path> files = Files.list(downloads)) {
            zip = files.filter(p -> p.getFileName().toString().endsWith(".zip")).findFirst().orElseThrow();
        }
        Path key = tmp.resolve("data/keys/export-signing.pub");
        assertThat(ExportVerifier.verify(zip, key)).as("export verify on the downloaded package").isZero();
    }

    @Test
    @Order(6)
    void aViewerOfOneTownshipSeesOnlyItsCamerasAndCannotOpenAnothersLiveVideo() throws Exception {
        logout();
        login("town1", "town-viewer-pw-1");
        browser.get(base() + "#/wall");
        await("the tree", Duration.ofSeconds(20),
                () -> !browser.findElements(By.cssSelector(".tree .camera[data-camera='w1']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".tree .camera")).stream()
                .map(e -> e.getDomAttribute("data-camera")).toList()).containsExactlyInAnyOrder("w1", "w2", "w3");
        assertThat(browser.findElements(By.id("nav-recordings"))).as("no recordings page for a viewer").isEmpty();
        // What a curious viewer would type into the console: a ticket for w4's live path, then the socket.
        Object outcome = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const token = sessionStorage.getItem('xl.token');
                  const r = await fetch('/api/v1/tickets', {method: 'POST', headers: {Authorization: 'Bearer ' + token,
                    'Content-Type': 'application/json'}, body: JSON.stringify({path: '/api/v1/cameras/w4/live'})});
                  if (r.status !== 201) { done('ticket ' + r.status); return; }
                  const t = (await r.json()).ticket;
                  const ws = new WebSocket(`ws://${location.host}/api/v1/cameras/w4/live?access_token=${t}`);
                  let messages = 0;
                  ws.onmessage = () => messages++;
                  ws.onclose = () => done('closed after ' + messages + ' messages');
                  setTimeout(() => done('still open after ' + messages + ' messages'), 8000);
                })();
                """);
        assertThat(String.valueOf(outcome)).isIn("closed after 0 messages", "ticket 403", "ticket 404");
        browser.get(base() + "#/wall");
        await("the wall", Duration.ofSeconds(20), () -> !browser.findElements(By.id("layout")).isEmpty());
        shot("wall-town-viewer");
    }

    private static void open(String page) throws InterruptedException {
        browser.get(base() + "#/" + page);
        String first = page.split("/")[0];
        await("page " + first, Duration.ofSeconds(20), () -> !browser.findElements(
                By.cssSelector("main[data-page='" + first + "']")).isEmpty());
    }

    private static void noError() {
        assertThat(browser.findElements(By.cssSelector("main .error")).stream().map(WebElement::getText)
                .filter(t -> !t.isBlank()).toList()).as("errors shown on the page").isEmpty();
    }

    @Test
    @Order(7)
    void anInvestigatorSearchesPlatesFollowsATrajectoryAndWatchesAPlateAndAnAuditorSeesItAll() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofMinutes(50));
        server.readStore().insert(List.of(TestReads.read("w2", t0, "湘A·12345"),
                TestReads.read("w1", t0.plus(Duration.ofMinutes(10)), "湘A·12345"),
                TestReads.read("w4", t0.plus(Duration.ofMinutes(20)), "湘B·66666"))).get();
        logout();
        login("admin", adminPassword);
        open("reads");
        browser.findElement(By.id("case-reference")).sendKeys("XJ-2026-UI-2");
        browser.findElement(By.id("case-purpose")).sendKeys("车辆被盗");
        browser.findElement(By.id("plate")).sendKeys("湘A12345");
        browser.findElement(By.id("search")).click();
        await("two reads of the plate", Duration.ofSeconds(20),
                () -> browser.findElements(By.cssSelector("#read-rows tr")).size() == 2);
        noError();
        browser.findElement(By.cssSelector("#read-rows tr")).click();
        await("the read's details", Duration.ofSeconds(20), () -> browser.findElement(By.id("read-detail")).getText()
                .contains("湘A·12345"));
        shot("reads");

        open("trajectory/" + java.net.URLEncoder.encode("湘A12345", StandardCharsets.UTF_8));
        await("the sightings", Duration.ofSeconds(20),
                () -> browser.findElements(By.cssSelector("#sightings li")).size() == 2);
        assertThat(browser.findElement(By.id("sightings")).getText()).contains("西门", "东门");
        assertThat(browser.findElements(By.cssSelector("#map circle"))).as("w1 has a position, w2 none").hasSize(1);
        // On the network's own tiles: the browser asked the tile server for the tile under w1's position.
        List<WebElement> tiles = browser.findElements(By.cssSelector("#map image"));
        assertThat(tiles).as("map tiles").isNotEmpty();
        int zoom = Integer.parseInt(tiles.getFirst().getDomAttribute("data-tile").split("/")[0]);
        assertThat(zoom).as("one camera: the closest zoom").isEqualTo(17);
        String under = "/osm/" + tileOf(27.80, 112.90, zoom) + ".png";
        await("the tile under w1 fetched", Duration.ofSeconds(20), () -> tilesAsked.contains(under));
        assertThat(browser.findElement(By.cssSelector("#map .attribution")).getText()).isEqualTo("测试瓦片 test tiles");
        noError();
        shot("trajectory");

        open("watchlists");
        browser.findElement(By.id("wl-name")).sendKeys("被盗车辆");
        browser.findElement(By.id("wl-reason")).sendKeys("stolen");
        browser.findElement(By.id("wl-case")).sendKeys("XJ-2026-UI-2");
        browser.findElement(By.id("wl-plates")).sendKeys("湘A12345\n湘C12*");
        browser.findElement(By.cssSelector("form.stack button[type='submit']")).click();
        await("the new list", Duration.ofSeconds(20), () -> browser.findElement(By.tagName("main")).getText()
                .contains("被盗车辆"));
        noError();
        open("alerts");
        await("the alert stream open", Duration.ofSeconds(20), () -> browser.findElement(By.id("alert-stream")).getText()
                .endsWith("✓"));
        open("ring");
        open("users");
        await("the users", Duration.ofSeconds(20), () -> browser.findElement(By.tagName("main")).getText().contains("town1"));
        open("tokens");
        browser.findElement(By.id("token-name")).sendKeys("wall-display");
        browser.findElement(By.cssSelector("main form button[type='submit']")).click();
        await("the token shown once", Duration.ofSeconds(20), () -> browser.findElement(By.id("token-shown")).getText()
                .contains("xla_"));
        noError();

        // An admin registers a camera in the page; a source that is not RTSP is refused naming the field.
        open("cameras");
        browser.findElement(By.id("cam-id")).sendKeys("w6");
        browser.findElement(By.id("cam-name")).sendKeys("新桥");
        browser.findElement(By.id("cam-region")).sendKeys("县/镇1");
        browser.findElement(By.id("cam-source")).sendKeys("http://127.0.0.1/not-a-camera");
        browser.findElement(By.id("cam-save")).click();
        await("the refusal", Duration.ofSeconds(20), () -> browser.findElement(By.id("cam-error")).getText()
                .startsWith("source"));
        browser.findElement(By.id("cam-source")).clear();
        browser.findElement(By.id("cam-source")).sendKeys("rtsp://127.0.0.1:" + town.port() + "/cam2");
        browser.findElement(By.id("cam-save")).click();
        await("w6 registered and playing", Duration.ofSeconds(30), () -> !browser.findElements(
                By.cssSelector("#camera-table tr[data-camera='w6'][data-state='playing']")).isEmpty());

        browser.findElement(By.id("language")).click();
        await("the pages in Chinese", Duration.ofSeconds(10), () -> browser.findElement(By.id("nav-wall")).getText()
                .equals("视频墙"));
        open("cameras");
        shot("cameras-zh");
        browser.findElement(By.id("language")).click();

        String admin = api.login("admin", adminPassword);
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "auditor1")
                .put("password", "auditor-ui-pw-1").put("roles", new JsonArray(List.of("auditor"))));
        logout();
        login("auditor1", "auditor-ui-pw-1");
        open("audit");
        await("the searches on the record", Duration.ofSeconds(20), () -> browser.findElement(By.id("audit-rows"))
                .getText().contains("GET /api/v1/reads"));
        assertThat(browser.findElement(By.id("audit-rows")).getText()).contains("XJ-2026-UI-2", "车辆被盗",
                "GET /api/v1/plates/{plate}/trajectory", "GET /api/v1/cameras/{id}/live");
        noError();
        shot("audit");
    }

    /** The answer to a GET of {@code target} sent as written, not normalised by a client library. */
    private static String rawGet(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.httpPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    @Order(8)
    void thePagesAreServedWithAPolicyThatRunsOnlyTheirOwnScripts() throws Exception {
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline")
                .contains("img-src 'self' blob: data: http://127.0.0.1:" + tileServer.getAddress().getPort() + ";");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).contains("js/main.js").doesNotContain("<script>");
        // The attacker's walk out of the UI's directory into the jar's classes, however spelled (the same raw request
        // for a file of the UI is answered).
        assertThat(rawGet("/js/%6dain.js")).startsWith("HTTP/1.1 200");
        assertThat(rawGet("/vendor/hls/hls.light.mjs")).startsWith("HTTP/1.1 200");
        for (String escape : List.of("/..%2fhttp/ApiServer.class", "/%2e%2e/http/ApiServer.class",
                "/js/%2e%2e/%2e%2e/http/ApiServer.class", "/..%5chttp%5cApiServer.class",
                // and out of hls.js's WebJar folder into the rest of the class path
                "/vendor/hls/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/io/xueliang/api/http/ApiServer.class",
                "/vendor/hls/..%2f..%2f..%2f..%2f..%2fio/xueliang/api/http/ApiServer.class")) {
            assertThat(rawGet(escape)).as(escape).doesNotStartWith("HTTP/1.1 200")
                    .doesNotContain("\u00ca\u00fe\u00ba\u00be");
        }
    }
}
