package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live video over WebSocket, through the whole server from simulated RTSP cameras (H.264 and H.265): what a viewer
 * receives is read by an independent decoder (ffprobe); who may watch which camera, with which credential in the URL;
 * a client that stops reading costs only itself.
 */
class ApiLiveTest {
    @TempDir
    static Path tmp;
    private static RtspCameraSimulator h264;
    private static RtspCameraSimulator h265;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        h264 = new RtspCameraSimulator(SimulatorSource.defaultClip(), new SimulatorOptions(2, "127.0.0.1", freePort(),
                null, null, 1)).start();
        try (InputStream in = SimulatorSource.class.getResourceAsStream("/clips/road-720p-h265.ts")) {
            h265 = new RtspCameraSimulator(SimulatorSource.fromTransportStream(in.readAllBytes(),
                    SimulatorSource.DEFAULT_MAX_PAYLOAD), new SimulatorOptions(1, "127.0.0.1", freePort(), null, null,
                    1)).start();
        }
        String yaml = """
                http: { port: 0 }
                storage: { root: %s }
                cameras:
                  - { id: a1, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1" }
                  - { id: b1, region: [县, 镇2], source: "rtsp://127.0.0.1:%d/cam2" }
                  - { id: c1, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1" }
                  - { id: s1, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1", substream: "rtsp://127.0.0.1:%d/cam2" }
                  - { id: d1, region: [县, 镇1], source: "rtsp://127.0.0.1:%d/cam1" }
                """.formatted(tmp.resolve("data"), h264.port(), h264.port(), h265.port(), h264.port(), h264.port(),
                h264.port());
        server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "wall1")
                .put("password", "wall-viewer-pw-1").put("roles", new JsonArray(List.of("viewer")))
                .put("regions", new JsonArray().add(new JsonArray(List.of("县", "镇1")))));
        viewer = api.login("wall1", "wall-viewer-pw-1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        h264.close();
        h265.close();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static String ticket(String token, String path) throws Exception {
        return api.expect(201, "POST", "/api/v1/tickets", token, new JsonObject().put("path", path))
                .getString("ticket");
    }

    /** A viewer as a browser's script is one: reads every message as it comes. */
    static final class Viewer implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> binaries = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream part = new ByteArrayOutputStream();
        private final StringBuilder text = new StringBuilder();
        WebSocket socket;

        static Viewer open(String pathAndQuery) {
            Viewer v = new Viewer();
            v.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + pathAndQuery), v).join();
            return v;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            part.writeBytes(b);
            if (last) {
                binaries.add(part.toByteArray());
                part.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        Path save(Path file) throws Exception {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            binaries.forEach(all::writeBytes);
            return Files.write(file, all.toByteArray());
        }
    }

    /** The HTTP status a WebSocket opening of {@code pathAndQuery} is refused with, or 101 when it opens. */
    private static int openStatus(String pathAndQuery, String bearer) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.httpPort())) {
            return open(s, pathAndQuery, bearer);
        }
    }

    /** Sends a WebSocket opening (RFC 6455 §4.1) on {@code s}, connected, and reads the status of the answer. */
    private static int open(Socket s, String pathAndQuery, String bearer) throws Exception {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (bearer == null ? "" : "Authorization: Bearer " + bearer
                + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return Integer.parseInt(readLine(s.getInputStream()).split(" ")[1]);
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            b.append((char) c);
        }
        return b.toString().strip();
    }

    @Test
    void liveH264AndH265ReadByAnIndependentDecoder() throws Exception {
        for (String camera : List.of("a1", "c1")) {
            String path = "/api/v1/cameras/" + camera + "/live";
            Viewer v = Viewer.open(path + "?access_token=" + ticket(viewer, path));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (v.binaries.size() < 101 && System.nanoTime() < deadline) { // the init segment and 100 pictures
                Thread.sleep(100);
            }
            v.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            v.closed.get(10, TimeUnit.SECONDS); // the server's close: nothing comes after it
            JsonObject header = new JsonObject(v.texts.getFirst());
            assertThat(header.getString("type")).isEqualTo("stream");
            assertThat(header.getString("camera")).isEqualTo(camera);
            assertThat(header.getString("codec")).startsWith(camera.equals("a1") ? "avc1.4d" : "hvc1.1.6.");
            assertThat(header.getString("mime")).isEqualTo("video/mp4; codecs=\"" + header.getString("codec") + "\"");
            if (!Ffprobe.available()) {
                continue;
            }
            Ffprobe.Result probe = Ffprobe.probe(v.save(tmp.resolve(camera + "-live.mp4")));
            assertThat(probe.errors()).as(camera).isEmpty();
            assertThat(probe.codec()).isEqualTo(camera.equals("a1") ? "h264" : "hevc");
            // every picture received decodes: the first is a keyframe, none is lost or broken on the way
            assertThat(probe.frames()).as(camera).isEqualTo(v.binaries.size() - 1L);
        }
    }

    /** The decode time in the prft that opens a live fragment (message 1 is the init segment). */
    private static long mediaTime(byte[] fragment) {
        assertThat(new String(fragment, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("prft");
        return ByteBuffer.wrap(fragment).getLong(24);
    }

    @Test
    void aCameraWatchedAgainWithinTheLingerStartsAtOnceFromItsKeptPictures() throws Exception {
        String path = "/api/v1/cameras/b1/live";
        Viewer first = Viewer.open(path + "?access_token=" + ticket(admin, path));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Past the clip's first GOP (2 s at 25 fps), so that the GOP kept begins after time 0.
        while (first.binaries.size() < 130 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(mediaTime(first.binaries.get(1))).as("a new channel's time starts at its first keyframe").isZero();
        first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "tile closed").join();
        first.closed.get(10, TimeUnit.SECONDS);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metric("xueliang_live_lingering", null) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(metric("xueliang_live_lingering", null)).as("b1's channel kept").isGreaterThanOrEqualTo(1);

        Viewer again = Viewer.open(path + "?access_token=" + ticket(admin, path));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (again.binaries.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The same channel: its kept GOP, time running on from the first view, not a new start at the next keyframe.
        assertThat(mediaTime(again.binaries.get(1))).isPositive();
        again.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    /** The capture instant in the prft that opens a live fragment. */
    private static Instant captured(byte[] fragment) {
        long ntp = ByteBuffer.wrap(fragment).getLong(16);
        long seconds = (ntp >>> 32) - 2_208_988_800L;
        return Instant.ofEpochSecond(seconds, ((ntp & 0xffff_ffffL) * 1_000_000_000L) >>> 32);
    }

    @Test
    void theFirstViewerOfACameraNobodyWatchesSeesItsLatestKeyframeAtOnceThenLiveFromTheNext() throws Exception {
        // d1 is watched by no other test: its channel opens here. Its hub has a keyframe once it streams (a
        // snapshot is that keyframe).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String snapshot = "/api/v1/cameras/d1/snapshot.jpg";
        while (api.send("GET", snapshot, admin, null).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        String path = "/api/v1/cameras/d1/live";
        Viewer v = Viewer.open(path + "?access_token=" + ticket(admin, path));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (v.binaries.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        v.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        // Message 1 is the still: the keyframe the camera sent before anyone watched, time 0, one frame long.
        // Message 2 is the camera's next keyframe, a GOP (2 s in the clip) later, right after it on the timeline.
        assertThat(mediaTime(v.binaries.get(1))).isZero();
        assertThat(mediaTime(v.binaries.get(2))).as("no gap for the player to jump").isEqualTo(3_600);
        assertThat(Duration.between(captured(v.binaries.get(1)), captured(v.binaries.get(2))))
                .as("the still is the previous keyframe, a GOP before the next").isBetween(Duration.ofMillis(1_900),
                        Duration.ofMillis(2_100));
        assertThat(mediaTime(v.binaries.get(3)) - mediaTime(v.binaries.get(2))).as("then live, frame by frame")
                .isEqualTo(3_600);
        assertThat(captured(v.binaries.get(3))).isAfter(captured(v.binaries.get(2)));
        if (Ffprobe.available()) {
            Ffprobe.Result probe = Ffprobe.probe(v.save(tmp.resolve("d1-live.mp4")));
            assertThat(probe.errors()).isEmpty();
            assertThat(probe.frames()).isEqualTo(v.binaries.size() - 1L);
        }
    }

    private static java.net.http.HttpResponse<String> getText(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpPort() + pathAndQuery)).timeout(Duration.ofSeconds(20)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void llHlsOfH264AndH265IsReadByFfmpegWithATicketOnEveryUri() throws Exception {
        for (String camera : List.of("a1", "c1")) {
            String path = "/api/v1/cameras/" + camera + "/live/index.m3u8";
            String url = "http://127.0.0.1:" + server.httpPort() + path + "?access_token=" + ticket(viewer, path);
            java.net.http.HttpResponse<String> first = getText(path + "?access_token=" + ticket(viewer, path));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).contains("application/vnd.apple.mpegurl");
            String playlist = first.body();
            assertThat(playlist).startsWith("#EXTM3U\n#EXT-X-VERSION:9\n").contains(
                    "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES", "#EXT-X-PART-INF:PART-TARGET=0.300",
                    "#EXT-X-MAP:URI=\"init1.mp4?access_token=xlt_", "#EXT-X-PART:DURATION=", ",INDEPENDENT=YES");
            List<String> uris = playlist.lines().flatMap(l -> {
                Matcher m = Pattern.compile("URI=\"([^\"]+)\"").matcher(l);
                return m.find() ? java.util.stream.Stream.of(m.group(1)) : l.startsWith("#") ? java.util.stream.Stream.empty()
                        : java.util.stream.Stream.of(l);
            }).toList();
            assertThat(uris).isNotEmpty().allSatisfy(u -> assertThat(u).contains("?access_token=xlt_"));
            // The attacker's reuse: a part's ticket opens that part only, not the playlist nor another camera.
            String part = uris.stream().filter(u -> u.matches("s\\d+\\.\\d+\\.m4s\\?.*")).findFirst().orElseThrow();
            String base = "/api/v1/cameras/" + camera + "/live/";
            assertThat(getText(base + part).statusCode()).isEqualTo(200);
            String partTicket = part.substring(part.indexOf("access_token=") + "access_token=".length());
            assertThat(getText(path + "?access_token=" + partTicket).statusCode()).isEqualTo(401);
            assertThat(getText("/api/v1/cameras/b1/live/" + part).statusCode()).isEqualTo(401);
            // A blocking reload waits for the next segment, and one asking too far ahead is refused.
            long next = playlist.lines().filter(l -> l.startsWith("#EXT-X-MEDIA-SEQUENCE:")).mapToLong(l -> Long.parseLong(
                    l.substring(l.indexOf(':') + 1))).findFirst().orElseThrow() + uris.stream()
                    .filter(u -> u.matches("s\\d+\\.m4s\\?.*")).count() + 1;
            java.net.http.HttpResponse<String> blocked = getText(path + "?access_token=" + ticket(viewer, path)
                    + "&_HLS_msn=" + next + "&_HLS_part=0");
            assertThat(blocked.statusCode()).isEqualTo(200);
            assertThat(blocked.body()).contains("s" + next + ".0.m4s");
            assertThat(getText(path + "?access_token=" + ticket(viewer, path) + "&_HLS_msn=" + (next + 10))
                    .statusCode()).isEqualTo(400);
            if (!Ffprobe.available()) {
                continue;
            }
            Path out = tmp.resolve(camera + "-hls.mp4");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", url, "-t", "6",
                    "-c", "copy", out.toString()).redirectErrorStream(true).start();
            String said = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ffmpeg.exitValue()).as(said).isZero();
            Ffprobe.Result probe = Ffprobe.probe(out);
            assertThat(probe.errors()).as(camera).isEmpty();
            assertThat(probe.codec()).isEqualTo(camera.equals("a1") ? "h264" : "hevc");
            assertThat(probe.frames()).as(camera + ": about 6 s of pictures").isGreaterThan(100);
        }
        assertThat(getText("/api/v1/cameras/b1/live/index.m3u8?access_token="
                + ticket(viewer, "/api/v1/cameras/b1/live/index.m3u8")).statusCode())
                .as("a camera outside the viewer's township").isEqualTo(404);
    }

    @Test
    void aSmallTileAsksForTheSubStreamWhichIsPulledOnlyWhileWatched() throws Exception {
        assertThat(metric("xueliang_camera_up", "s1--sub")).as("not pulled before anyone asks").isZero();
        assertThat(openStatus("/api/v1/cameras/s1/live?stream=hd", admin)).as("no such stream").isEqualTo(400);
        String path = "/api/v1/cameras/s1/live";
        Viewer v = Viewer.open(path + "?stream=sub&access_token=" + ticket(viewer, path));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (v.binaries.size() < 51 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        JsonObject header = new JsonObject(v.texts.getFirst());
        assertThat(header.getString("camera")).isEqualTo("s1");
        assertThat(header.getString("stream")).isEqualTo("sub");
        assertThat(metric("xueliang_camera_up", "s1--sub")).as("its own ingest session").isEqualTo(1);
        v.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        v.closed.get(10, TimeUnit.SECONDS);
        if (Ffprobe.available()) {
            Ffprobe.Result probe = Ffprobe.probe(v.save(tmp.resolve("s1-sub.mp4")));
            assertThat(probe.errors()).isEmpty();
            assertThat(probe.frames()).isEqualTo(v.binaries.size() - 1L);
        }
        // A camera without a sub stream sends its main stream, and says so.
        String main = "/api/v1/cameras/a1/live";
        Viewer m = Viewer.open(main + "?stream=sub&access_token=" + ticket(viewer, main));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (m.texts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(new JsonObject(m.texts.getFirst()).getString("stream")).isEqualTo("main");
        m.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        // Only the main stream is recorded: no file of the sub stream's anywhere in the store.
        try (java.util.stream.Stream<Path> files = Files.walk(tmp.resolve("data"))) {
            List<String> names = files.map(Path::toString).toList();
            assertThat(names).anyMatch(n -> n.contains("/s1/") || n.endsWith("/s1"));
            assertThat(names).noneMatch(n -> n.contains("s1--sub"));
        }
    }

    @Test
    void aSnapshotIsTheLatestKeyframeAsJpegForTheCamerasOfTheRegion() throws Exception {
        for (String camera : List.of("a1", "c1")) {
            String path = "/api/v1/cameras/" + camera + "/snapshot.jpg";
            java.net.http.HttpResponse<byte[]> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + path + "?access_token="
                            + ticket(viewer, path))).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(camera).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
            assertThat(picture.getWidth()).as(camera).isEqualTo(1280);
            assertThat(picture.getHeight()).as(camera).isEqualTo(720);
        }
        assertThat(api.send("GET", "/api/v1/cameras/b1/snapshot.jpg", viewer, null).statusCode()).as("outside its region")
                .isEqualTo(404);
    }

    @Test
    void aViewerWatchesTheCamerasOfItsRegionWithATicketForOneCamera() throws Exception {
        String a1 = "/api/v1/cameras/a1/live";
        String b1 = "/api/v1/cameras/b1/live";
        String ticketA1 = ticket(viewer, a1);
        assertThat(openStatus(a1 + "?access_token=" + ticketA1, null)).isEqualTo(101);
        assertThat(openStatus(b1 + "?access_token=" + ticketA1, null)).as("another camera's path").isEqualTo(401);
        assertThat(openStatus(b1 + "?access_token=" + ticket(viewer, b1), null)).as("outside its region")
                .isEqualTo(404);
        assertThat(openStatus(a1 + "?access_token=" + viewer, null)).as("the session token in a URL").isEqualTo(401);
        assertThat(openStatus(a1, null)).isEqualTo(401);
        assertThat(openStatus(a1, viewer)).as("a client that can send the header").isEqualTo(101);
        assertThat(api.send("GET", a1, viewer, null).statusCode()).as("not a WebSocket").isEqualTo(400);
        assertThat(openStatus("/api/v1/cameras/nosuch/live", admin)).isEqualTo(404);

        // Each view is on the record when it opens (or is refused) and when it ends, with from and to.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<JsonObject> live;
        do {
            live = api.expect(200, "GET", "/api/v1/audit?limit=1000", adminAuditor(), null).getJsonArray("items")
                    .stream().map(o -> (JsonObject) o)
                    .filter(e -> e.getString("action").startsWith("GET /api/v1/cameras/{id}/live")).toList();
        } while (live.stream().noneMatch(e -> e.getString("action").endsWith("ended") && e.getString("actor")
                .equals("wall1")) && System.nanoTime() < deadline && sleep());
        assertThat(live).anySatisfy(e -> {
            assertThat(e.getString("actor")).isEqualTo("wall1");
            assertThat(e.getInteger("status")).isEqualTo(404);
            assertThat(e.getJsonObject("parameters").getString("id")).isEqualTo("b1");
        });
        assertThat(live).anySatisfy(e -> {
            assertThat(e.getString("actor")).isEqualTo("wall1");
            assertThat(e.getString("action")).isEqualTo("GET /api/v1/cameras/{id}/live ended");
            assertThat(e.getJsonObject("parameters").fieldNames()).contains("from", "to", "bytes");
        });
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    private static String auditor;

    private static synchronized String adminAuditor() throws Exception {
        if (auditor == null) {
            api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "audit1")
                    .put("password", "auditor-pw-4711").put("roles", new JsonArray(List.of("auditor"))));
            auditor = api.login("audit1", "auditor-pw-4711");
        }
        return auditor;
    }

    @Test
    void aClientThatStopsReadingCostsOnlyItself() throws Exception {
        String path = "/api/v1/cameras/b1/live";
        double skipsBefore = metric("xueliang_live_skips_total", null);
        double droppedBefore = metric("xueliang_recording_dropped_units_total", "b1");
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.httpPort()));
            assertThat(open(stalled, path, admin)).isEqualTo(101);
            // ... and never reads again, while another viewer of the same camera watches
            Viewer watching = Viewer.open(path + "?access_token=" + ticket(admin, path));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (metric("xueliang_live_skips_total", null) <= skipsBefore && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(metric("xueliang_live_skips_total", null)).as("the stalled viewer skipped")
                    .isGreaterThan(skipsBefore);
            int before = watching.binaries.size();
            Thread.sleep(2_000);
            assertThat(watching.binaries.size() - before).as("the other viewer still gets about 25 pictures a second")
                    .isGreaterThan(30);
            assertThat(metric("xueliang_recording_dropped_units_total", "b1")).as("the recorder lost nothing")
                    .isEqualTo(droppedBefore);
            watching.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void aFloodOfViewersOfOneCameraIsCappedAndThePlacesComeBack() throws Exception {
        // b1: the camera no other test keeps an LL-HLS window of (a window takes one of the camera's places).
        String path = "/api/v1/cameras/b1/live";
        List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) { // the most one camera serves
                Socket s = new Socket("127.0.0.1", server.httpPort());
                open.add(s);
                assertThat(open(s, path, admin)).as("viewer " + (i + 1)).isEqualTo(101);
            }
            assertThat(openStatus(path, admin)).as("one more").isEqualTo(429);
            assertThat(openStatus("/api/v1/cameras/c1/live", admin)).as("another camera still").isEqualTo(101);
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status;
        while ((status = openStatus(path, admin)) != 101 && System.nanoTime() < deadline) {
            Thread.sleep(200); // the server notices the closed sockets and gives their places back
        }
        assertThat(status).isEqualTo(101);
    }

    /** A value of {@code /metrics} (the camera's line when {@code camera} is given), 0 when absent. */
    private static double metric(String name, String camera) throws Exception {
        String body = api.send("GET", "/metrics", admin, null).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(body);
        while (m.find()) {
            if (camera == null || (m.group(1) != null && m.group(1).contains("camera=\"" + camera + "\""))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
