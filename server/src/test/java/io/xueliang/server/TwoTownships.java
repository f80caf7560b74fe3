package io.xueliang.server;

import io.xueliang.config.yaml.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;

/**
 * The API tests' server: camera a1 in township 镇1 and b1 in 镇2 of one county, neither pulled (the tests are about
 * who may see and do what, not video).
 */
final class TwoTownships {
    private TwoTownships() {
    }

    /**
     * @param http extra keys of the http section, e.g. {@code "metricsToken: x"}, or empty
     */
    static XueliangServer start(Path root, String http) throws Exception {
        String yaml = """
                http: { port: 0%s }
                storage: { root: %s }
                cameraDefaults: { enabled: false }
                cameras:
                  - { id: a1, region: [县, 镇1], source: "rtsp://10.0.0.1/a1" }
                  - { id: b1, region: [县, 镇2], source: "rtsp://10.0.0.2/b1" }
                """.formatted(http.isEmpty() ? "" : ", " + http, root);
        return XueliangServer.start(ConfigLoader.parse(yaml, "t.yaml", Map.of()), "127.0.0.1");
    }
}
