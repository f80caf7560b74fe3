package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.gb28181.PsPcap;
import io.xueliang.ingest.gb28181.Sipp;
import io.xueliang.ingest.ps.PsDemuxer;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GB/T 28181 through the whole server, with SIPp as the device: it registers with digest, its catalog's channels
 * become cameras that the API lists (origin gb28181, in the region the catalog's civil codes name) and that ingest
 * invites and plays, and they can be steered. The attacker's tests: a user of another township neither sees nor
 * steers them, a user without live rights cannot steer, an RTSP camera cannot be steered, and malformed commands
 * are 400 naming the field.
 */
class ApiGb28181Test {
    private static final String SERVER_ID = "43032100002000000001";
    private static final String DOMAIN = "4303210000";
    private static final String DEVICE = "43032100001180000009";
    private static final String EAST = "43032100001310000001";
    private static final String SUPERIOR = "43010000002000000001";

    @TempDir
    static Path tmp;
    private static XueliangServer server;
    private static ApiClient api;
    private static String admin;
    private static CompletableFuture<Sipp.Run> device;
    private static int superiorPort;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        Path data = tmp.resolve("data");
        superiorPort = Sipp.freePort();
        String yaml = """
                http: { port: 0 }
                storage: { root: %s }
                gb28181:
                  serverId: "%s"
                  domain: "%s"
                  password: gb-password-1
                  sipPort: 0
                  sipHost: 127.0.0.1
                  region: [县]
                  superiors:
                    - id: "%s"
                      domain: "4301000000"
                      host: 127.0.0.1
                      port: %d
                      password: cascade-secret
                      keepaliveInterval: 5s
                      share: [县/易俗河镇]
                cameras:
                  - { id: a1, region: [县, 镇1], source: "rtsp://10.0.0.1/a1", enabled: false }
                """.formatted(data, SERVER_ID, DOMAIN, SUPERIOR, superiorPort);
        server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1");
        api = new ApiClient(server.httpPort());
        admin = api.login("admin", server.firstAdmin().orElseThrow().password());
        Path sipp = Files.createDirectories(tmp.resolve("sipp"));
        PsPcap.write(sipp, sipp.resolve("ps.pcap"), 60);
        Path fields = sipp.resolve("device.csv");
        Files.writeString(fields, "SEQUENTIAL\n" + DEVICE + ";" + SERVER_ID + ";" + DOMAIN + ";\n");
        int port = server.ingest().gb28181().orElseThrow().sipPort();
        device = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run(sipp, 120, "127.0.0.1:" + port, "-sf", Sipp.scenario("gb-device.xml", sipp).toString(),
                        "-oocsf", Sipp.scenario("gb-device-ooc-live.xml", sipp).toString(), "-inf", fields.toString(),
                        "-au", DEVICE, "-ap", "gb-password-1", "-i", "127.0.0.1", "-p",
                        Integer.toString(Sipp.freePort()), "-mp", Integer.toString(Sipp.freePort()), "-m", "1", "-l",
                        "1", "-d", "60000", "-timeout", "90", "-max_retrans", "3");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Instant deadline = Instant.now().plusSeconds(30);
        while (camera(admin, EAST).statusCode() != 200) {
            assertThat(Instant.now()).as(() -> "the device's channels appear; SIPp: "
                    + (device.isDone() ? device.join().output() : "running")).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> camera(String token, String id) throws Exception {
        return api.send("GET", "/api/v1/cameras/" + id, token, null);
    }

    private static String user(String name, String role, List<String> region) throws Exception {
        JsonObject body = new JsonObject().put("username", name).put("password", name + "-password-long")
                .put("roles", new JsonArray(List.of(role)));
        if (!region.isEmpty()) {
            body.put("regions", new JsonArray().add(new JsonArray(region)));
        }
        api.expect(201, "POST", "/api/v1/users", admin, body);
        return api.login(name, name + "-password-long");
    }

    private static HttpResponse<String> steer(String token, String id, JsonObject command) throws Exception {
        return api.send("POST", "/api/v1/cameras/" + id + "/ptz", token, command);
    }

    @Test
    void theDevicesChannelsAreCamerasOfTheirRegionThatPlay() throws Exception {
        JsonObject east = new JsonObject(camera(admin, EAST).body());
        assertThat(east.getString("origin")).isEqualTo("gb28181");
        assertThat(east.getString("name")).isEqualTo("东门卡口");
        assertThat(east.getJsonArray("region").getList()).containsExactly("县", "易俗河镇");
        assertThat(east.getString("sourceRedacted")).isEqualTo("gb28181:" + DEVICE + "/" + EAST);

        Instant deadline = Instant.now().plusSeconds(30);
        JsonObject status;
        do {
            Thread.sleep(250);
            status = api.expect(200, "GET", "/api/v1/cameras/" + EAST + "/status", admin, null);
            assertThat(Instant.now()).as(status.encode()).isBefore(deadline);
        } while (!"playing".equals(status.getString("state")) || status.getLong("frames", 0L) < 25);

        String metrics = api.send("GET", "/metrics", admin, null).body();
        assertThat(metrics).contains("xueliang_gb28181_registrations_total 1.0", "xueliang_gb28181_devices_online 1.0",
                "xueliang_gb28181_wrong_passwords_total 0.0");
        assertThat(metrics).containsPattern("xueliang_gb28181_calls [12]\\.0");
    }

    /**
     * Cascade through the whole server: SIPp as the city platform gets our registration (its digest checked), sees
     * the township shared with it (the device's channel, not the RTSP camera of another township), is refused a code
     * it is not shared, and receives the device's channel live: device to us as PS, us to the superior as PS.
     */
    @Test
    void aSuperiorPlatformSeesTheSharedChannelAndReceivesItsVideo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("superior"));
        List<AccessUnit> received = new CopyOnWriteArrayList<>();
        List<AccessUnit> played = new CopyOnWriteArrayList<>();
        try (DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            media.setSoTimeout(200);
            media.setReceiveBufferSize(4 << 20); // a keyframe's burst of packets must not overflow it
            PsDemuxer live = new PsDemuxer(CameraId.of(EAST), 4 << 20, InstantSource.system(), received::add);
            PsDemuxer playback = new PsDemuxer(CameraId.of(EAST), 4 << 20, InstantSource.system(), played::add);
            Thread receiver = Thread.ofPlatform().start(() -> {
                byte[] buffer = new byte[2048];
                while (!Thread.currentThread().isInterrupted()) {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    try {
                        media.receive(p);
                    } catch (java.net.SocketTimeoutException e) {
                        continue;
                    } catch (java.io.IOException e) {
                        return;
                    }
                    byte[] b = Arrays.copyOf(p.getData(), p.getLength());
                    PsDemuxer demuxer = (b[8] & 0xff) == 0x41 ? playback : live; // SSRC 1100000003 is 0x4190AB03
                    demuxer.feed(b, 12, b.length - 12);
                    if ((b[1] & 0x80) != 0) {
                        demuxer.endOfFrame();
                    }
                }
            });
            int port = server.ingest().gb28181().orElseThrow().sipPort();
            // four seconds the server recorded of the channel: it records from its first frame, ten seconds ago at least
            Instant deadline = Instant.now().plusSeconds(30);
            JsonObject status;
            do {
                Thread.sleep(250);
                status = api.expect(200, "GET", "/api/v1/cameras/" + EAST + "/status", admin, null);
                assertThat(Instant.now()).as(status.encode()).isBefore(deadline);
            } while (status.getLong("frames", 0L) < 250);
            long recordedFrom = Instant.now().getEpochSecond() - 8;
            Sipp.Run run = Sipp.run(dir, 60, "127.0.0.1:" + port, "-sf", Sipp.scenario("gb-superior.xml", dir).toString(),
                    "-oocsf", Sipp.scenario("gb-superior-ooc.xml", dir).toString(), "-key", "user", SERVER_ID,
                    "-key", "pass", "cascade-secret", "-key", "camera", EAST, "-key", "hidden", DEVICE,
                    "-key", "mediaport", Integer.toString(media.getLocalPort()),
                    "-key", "from", Long.toString(recordedFrom), "-key", "to", Long.toString(recordedFrom + 4),
                    "-i", "127.0.0.1",
                    "-p", Integer.toString(superiorPort), "-m", "1", "-trace_msg",
                    "-message_file", dir.resolve("messages.log").toString());
            receiver.interrupt();
            receiver.join(5_000);
            String messages = Files.readString(dir.resolve("messages.log"), Charset.forName("GB18030"));
            assertThat(run.exitCode()).as(run.output() + "\n" + messages).isZero();
            assertThat(messages).contains("<DeviceID>" + EAST + "</DeviceID>", "<Name>东门卡口</Name>",
                    "<Name>易俗河镇</Name>").doesNotContain("<Name>a1</Name>").doesNotContain("镇1");
            assertThat(received).hasSizeGreaterThan(25);
            assertThat(received.getFirst().isKeyframe()).isTrue();
            assertThat(played).as("the recordings").hasSizeGreaterThan(50);
            assertThat(played.getFirst().isKeyframe()).isTrue();
            assertThat(messages).contains("<NotifyType>121</NotifyType>");
        }
        JsonObject superiors = api.expect(200, "GET", "/api/v1/gb28181/superiors", admin, null);
        JsonObject city = superiors.getJsonArray("items").getJsonObject(0);
        assertThat(city.getString("id")).isEqualTo(SUPERIOR);
        assertThat(city.getBoolean("registered")).isTrue();
        assertThat(city.getJsonArray("share").getList()).containsExactly("县/易俗河镇");
        String townshipAdmin = user("admin.cascade", "admin", List.of("县", "易俗河镇"));
        assertThat(api.send("GET", "/api/v1/gb28181/superiors", townshipAdmin, null).statusCode()).isEqualTo(403);
        String metrics = api.send("GET", "/metrics", admin, null).body();
        assertThat(metrics).containsPattern("xueliang_gb28181_superior_registrations_total [1-9]")
                .contains("xueliang_gb28181_superior_refused_invites_total 1.0");
    }

    /**
     * The device's own recordings (its SD card), asked of it with RecordInfo: an investigator of its region gets its
     * answer; a viewer, another township and an RTSP camera do not.
     */
    @Test
    void anInvestigatorListsWhatTheDeviceItselfRecorded() throws Exception {
        String investigator = user("inv.sd", "investigator", List.of("县", "易俗河镇"));
        String path = "/api/v1/cameras/" + EAST + "/device-recordings?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";
        JsonObject listing = api.expect(200, "GET", path, investigator, null);
        assertThat(listing.getBoolean("complete")).isTrue();
        JsonArray items = listing.getJsonArray("items");
        assertThat(items).hasSize(2);
        assertThat(items.getJsonObject(0).getString("start")).isEqualTo("2026-12-01T08:00:00Z");
        assertThat(items.getJsonObject(0).getString("end")).isEqualTo("2026-12-01T08:30:00Z");
        assertThat(items.getJsonObject(1).getString("type")).isEqualTo("alarm");
        assertThat(items.getJsonObject(1).getString("filePath")).isEqualTo("/sd/rec/0002.ps");

        assertThat(api.send("GET", path, user("viewer.sd", "viewer", List.of("县", "易俗河镇")), null).statusCode())
                .isEqualTo(403);
        assertThat(api.send("GET", path, user("inv.zhen1", "investigator", List.of("县", "镇1")), null).statusCode())
                .isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/cameras/a1/device-recordings?from=2026-12-01T00:00:00Z"
                + "&to=2026-12-02T00:00:00Z", admin, null).statusCode()).as("an RTSP camera").isEqualTo(409);
    }

    /**
     * A device's own password: set and replaced by an admin of the whole network (201, 204), stored sealed, never
     * echoed nor audited; nobody else may set one; a short one or a malformed id is 400 naming the field.
     */
    @Test
    void anAdminGivesADeviceAPasswordOfItsOwnAndNobodyElseCan() throws Exception {
        String path = "/api/v1/gb28181/devices/43032100001180000077/password";
        JsonObject body = new JsonObject().put("password", "nvr-77-own-password");
        HttpResponse<String> set = api.send("PUT", path, admin, body);
        assertThat(set.statusCode()).isEqualTo(201);
        assertThat(set.body()).doesNotContain("nvr-77");
        assertThat(api.send("PUT", path, admin, new JsonObject().put("password", "nvr-77-replaced")).statusCode())
                .isEqualTo(204);
        assertThat(api.send("PUT", path, admin, new JsonObject().put("password", "short")).body()).contains("password");
        assertThat(api.send("PUT", "/api/v1/gb28181/devices/7/password", admin, body).statusCode()).isEqualTo(400);

        String townshipAdmin = user("admin.pw", "admin", List.of("县", "易俗河镇"));
        assertThat(api.send("PUT", path, townshipAdmin, body).statusCode()).isEqualTo(403);
        assertThat(api.send("DELETE", path, townshipAdmin, null).statusCode()).isEqualTo(403);

        assertThat(api.send("DELETE", path, admin, null).statusCode()).isEqualTo(204);
        assertThat(api.send("DELETE", path, admin, null).statusCode()).as("none left").isEqualTo(404);
        JsonArray audit = api.expect(200, "GET", "/api/v1/audit?limit=500", user("auditor.pw", "auditor", List.of()),
                null).getJsonArray("items");
        assertThat(audit.encode()).contains("/password").doesNotContain("nvr-77");
        assertThat(Files.readAllBytes(tmp.resolve("data").resolve("xueliang.db")))
                .asString(java.nio.charset.StandardCharsets.ISO_8859_1).doesNotContain("nvr-77");
        JsonObject list = api.expect(200, "GET", "/api/v1/gb28181/devices", admin, null);
        assertThat(list.getJsonArray("items").getJsonObject(0).getBoolean("ownPassword")).isFalse();
    }

    /**
     * The device plays what it recorded over a WebSocket, as live video is carried, and takes the investigator's
     * controls; a viewer may not open it and a malformed control is answered, not obeyed.
     */
    @Test
    void anInvestigatorWatchesWhatTheDeviceRecordedAndSteersIt() throws Exception {
        String investigator = user("inv.play", "investigator", List.of("县", "易俗河镇"));
        String path = "/api/v1/cameras/" + EAST + "/device-playback?from=2026-12-01T08:00:00Z&to=2026-12-01T08:30:00Z";
        assertThat(api.send("GET", path, user("viewer.play", "viewer", List.of("县", "易俗河镇")), null).statusCode())
                .isEqualTo(403);
        assertThat(api.send("GET", path, investigator, null).statusCode()).as("no Upgrade").isEqualTo(400);

        // as a browser opens it: with a media ticket for the path
        String ticket = api.expect(201, "POST", "/api/v1/tickets", investigator, new JsonObject().put("path",
                "/api/v1/cameras/" + EAST + "/device-playback")).getString("ticket");
        try (RawWebSocket ws = RawWebSocket.open(server.httpPort(), path + "&access_token=" + ticket)) {
            List<String> texts = new ArrayList<>();
            int binaries = 0;
            while (binaries < 25) {
                RawWebSocket.Frame f = ws.read();
                if (f.text()) {
                    texts.add(f.string());
                } else {
                    binaries++;
                }
            }
            assertThat(texts.getFirst()).contains("\"type\":\"stream\"").contains("avc1");
            ws.sendText("{\"action\":\"pause\"}");
            ws.sendText("{\"action\":\"play\",\"scale\":2}");
            ws.sendText("{\"action\":\"jump\"}");
            ws.sendText("{\"action\":\"play\",\"scale\":100}");
            List<String> controls = new ArrayList<>();
            while (controls.size() < 4) {
                RawWebSocket.Frame f = ws.read();
                if (f.text() && f.string().contains("\"control\"")) {
                    controls.add(f.string());
                }
            }
            // answered as each is done: the device's two in their order, the refusals at once
            assertThat(controls.stream().filter(c -> c.contains("\"ok\":true"))).hasSize(2);
            assertThat(controls.stream().filter(c -> c.contains("\"ok\":false"))).hasSize(2)
                    .anySatisfy(c -> assertThat(c).contains("action must be"))
                    .anySatisfy(c -> assertThat(c).contains("scale must be"));
        }
        Instant deadline = Instant.now().plusSeconds(10);
        String auditor = user("auditor.play", "auditor", List.of());
        JsonArray audit;
        do {
            Thread.sleep(200);
            audit = api.expect(200, "GET", "/api/v1/audit?limit=500", auditor, null).getJsonArray("items");
            assertThat(Instant.now()).as("the end of the view is audited").isBefore(deadline);
        } while (!audit.encode().contains("GET /api/v1/cameras/{id}/device-playback ended"));
    }

    @Test
    void anAdminOfTheWholeNetworkListsTheDevicesAndNobodyElseDoes() throws Exception {
        JsonObject list = api.expect(200, "GET", "/api/v1/gb28181/devices", admin, null);
        assertThat(list.getBoolean("enabled")).isTrue();
        JsonObject d = list.getJsonArray("items").getJsonObject(0);
        assertThat(d.getString("id")).isEqualTo(DEVICE);
        assertThat(d.getString("address")).startsWith("127.0.0.1:");
        assertThat(d.getString("transport")).isEqualTo("udp");
        assertThat(d.getBoolean("online")).isTrue();

        String townshipAdmin = user("admin.zhen", "admin", List.of("县", "易俗河镇"));
        String viewer = user("viewer.dev", "viewer", List.of());
        assertThat(api.send("GET", "/api/v1/gb28181/devices", townshipAdmin, null).statusCode())
                .as("a device's channels may lie in other regions").isEqualTo(403);
        HttpResponse<String> refused = api.send("GET", "/api/v1/gb28181/devices/" + DEVICE + "/status", townshipAdmin,
                null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/gb28181/devices/43032100001180000077/status", admin, null).statusCode())
                .as("not registered").isEqualTo(404);
        JsonObject state = api.expect(200, "GET", "/api/v1/gb28181/devices/" + DEVICE + "/status", admin, null);
        assertThat(state.getBoolean("online")).isTrue();
        assertThat(state.getString("record")).isEqualTo("OFF");
        assertThat(state.getJsonArray("alarms").getJsonObject(0).getString("duty")).isEqualTo("ONDUTY");
        assertThat(api.send("GET", "/api/v1/gb28181/devices", viewer, null).statusCode()).isEqualTo(403);
        assertThat(api.send("GET", "/api/v1/gb28181/devices", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerOfItsRegionSteersItAndEveryCommandIsChecked() throws Exception {
        String viewer = user("wall.op", "viewer", List.of("县", "易俗河镇"));
        assertThat(steer(viewer, EAST, new JsonObject().put("pan", 1).put("speed", 100)).statusCode()).isEqualTo(204);
        assertThat(steer(viewer, EAST, new JsonObject().put("pan", 0).put("tilt", 0).put("zoom", 0)).statusCode())
                .as("stop").isEqualTo(204);
        assertThat(steer(viewer, EAST, new JsonObject().put("preset", new JsonObject().put("action", "call")
                .put("number", 3))).statusCode()).isEqualTo(204);

        HttpResponse<String> both = steer(viewer, EAST, new JsonObject().put("pan", 1).put("speed", 9)
                .put("preset", new JsonObject().put("action", "call").put("number", 3)));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("preset");
        for (JsonObject bad : List.of(new JsonObject().put("pan", 2).put("speed", 9),
                new JsonObject().put("pan", 1), new JsonObject().put("zoom", 1).put("speed", 256),
                new JsonObject().put("preset", new JsonObject().put("action", "call").put("number", 0)),
                new JsonObject().put("preset", new JsonObject().put("action", "jump").put("number", 1)),
                new JsonObject().put("tilt", 1).put("speed", 9).put("focus", 1))) {
            assertThat(steer(viewer, EAST, bad).statusCode()).as(bad.encode()).isEqualTo(400);
        }
    }

    @Test
    void nobodyOutsideItsRegionOrWithoutLiveRightsSteersItAndRtspCamerasCannotBe() throws Exception {
        String otherTownship = user("op.zhen1", "viewer", List.of("县", "镇1"));
        String auditor = user("auditor.ptz", "auditor", List.of());
        JsonObject move = new JsonObject().put("pan", -1).put("speed", 50);

        assertThat(camera(otherTownship, EAST).statusCode()).isEqualTo(404);
        assertThat(steer(otherTownship, EAST, move).statusCode()).isEqualTo(404);
        assertThat(steer(auditor, EAST, move).statusCode()).isEqualTo(403);
        assertThat(steer(null, EAST, move).statusCode()).isEqualTo(401);
        assertThat(steer(otherTownship, "a1", move).statusCode()).as("an RTSP camera").isEqualTo(409);
        JsonArray audit = api.expect(200, "GET", "/api/v1/audit?action=" + java.net.URLEncoder.encode(
                "POST /api/v1/cameras/{id}/ptz", java.nio.charset.StandardCharsets.UTF_8) + "&limit=100",
                user("auditor.all", "auditor", List.of()), null).getJsonArray("items");
        assertThat(audit.stream().map(o -> ((JsonObject) o).getInteger("status")).toList()).contains(404, 403, 409);
    }
}
