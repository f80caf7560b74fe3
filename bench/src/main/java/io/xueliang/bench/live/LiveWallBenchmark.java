package io.xueliang.bench.live;

import io.xueliang.bench.proc.ProcReader;
import io.xueliang.bench.proc.ProcessSample;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import io.xueliang.server.XueliangServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Live video as a command centre sees it: simulated H.264 cameras, the whole server, and a wall of tiles in Debian's
 * headless chromium. The page (with {@code xl.measure} set) records, for every picture it presents, the time from
 * the picture's capture (the prft before each fragment; the simulator runs on this machine's clock) to the
 * presentation ({@code requestVideoFrameCallback}'s expected display time), and each tile's time from its start to its
 * first picture. Then many WebSocket viewers in a separate process: the server's CPU with them against without.
 *
 * <pre>java -cp 'bench/target/classes:bench/target/lib/*' io.xueliang.bench.live.LiveWallBenchmark
 *     [--cameras 16] [--tiles 16] [--seconds 30] [--viewers 500] [--hls-seconds 30] [--transport ws|hls]
 *     [--dir /tmp/xl-live]</pre>
 * ({@code --transport hls}: the wall plays LL-HLS through hls.js, as the UI does where WebSockets do not pass; each
 * picture's capture instant is then its segment's PROGRAM-DATE-TIME plus its offset in the segment.)
 */
public final class LiveWallBenchmark {
    private LiveWallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int cameras = Integer.parseInt(o.getOrDefault("cameras", "16"));
        int tiles = Integer.parseInt(o.getOrDefault("tiles", "16"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        int viewers = Integer.parseInt(o.getOrDefault("viewers", "500"));
        Path dir = Files.createDirectories(Path.of(o.getOrDefault("dir", "/tmp/xl-live-bench")));
        long self = ProcessHandle.current().pid();

        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                new SimulatorOptions(cameras, "127.0.0.1", 0, null, null, 1, 1)).start()) {
            String list = IntStream.rangeClosed(1, cameras).mapToObj(i -> String.format(
                    "  - { id: c%02d, name: 卡口%d, region: [县, 镇%d], source: \"rtsp://127.0.0.1:%d/cam%d\" }",
                    i, i, (i - 1) / 8 + 1, sim.port(), i)).collect(Collectors.joining("\n"));
            String yaml = "http: { port: 0 }\nstorage: { root: " + dir.resolve("data") + " }\ncameras:\n" + list + "\n";
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "bench.yaml", Map.of()), "127.0.0.1")) {
                String token = server.tokens().issueSession("admin", Duration.ofHours(2)).get(30, TimeUnit.SECONDS).token();
                awaitPlaying(server.httpPort(), token, cameras);
                System.out.printf("%d cameras playing; machine: %d CPUs, Java %s%n", cameras,
                        Runtime.getRuntime().availableProcessors(), Runtime.version());

                ProcessSample a = ProcReader.sample(List.of(self));
                Thread.sleep(seconds * 1000L);
                ProcessSample b = ProcReader.sample(List.of(self));
                double base = b.coresSince(a);
                System.out.printf("ingest + recording (+ the simulator, same process): %.3f cores, RSS %d MiB;"
                        + " %.2f %% of a core a camera%n", base, b.rssBytes() >> 20, base * 100 / cameras);

                if (tiles > 0) {
                    wall(server.httpPort(), token, cameras, tiles, seconds, base, self,
                            o.getOrDefault("transport", "ws"));
                }
                if (o.containsKey("hls-seconds")) {
                    hls(server.httpPort(), token, Integer.parseInt(o.get("hls-seconds")));
                }
                if (viewers > 0) {
                    viewers(server.httpPort(), token, cameras, viewers, seconds, base, self);
                }
            }
        }
        System.exit(0);
    }

    private static void awaitPlaying(int port, String token, int cameras) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/cameras?status=playing&limit=1000")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.split("\"sourceRedacted\"").length - 1 >= cameras) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("cameras did not all play within 60 s");
    }

    private static void wall(int port, String token, int cameras, int tiles, int seconds, double base, long self,
            String transport) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1920,1080",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        try {
            String page = "http://127.0.0.1:" + port + "/";
            browser.get(page + "healthz");
            String ids = IntStream.rangeClosed(1, tiles).mapToObj(i -> String.format("\"c%02d\"", (i - 1) % cameras + 1))
                    .collect(Collectors.joining(","));
            js(browser, "sessionStorage.setItem('xl.token', arguments[0]); localStorage.setItem('xl.measure', '1');"
                    + " localStorage.setItem('xl.wall.admin', arguments[1]);"
                    + " localStorage.setItem('xl.transport.admin', arguments[2]);", token,
                    "{\"size\":" + tiles + ",\"cameras\":[" + ids + "]}", transport);
            long opened = System.nanoTime();
            browser.get(page + "#/wall");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (browser.findElements(By.cssSelector(".tile[data-state='live']")).size() < tiles
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double allLive = (System.nanoTime() - opened) / 1e9;
            int live = browser.findElements(By.cssSelector(".tile[data-state='live']")).size();
            Thread.sleep(5000);
            js(browser, "window.xlMeasure.latencies = []");
            List<Long> chromium = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
            ProcessSample s0 = ProcReader.sample(List.of(self));
            ProcessSample c0 = ProcReader.sample(chromium);
            Thread.sleep(seconds * 1000L);
            ProcessSample s1 = ProcReader.sample(List.of(self));
            ProcessSample c1 = ProcReader.sample(chromium);
            List<Double> latencies = numbers(js(browser, "return window.xlMeasure.latencies"));
            List<Double> first = numbers(js(browser, "return window.xlMeasure.firstFrames"));
            System.out.printf("wall of %d tiles over %s (%d live after %.2f s from opening the page)%n", tiles,
                    transport, live, allLive);
            System.out.printf("  capture to presentation over %d s, %d pictures: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
                    + " max %.0f ms%n", seconds, latencies.size(), pct(latencies, 50), pct(latencies, 95),
                    pct(latencies, 99), pct(latencies, 100));
            System.out.printf("  tile start to first picture: p50 %.0f ms, max %.0f ms (%d tiles)%n", pct(first, 50),
                    pct(first, 100), first.size());
            System.out.println("  hls.js errors (not fatal) by kind: "
                    + js(browser, "return JSON.stringify(window.xlMeasure.hlsErrors || {})"));
            System.out.println("  steps of the first tiles, ms from their start: "
                    + js(browser, "return JSON.stringify(window.xlMeasure.steps.slice(0, 4))"));
            double server = s1.coresSince(s0);
            System.out.printf("  server %.3f cores (%.3f more than without viewers: %.2f %% of a core a tile),"
                    + " RSS %d MiB; chromium %.2f cores, RSS %d MiB%n", server, server - base,
                    (server - base) * 100 / tiles, s1.rssBytes() >> 20, c1.coresSince(c0), c1.rssBytes() >> 20);
            // The same wall opened again (a reload, a layout switched back): the channels kept their GOPs.
            browser.navigate().refresh();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (browser.findElements(By.cssSelector(".tile[data-state='live']")).size() < tiles
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            List<Double> again = numbers(js(browser, "return window.xlMeasure.firstFrames"));
            System.out.printf("  opened again within the linger: tile start to first picture p50 %.0f ms, max %.0f ms;"
                    + " steps %s%n", pct(again, 50), pct(again, 100),
                    js(browser, "return JSON.stringify(window.xlMeasure.steps.slice(0, 2))"));
        } finally {
            browser.quit();
        }
    }

    /**
     * One camera followed as an LL-HLS player follows it: blocking playlist reloads for the next part
     * ({@code _HLS_msn}, {@code _HLS_part}), each new part fetched as soon as the playlist lists it. A part's latency
     * is from the capture of its first and of its last picture (the prft boxes inside it) to the part's last byte
     * at the client. (Chromium's own HLS player refused the fMP4 playlist, DEMUXER_ERROR_COULD_NOT_PARSE, so no
     * browser measures this here.) A player presents PART-HOLD-BACK behind the live edge: that, plus this.
     */
    private static void hls(int port, String token, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/api/v1/cameras/c01/live/";
        Pattern partUri = Pattern.compile("#EXT-X-PART:[^\\n]*URI=\"(s(\\d+)\\.(\\d+)\\.m4s\\?[^\"]+)\"");
        List<Double> first = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        String holdBack = "?";
        long msn = -1;
        int part = -1;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String query = msn < 0 ? "" : "?_HLS_msn=" + msn + "&_HLS_part=" + (part + 1);
            String playlist = http.send(HttpRequest.newBuilder(URI.create(base + "index.m3u8" + query))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher h = Pattern.compile("PART-HOLD-BACK=([0-9.]+)").matcher(playlist);
            if (h.find()) {
                holdBack = h.group(1);
            }
            Matcher m = partUri.matcher(playlist);
            List<String[]> parts = new ArrayList<>();
            while (m.find()) {
                parts.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
            boolean following = msn >= 0;
            for (String[] p : parts) {
                long pm = Long.parseLong(p[1]);
                int pp = Integer.parseInt(p[2]);
                if (!following || pm < msn || pm == msn && pp <= part) {
                    continue; // the first playlist's parts are the past, not the live edge
                }
                byte[] bytes = http.send(HttpRequest.newBuilder(URI.create(base + p[0])).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                double now = System.currentTimeMillis();
                List<Double> captured = captures(bytes);
                if (!captured.isEmpty()) {
                    first.add(now - captured.getFirst());
                    last.add(now - captured.getLast());
                }
                msn = pm;
                part = pp;
            }
            if (!following && !parts.isEmpty()) {
                msn = Long.parseLong(parts.getLast()[1]);
                part = Integer.parseInt(parts.getLast()[2]);
            }
        }
        first.sort(null);
        last.sort(null);
        System.out.printf("LL-HLS, one camera followed %d s with blocking reloads: %d parts; part received after the"
                + " capture of its first picture p50 %.0f ms, p95 %.0f ms; of its last picture p50 %.0f ms, p95 %.0f ms;"
                + " PART-HOLD-BACK %s s%n", seconds, first.size(), pct(first, 50), pct(first, 95), pct(last, 50),
                pct(last, 95), holdBack);
    }

    /** The capture instants (ms since 1970) of the prft boxes at the top level of an fMP4 part. */
    private static List<Double> captures(byte[] b) {
        List<Double> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b);
        int at = 0;
        while (at + 8 <= b.length) {
            long size = Integer.toUnsignedLong(buf.getInt(at));
            if (size < 8) {
                break;
            }
            if (b[at + 4] == 'p' && b[at + 5] == 'r' && b[at + 6] == 'f' && b[at + 7] == 't') {
                long ntp = buf.getLong(at + 16);
                out.add(((ntp >>> 32) - 2_208_988_800L) * 1000.0 + (ntp & 0xffffffffL) * 1000.0 / 4294967296.0);
            }
            at += (int) size;
        }
        return out;
    }

    private static void viewers(int port, String token, int cameras, int viewers, int seconds, double base, long self)
            throws Exception {
        String names = IntStream.rangeClosed(1, cameras).mapToObj(i -> String.format("c%02d", i))
                .collect(Collectors.joining(","));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                LiveViewerClients.class.getName(), String.valueOf(port), token, names, String.valueOf(viewers),
                String.valueOf(seconds)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("OPEN")) {
            System.out.println("  viewers: " + line);
        }
        Thread.sleep(2000);
        ProcessSample s0 = ProcReader.sample(List.of(self));
        ProcessSample v0 = ProcReader.sample(List.of(child.pid()));
        Thread.sleep((seconds - 4) * 1000L);
        ProcessSample s1 = ProcReader.sample(List.of(self));
        ProcessSample v1 = ProcReader.sample(List.of(child.pid()));
        List<String> rest = new ArrayList<>();
        while ((line = out.readLine()) != null) {
            rest.add(line);
        }
        child.waitFor(60, TimeUnit.SECONDS);
        double server = s1.coresSince(s0);
        System.out.printf("%d WebSocket viewers over %d cameras (%s): server %.3f cores, %.3f more than without"
                + " viewers: %.3f %% of a core a viewer against %.2f %% a camera ingested; RSS %d MiB;"
                + " the clients' process %.2f cores%n", viewers, cameras, String.join(" ", rest), server, server - base,
                (server - base) * 100 / viewers, base * 100 / cameras, s1.rssBytes() >> 20, v1.coresSince(v0));
    }

    private static Object js(ChromeDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static List<Double> numbers(Object o) {
        return ((List<?>) o).stream().map(x -> ((Number) x).doubleValue()).sorted().toList();
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
