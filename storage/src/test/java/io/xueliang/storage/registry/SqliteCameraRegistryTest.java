package io.xueliang.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.CameraAuth;
import io.xueliang.config.Location;
import io.xueliang.config.Transport;
import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;
import io.xueliang.storage.secret.SecretBox;
import io.xueliang.storage.secret.SecretUnreadableException;
import io.xueliang.sql.EmbeddedDatabase;
import io.xueliang.sql.EmbeddedDatabaseSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCameraRegistryTest {
    @TempDir
    Path root;
    private EmbeddedDatabase db;
    private SqliteCameraRegistry registry;
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T08:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        db = EmbeddedDatabase.open(root, EmbeddedDatabaseSettings.defaults(), clock);
        registry = new SqliteCameraRegistry(db, SecretBox.load(root, Map.of()), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Camera camera(String id, List<String> region, String source) {
        return new Camera(CameraId.of(id), "名 " + id, region, new Location(27.78, 112.95), URI.create(source),
                null, Transport.TCP, true, true, id.endsWith("p"), true, "eastbound");
    }

    @Test
    void keepsCamerasWithTheirPasswordsSealedAtRest() throws Exception {
        Camera cam = camera("43032100001210000001", List.of("湘潭县", "易俗河镇"),
                "rtsp://admin:Secret-4711@10.0.0.5:554/Streaming/Channels/101");
        registry.put(cam, CameraOrigin.API).get();
        RegisteredCamera back = registry.get(cam.id()).orElseThrow();
        assertThat(back.camera()).isEqualTo(cam);
        assertThat(back.origin()).isEqualTo(CameraOrigin.API);
        assertThat(back.created()).isEqualTo(clock.instant());

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT source_redacted, source_sealed FROM cameras")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101");
            assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain("Secret-4711");
        }
        assertThat(Files.readAllBytes(db.file())).asString(StandardCharsets.ISO_8859_1).doesNotContain("Secret-4711");
    }

    private static Camera channel(String id, String name) {
        return new Camera(CameraId.of(id), name, List.of(), null, URI.create("gb28181:43032100001180000001/" + id),
                null, Transport.UDP, true, true, false, true, null);
    }

    @Test
    void aGbDevicesCatalogBecomesItsCamerasAndTheNextCatalogReplacesThem() throws Exception {
        String nvr = "43032100001180000001";
        CameraRegistry.GbSync first = registry.syncGbDevice(nvr, List.of(channel("43032100001310000001", "东门"),
                channel("43032100001310000002", "西门")), true).get();
        assertThat(first.upserted()).hasSize(2);
        assertThat(registry.get(CameraId.of("43032100001310000001")).orElseThrow().origin())
                .isEqualTo(CameraOrigin.GB28181);

        // An admin turns plate reading on and places the camera; the next catalog renames it but keeps both.
        Camera east = registry.get(CameraId.of("43032100001310000001")).orElseThrow().camera();
        Camera placed = new Camera(east.id(), east.name(), List.of("湘潭县"), east.location(), east.source(), null,
                east.transport(), true, true, true, true, null);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.file()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE cameras SET plates = 1, region_key = '湘潭县/' WHERE id = '43032100001310000001'");
        }
        CameraRegistry.GbSync second = registry.syncGbDevice(nvr, List.of(channel("43032100001310000001", "东门卡口"),
                channel("43032100001310000003", "南门")), true).get();

        assertThat(second.removed()).containsExactly(CameraId.of("43032100001310000002"));
        assertThat(second.upserted()).extracting(Camera::name).containsExactlyInAnyOrder("东门卡口", "南门");
        Camera renamed = registry.get(east.id()).orElseThrow().camera();
        assertThat(renamed.name()).isEqualTo("东门卡口");
        assertThat(renamed.plates()).isTrue();
        assertThat(renamed.region()).isEqualTo(placed.region());
        assertThat(registry.syncGbDevice(nvr, List.of(channel("43032100001310000001", "东门卡口"),
                channel("43032100001310000003", "南门")), true).get().upserted()).as("nothing changed").isEmpty();
        assertThat(registry.syncGbDevice(nvr, List.of(), false).get().removed()).as("a partial catalog removes nothing")
                .isEmpty();
    }

    @Test
    void aCatalogNeverTakesOverACameraOfTheFileOrTheApi() throws Exception {
        Camera rtsp = camera("43032100001310000001", List.of("湘潭县"), "rtsp://10.0.0.5/1");
        registry.put(rtsp, CameraOrigin.API).get();

        CameraRegistry.GbSync sync = registry.syncGbDevice("43032100001180000001",
                List.of(channel("43032100001310000001", "东门"), channel("43032100001310000002", "西门")), true).get();

        assertThat(sync.ownedElsewhere()).containsExactly(rtsp.id());
        assertThat(registry.get(rtsp.id()).orElseThrow().camera()).isEqualTo(rtsp);
        assertThat(registry.syncGbDevice("43032100001180000001", List.of(), true).get().removed())
                .as("an emptied catalog removes its own channels only")
                .containsExactly(CameraId.of("43032100001310000002"));
        assertThat(registry.get(rtsp.id())).isPresent();
    }

    @Test
    void keepsEachCamerasAuthWithItsTransport() throws Exception {
        for (CameraAuth auth : CameraAuth.values()) {
            for (Transport transport : Transport.values()) {
                Camera c = camera("cam-" + auth + "-" + transport, List.of("县"), "rtsp://admin:pw@10.0.0.5/101");
                Camera cam = new Camera(c.id(), c.name(), c.region(), c.location(), c.source(), null, transport, true,
                        true, false, true, null, auth);
                registry.put(cam, CameraOrigin.API).get();
                assertThat(registry.get(cam.id()).orElseThrow().camera()).isEqualTo(cam);
            }
        }
    }

    @Test
    void migrationV10MovesTheAuthThatRodeInTheTransportColumnIntoItsOwn() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate(script("V3__cameras.sql"));
            for (String transport : List.of("TCP", "UDP,ANY", "AUTO,BASIC")) {
                st.executeUpdate("INSERT INTO cameras (id, name, region_key, source_redacted, source_sealed, transport,"
                        + " record, live, plates, enabled, origin, created_micros, updated_micros) VALUES ('"
                        + transport + "', 'n', '', 's', x'00', '" + transport + "', 1, 1, 0, 1, 'api', 0, 0)");
            }
            st.executeUpdate(script("V10__camera_auth.sql"));
            java.util.Map<String, String> rows = new java.util.TreeMap<>();
            try (java.sql.ResultSet rs = st.executeQuery("SELECT id, transport, auth FROM cameras")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertThat(rows).containsExactly(java.util.Map.entry("AUTO,BASIC", "AUTO basic"),
                    java.util.Map.entry("TCP", "TCP digest"), java.util.Map.entry("UDP,ANY", "UDP any"));
        }
    }

    private static String script(String name) throws java.io.IOException {
        try (var in = SqliteCameraRegistryTest.class.getResourceAsStream("/db/sqlite/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void listsPagesInIdOrderFilteredByRegionAndRole() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = String.format("cam%02d%s", i, i % 5 == 0 ? "p" : "");
            ids.add(id);
            List<String> region = switch (i % 3) {
                case 0 -> List.of("湘潭县", "易俗河镇");
                case 1 -> List.of("湘潭县", "花石镇", "村");
                default -> List.of("湘潭县城");
            };
            registry.put(camera(id, region, "rtsp://10.0.0." + i + "/s"), CameraOrigin.API).get();
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            List<RegisteredCamera> page = registry.list(new CameraQuery(List.of(), null, 10, cursor));
            page.forEach(r -> seen.add(r.camera().id().value()));
            cursor = page.size() == 10 ? page.get(9).camera().id().value() : null;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());

        assertThat(registry.list(new CameraQuery(List.of("湘潭县"), null, 100, null)))
                .as("a county holds its towns, and 湘潭县城 is not inside 湘潭县").hasSize(17)
                .allSatisfy(r -> assertThat(r.camera().region().get(0)).isEqualTo("湘潭县"));
        assertThat(registry.list(new CameraQuery(List.of("湘潭县", "花石镇"), null, 100, null))).hasSize(8);
        assertThat(registry.list(new CameraQuery(List.of(), "plates", 100, null)))
                .extracting(r -> r.camera().id().value()).containsExactly("cam00p", "cam05p", "cam10p", "cam15p", "cam20p");
    }

    @Test
    void syncFromConfigOwnsOnlyTheFilesCameras() throws Exception {
        Camera a = camera("a", List.of("县"), "rtsp://10.0.0.1/a");
        Camera b = camera("b", List.of("县"), "rtsp://10.0.0.2/b");
        Camera c = camera("c", List.of("县"), "rtsp://10.0.0.3/c");
        Camera api = camera("fromapi", List.of("县"), "rtsp://10.0.0.9/x");
        var first = registry.syncFromConfig(List.of(a, b, c)).get();
        assertThat(first.upserted()).containsExactly(a, b, c);
        registry.put(api, CameraOrigin.API).get();

        assertThat(registry.syncFromConfig(List.of(a, b, c)).get().upserted()).as("nothing changed").isEmpty();

        Camera bMoved = camera("b", List.of("县"), "rtsp://10.0.0.22/b");
        var second = registry.syncFromConfig(List.of(a, bMoved)).get();
        assertThat(second.upserted()).containsExactly(bMoved);
        assertThat(second.removed()).containsExactly(CameraId.of("c"));
        assertThat(registry.all()).extracting(r -> r.camera().id().value()).containsExactly("a", "b", "fromapi");
        assertThat(registry.get(CameraId.of("b")).orElseThrow().camera().source()).hasToString("rtsp://10.0.0.22/b");
    }

    @Test
    void importsAllOrNoneAndNeverTakesOverTheFilesCameras() throws Exception {
        registry.syncFromConfig(List.of(camera("file1", List.of("县"), "rtsp://10.0.0.1/f"))).get();
        registry.put(camera("old", List.of("县"), "rtsp://10.0.0.2/o"), CameraOrigin.API).get();

        var outcome = registry.importAll(List.of(camera("old", List.of("县", "镇"), "rtsp://10.0.0.22/o"),
                camera("new1", List.of("县"), "rtsp://10.0.0.3/n"))).get();
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(outcome.replaced()).isEqualTo(1);
        assertThat(registry.get(CameraId.of("old")).orElseThrow().camera().region()).containsExactly("县", "镇");

        assertThatThrownBy(() -> registry.importAll(List.of(camera("new2", List.of("县"), "rtsp://10.0.0.4/n"),
                camera("file1", List.of("县"), "rtsp://10.0.0.5/f"))).get())
                .hasCauseInstanceOf(FileOwnedCamerasException.class)
                .cause().extracting(e -> ((FileOwnedCamerasException) e).cameras()).isEqualTo(List.of(CameraId.of("file1")));
        assertThat(registry.get(CameraId.of("new2"))).isEmpty();
        assertThat(registry.get(CameraId.of("file1")).orElseThrow().origin()).isEqualTo(CameraOrigin.CONFIG);
    }

    @Test
    void deletesAndRefusesRegionNamesWithSlashes() throws Exception {
        Camera a = camera("a", List.of("县"), "rtsp://10.0.0.1/a");
        registry.put(a, CameraOrigin.API).get();
        assertThat(registry.delete(a.id()).get()).isTrue();
        assertThat(registry.delete(a.id()).get()).isFalse();
        assertThat(registry.get(a.id())).isEmpty();
        assertThatThrownBy(() -> registry.put(camera("x", List.of("a/b"), "rtsp://h/x"), CameraOrigin.API))
                .hasMessageContaining("without '/'");
    }

    @Test
    void aReplacedKeyFileMakesSealedSourcesUnreadableRatherThanWrong() throws Exception {
        registry.put(camera("a", List.of("县"), "rtsp://u:p@10.0.0.1/a"), CameraOrigin.API).get();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(SecretBox.KEY_FILE))))
                .isEqualTo("rw-------");
        SqliteCameraRegistry otherKey = new SqliteCameraRegistry(db, new SecretBox(new byte[32]), clock);
        assertThatThrownBy(() -> otherKey.get(CameraId.of("a"))).isInstanceOf(SecretUnreadableException.class);
        SqliteCameraRegistry sameFile = new SqliteCameraRegistry(db, SecretBox.load(root, Map.of()), clock);
        assertThat(sameFile.get(CameraId.of("a"))).isPresent();
    }

    @Test
    void secretKeyFromTheEnvironmentMustBe32Bytes() {
        assertThatThrownBy(() -> SecretBox.load(root, Map.of(SecretBox.ENV, "c2hvcnQ=")))
                .hasMessage("XUELIANG_SECRET_KEY must be the base64 of 32 bytes, got 5");
        assertThatThrownBy(() -> SecretBox.load(root, Map.of(SecretBox.ENV, "***")))
                .hasMessage("XUELIANG_SECRET_KEY is not base64");
    }
}
