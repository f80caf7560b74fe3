package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.xueliang.config.yaml.ConfigLoader;
import io.xueliang.ingest.simulator.RtspCameraSimulator;
import io.xueliang.ingest.simulator.SimulatorOptions;
import io.xueliang.ingest.simulator.SimulatorSource;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bulk import of cameras from CSV: all rows or none, every bad row reported, imported cameras start playing. */
class ApiCameraImportTest {
    @TempDir
    Path tmp;

    private static List<String> fields(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("field")).toList();
    }

    @Test
    void importsAWholeFileOrNothingAndTheImportedCamerasPlay() throws Exception {
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(3)).start()) {
            String yaml = """
                    http: { port: 0 }
                    storage: { root: %s }
                    cameras:
                      - { id: file1, region: [湘潭县], source: "rtsp://127.0.0.1:%d/cam1" }
                    """.formatted(tmp.resolve("data"), sim.port());
            try (XueliangServer server = XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1")) {
                ApiClient api = new ApiClient(server.httpPort());
                String admin = api.login("admin", server.firstAdmin().orElseThrow().password());
                String src = "rtsp://127.0.0.1:" + sim.port();

                String bad = "\uFEFFid,name,region,lat,lon,source,transport,plates,auth\n"
                        + "imp1,\"东门, 卡口\",湘潭县/易俗河镇,27.78,112.95," + src + "/cam2,tcp,true,\n"
                        + "imp2,,湘潭县,95,112.9," + src + "/cam3,tcp,maybe,\n"
                        + "bad id!,,,,,http://x/y,,,\n"
                        + "file1,,,,," + src + "/cam1,,,\n"
                        + "imp1,,,,," + src + "/cam2,,,\n"
                        + "imp3,,,,," + src + "/cam3,,,plain\n";
                HttpResponse<String> refused = api.send("POST", "/api/v1/cameras:import", admin, "text/csv", bad);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
                assertThat(fields(refused)).containsExactlyInAnyOrder("line 3: lat", "line 4: id", "line 6: id", "line 7: auth");
                assertThat(api.expect(200, "GET", "/api/v1/cameras", admin, null).getJsonArray("items")).hasSize(1);

                String ownedByFile = "id,source\nimp9," + src + "/cam2\nfile1," + src + "/cam1\n";
                HttpResponse<String> owned = api.send("POST", "/api/v1/cameras:import", admin, "text/csv", ownedByFile);
                assertThat(owned.statusCode()).as(owned.body()).isEqualTo(400);
                assertThat(fields(owned)).containsExactly("line 3: id");

                assertThat(fields(api.send("POST", "/api/v1/cameras:import", admin, "text/csv", "id,source,colour\n")))
                        .containsExactly("line 1: colour");
                assertThat(fields(api.send("POST", "/api/v1/cameras:import", admin, "text/csv", "id,name\nx,y\n")))
                        .containsExactly("line 1: source");
                assertThat(fields(api.send("POST", "/api/v1/cameras:import", admin, "text/csv", "id,source\n\"x," + src)))
                        .containsExactly("body");

                String good = "id,name,region,lat,lon,source,transport,plates,auth\n"
                        + "imp1,\"东门, 卡口\",湘潭县/易俗河镇,27.78,112.95," + src + "/cam2,tcp,true,any\n"
                        + "imp2,,湘潭县,,," + src + "/cam3,,no,\n";
                JsonObject result = new JsonObject(api.send("POST", "/api/v1/cameras:import", admin, "text/csv", good).body());
                assertThat(result).isEqualTo(new JsonObject().put("created", 2).put("replaced", 0));
                JsonObject imp1 = api.expect(200, "GET", "/api/v1/cameras/imp1", admin, null);
                assertThat(imp1.getString("name")).isEqualTo("东门, 卡口");
                assertThat(imp1.getJsonArray("region")).containsExactly("湘潭县", "易俗河镇");
                assertThat(imp1.getBoolean("plates")).isTrue();
                assertThat(imp1.getString("origin")).isEqualTo("api");
                assertThat(imp1.getString("auth")).isEqualTo("any");
                assertThat(api.expect(200, "GET", "/api/v1/cameras/imp2", admin, null).getString("auth")).isEqualTo("digest");

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (System.nanoTime() < deadline && !"playing".equals(api.expect(200, "GET", "/api/v1/cameras/imp2/status",
                        admin, null).getString("state"))) {
                    Thread.sleep(200);
                }
                assertThat(api.expect(200, "GET", "/api/v1/cameras/imp2/status", admin, null).getString("state"))
                        .isEqualTo("playing");

                JsonObject again = new JsonObject(api.send("POST", "/api/v1/cameras:import", admin, "text/csv",
                        "id,source,enabled\nimp2," + src + "/cam3,false\n").body());
                assertThat(again).isEqualTo(new JsonObject().put("created", 0).put("replaced", 1));

                api.expect(201, "POST", "/api/v1/users", admin, new JsonObject().put("username", "op1")
                        .put("password", "op1-password-long").put("roles", new io.vertx.core.json.JsonArray(List.of("viewer"))));
                String viewer = api.login("op1", "op1-password-long");
                assertThat(api.send("POST", "/api/v1/cameras:import", viewer, "text/csv", good).statusCode()).isEqualTo(403);
            }
        }
    }
}
