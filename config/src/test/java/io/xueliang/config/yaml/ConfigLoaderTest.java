package io.xueliang.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.config.BlobStoreKind;
import io.xueliang.config.CameraAuth;
import io.xueliang.config.CameraConfig;
import io.xueliang.config.CameraDefaults;
import io.xueliang.config.ConfigException;
import io.xueliang.config.HttpConfig;
import io.xueliang.config.IngestConfig;
import io.xueliang.config.Location;
import io.xueliang.config.RecordingConfig;
import io.xueliang.config.S3Config;
import io.xueliang.config.StorageConfig;
import io.xueliang.config.Transport;
import io.xueliang.config.XueliangConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static XueliangConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    private static XueliangConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "t.yaml", env);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "# nothing but a comment\n", "~\n", "---\n", "http:\ncameras:\n"})
    void emptyDocumentGivesDefaults(String yaml) {
        assertThat(parse(yaml)).isEqualTo(XueliangConfig.defaults());
    }

    @Test
    void defaultsAreThoseOfTheDesign() {
        XueliangConfig d = XueliangConfig.defaults();
        assertThat(d.http()).isEqualTo(new HttpConfig(8080, null));
        assertThat(d.storage()).isEqualTo(new StorageConfig(Path.of("./data")));
        assertThat(d.recording()).isEqualTo(new RecordingConfig(60, 30, 5));
        assertThat(d.cameraDefaults()).isEqualTo(new CameraDefaults(Transport.AUTO, true, true, false, true));
        assertThat(d.ingest()).isEqualTo(new IngestConfig(50, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
                16384, 65536, 4194304, 3, 512, 0, 20000, 40000, true));
        assertThat(d.cameras()).isEmpty();
    }

    @Test
    void keyLeftOutOfASectionKeepsItsDefault() {
        XueliangConfig config = parse("http: {port: 9090}\nrecording: {retentionDays: 90}\ningest: {maxRedirects: ~}\n");

        assertThat(config.http()).isEqualTo(new HttpConfig(9090, null));
        assertThat(config.recording()).isEqualTo(new RecordingConfig(60, 90, 5));
        assertThat(config.ingest()).isEqualTo(IngestConfig.defaults());
    }

    @Test
    void httpLimitsAndTlsFilesLoad() {
        XueliangConfig config = parse("http: {maxBodyBytes: 2048, maxHeaderBytes: 4096, maxRequestLineBytes: 512,"
                + " tlsCertificate: tls/cert.pem, tlsKey: tls/key.pem}\n");

        assertThat(config.http()).isEqualTo(new HttpConfig(8080, null, 2048, 4096, 512,
                Path.of("tls/cert.pem"), Path.of("tls/key.pem")));
        assertThat(config.http().tls()).isTrue();
        assertThat(XueliangConfig.defaults().http().tls()).isFalse();
    }

    @Test
    void mapTilesNameTheOriginTheUiMayLoadPicturesFrom() {
        HttpConfig http = parse("http: {mapTiles: 'https://Tiles.County.example:8443/osm/{z}/{x}/{y}.png?key=1',"
                + " mapAttribution: '© OpenStreetMap contributors'}\n").http();
        assertThat(http.mapTiles()).isEqualTo("https://Tiles.County.example:8443/osm/{z}/{x}/{y}.png?key=1");
        assertThat(http.mapTileOrigin()).isEqualTo("https://tiles.county.example:8443");
        assertThat(http.mapAttribution()).isEqualTo("© OpenStreetMap contributors");
        assertThat(parse("http: {mapTiles: 'http://10.1.2.3/t?z={z}&x={x}&y={y}'}\n").http().mapTileOrigin())
                .isEqualTo("http://10.1.2.3");
        assertThat(XueliangConfig.defaults().http().mapTileOrigin()).isNull();
    }

    @Test
    void s3TierLoadsWithTheSecretFromTheEnvironment() {
        String yaml = """
                storage:
                  root: /var/lib/xueliang
                  blob: s3
                  s3:
                    endpoint: http://minio.local:9000
                    bucket: xueliang-video
                    accessKey: xueliang
                    secretKey: ${S3_SECRET_KEY}
                    prefix: county-a/
                """;

        StorageConfig storage = parse(yaml, Map.of("S3_SECRET_KEY", "minio-s3cret")).storage();

        assertThat(storage).isEqualTo(new StorageConfig(Path.of("/var/lib/xueliang"), BlobStoreKind.S3,
                new S3Config(URI.create("http://minio.local:9000"), "us-east-1", "xueliang-video", "xueliang",
                        "minio-s3cret", "county-a/", true)));
        assertThat(storage.toString()).contains("secretKey=***").doesNotContain("minio-s3cret");
    }

    @Test
    void s3BlockMayBeFilledInWhileTheTierIsOff() {
        StorageConfig storage = parse("storage: {s3: {bucket: spare, pathStyle: false}}\n").storage();

        assertThat(storage.blob()).isEqualTo(BlobStoreKind.LOCAL);
        assertThat(storage.s3()).isEqualTo(new S3Config(null, "us-east-1", "spare", null, null, "", false));
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("10s", Duration.ofSeconds(10)),
                Arguments.of("2m", Duration.ofMinutes(2)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("'90s'", Duration.ofSeconds(90)));
    }

    @ParameterizedTest
    @MethodSource("durations")
    void durationsTakeAUnit(String written, Duration expected) {
        XueliangConfig config = parse("ingest: {backoffMin: 10ms, backoffMax: " + written + "}\n");

        assertThat(config.ingest().backoffMax()).isEqualTo(expected);
    }

    @Test
    void designExampleLoads() {
        String yaml = """
                http: { port: 8080 }                 # metricsToken: set to require a token on /metrics
                storage: { root: ./data }
                recording: { segmentSeconds: 60, retentionDays: 30, minFreePercent: 5 }
                cameraDefaults: { transport: tcp, record: true }
                cameras:
                  - id: "43032100001210000001"      # GB/T 28181-style 20 digits; 121 = video checkpoint
                    name: 易俗河卡口东
                    region: [湘潭县, 易俗河镇]
                    location: { lat: 27.78, lon: 112.95 }
                    source: rtsp://admin:${CAM_PASS}@10.0.0.5:554/Streaming/Channels/101
                    substream: rtsp://admin:${CAM_PASS}@10.0.0.5:554/Streaming/Channels/102
                    plates: true
                """;

        XueliangConfig config = parse(yaml, Map.of("CAM_PASS", "Hik12345"));

        assertThat(config.cameras()).containsExactly(new CameraConfig("43032100001210000001", "易俗河卡口东",
                List.of("湘潭县", "易俗河镇"), new Location(27.78, 112.95),
                URI.create("rtsp://admin:Hik12345@10.0.0.5:554/Streaming/Channels/101"),
                URI.create("rtsp://admin:Hik12345@10.0.0.5:554/Streaming/Channels/102"),
                Transport.TCP, true, true, true, true, null));
        assertThat(config.camera("43032100001210000001")).isPresent();
        assertThat(config.camera("nope")).isEmpty();
    }

    @Test
    void cameraTakesCameraDefaultsForEveryKeyItLeavesOut() {
        String yaml = """
                cameraDefaults: { transport: udp, record: false, live: false, plates: true, enabled: false, auth: any }
                cameras:
                  - id: inherits
                    source: rtsp://h/1
                  - id: overrides
                    source: rtsp://h/2
                    transport: tcp
                    record: true
                    live: true
                    plates: false
                    enabled: true
                    auth: basic
                """;

        XueliangConfig config = parse(yaml);

        CameraConfig inherits = config.cameras().get(0);
        assertThat(List.of(inherits.transport(), inherits.record(), inherits.live(), inherits.plates(),
                inherits.enabled(), inherits.auth())).containsExactly(Transport.UDP, false, false, true, false, CameraAuth.ANY);
        CameraConfig overrides = config.cameras().get(1);
        assertThat(List.of(overrides.transport(), overrides.record(), overrides.live(), overrides.plates(),
                overrides.enabled(), overrides.auth())).containsExactly(Transport.TCP, true, true, false, true, CameraAuth.BASIC);
    }

    @Test
    void cameraLeavingOutOptionalKeysGetsIdAsNameAndNoRegionLocationSubstreamOrDirection() {
        CameraConfig camera = parse("cameras: [{id: gate-1, source: 'rtsps://h/'}]\n").cameras().get(0);

        assertThat(camera.name()).isEqualTo("gate-1");
        assertThat(camera.region()).isEmpty();
        assertThat(camera.location()).isNull();
        assertThat(camera.substream()).isNull();
        assertThat(camera.direction()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"43032100001210000001", "0123", "1e5", "true", "null1"})
    void unquotedIdIsReadAsWritten(String id) {
        assertThat(parse("cameras: [{id: " + id + ", source: 'rtsp://h/'}]\n").cameras().get(0).id()).isEqualTo(id);
    }

    static Stream<Arguments> substitutions() {
        return Stream.of(
                Arguments.of("rtsp://admin:${CAM_PASS}@h/", "rtsp://admin:p%40ss@h/"),
                Arguments.of("rtsp://${CAM_USER}:${CAM_PASS}@h/", "rtsp://admin:p%40ss@h/"),
                Arguments.of("rtsp://admin:$${CAM_PASS}@h/", "rtsp://admin:${CAM_PASS}@h/"),
                Arguments.of("rtsp://admin:pa$$word@h/", "rtsp://admin:pa$$word@h/"),
                Arguments.of("rtsp://admin:pa$@h/${EMPTY}", "rtsp://admin:pa$@h/"));
    }

    @ParameterizedTest
    @MethodSource("substitutions")
    void substitutesEnvironmentVariablesInValues(String written, String expected) {
        Map<String, String> env = Map.of("CAM_USER", "admin", "CAM_PASS", "p%40ss", "EMPTY", "");
        String yaml = "cameras:\n  - id: a\n    name: '" + written + "'\n    source: rtsp://h/\n";

        assertThat(parse(yaml, env).cameras().get(0).name()).isEqualTo(expected);
    }

    @Test
    void substitutesIntoNumbersAndBooleansToo() {
        XueliangConfig config = parse("http: {port: '${PORT}'}\ncameraDefaults: {plates: '${PLATES}'}\n",
                Map.of("PORT", "9000", "PLATES", "true"));

        assertThat(config.http().port()).isEqualTo(9000);
        assertThat(config.cameraDefaults().plates()).isTrue();
    }

    @Test
    void substitutedValueIsNotSubstitutedAgain() {
        XueliangConfig config = parse("http: {metricsToken: '${TOKEN}'}\n", Map.of("TOKEN", "${OTHER}"));

        assertThat(config.http().metricsToken()).isEqualTo("${OTHER}");
    }

    @Test
    void passwordFromTheEnvironmentNeverShowsInToString() {
        XueliangConfig config = parse("cameras: [{id: a, source: 'rtsp://admin:${CAM_PASS}@10.0.0.5:554/ch1',"
                + " substream: 'rtsp://admin:${CAM_PASS}@10.0.0.5:554/ch2'}]\nhttp: {metricsToken: '${TOKEN}'}\n",
                Map.of("CAM_PASS", "Hik12345", "TOKEN", "tok-secret"));

        assertThat(config.cameras().get(0).source().getUserInfo()).isEqualTo("admin:Hik12345");
        assertThat(config.toString())
                .contains("rtsp://admin:***@10.0.0.5:554/ch1", "rtsp://admin:***@10.0.0.5:554/ch2")
                .doesNotContain("Hik12345")
                .doesNotContain("tok-secret");
    }

    static Stream<String> badCamerasWithPasswords() {
        return Stream.of(
                "cameras: [{id: 'bad id', source: 'rtsp://admin:Hik12345@10.0.0.5/'}]",
                "cameras: [{id: a, source: 'rtsp://admin:Hik12345@10.0.0.5/', bogus: 1}]",
                "cameras: [{id: a, source: 'http://admin:Hik12345@10.0.0.5/'}]",
                "cameras: [{id: a, source: 'rtsp://admin:Hik 12345@10.0.0.5/'}]",
                "cameras: [{id: a, source: 'rtsp://admin:Hik12345@/'}]",
                "cameras: [{id: a, source: 'rtsp://admin:Hik12345@10.0.0.5/', substream: 'file:Hik12345'}]",
                "cameras: [{id: a, source: 'rtsp://admin:Hik12345@10.0.0.5/'}, {id: a, source: 'rtsp://h/'}]",
                "cameras: [{id: a, source: {url: 'rtsp://admin:Hik12345@10.0.0.5/'}}]",
                "cameras: [{id: a, source: 'rtsp://admin:Hik12345@10.0.0.5/}]",
                "http: {metricsToken: [Hik12345]}");
    }

    @ParameterizedTest
    @MethodSource("badCamerasWithPasswords")
    void errorMessagesNeverQuoteAPassword(String yaml) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .extracting(Throwable::getMessage)
                .asString()
                .doesNotContain("Hik12345");
    }

    @Test
    void loadsAFileAndNamesItInFailures(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("xueliang.yaml");
        Files.writeString(file, "http:\n  port: 9090\n");
        assertThat(ConfigLoader.load(file, Map.of()).http().port()).isEqualTo(9090);

        Files.writeString(file, "http:\n  port: 0x10\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage(file + ":2: http.port: expected an integer, got '0x10'");
    }

    @Test
    void fileThatIsNotUtf8FailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not valid UTF-8");
    }

    @Test
    void missingFileIsAnIoFailure(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void cameraListIsImmutable() {
        XueliangConfig config = parse("cameras: [{id: a, source: 'rtsp://h/', region: [x]}]\n");

        assertThatThrownBy(() -> config.cameras().add(config.cameras().get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.cameras().get(0).region().add("y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
