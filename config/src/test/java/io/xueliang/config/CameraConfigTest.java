package io.xueliang.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CameraConfigTest {
    private static CameraConfig camera(String source, String substream) {
        return new CameraConfig("cam1", null, null, null, URI.create(source),
                substream == null ? null : URI.create(substream), Transport.TCP, true, true, false, true, null);
    }

    /** The table of {@link UriRedactionTest}: a camera shows its source exactly as the one redaction does. */
    @ParameterizedTest
    @MethodSource("io.xueliang.config.UriRedactionTest#uris")
    void showsItsSourceThroughTheOneRedaction(String source, String redacted) {
        assertThat(camera(source, null).redactedSource()).hasToString(redacted);
    }

    @Test
    void toStringShowsRedactedSourceAndSubstream() {
        CameraConfig camera = camera("rtsp://admin:Hik12345@10.0.0.5:554/101", "rtsp://admin:Hik12345@10.0.0.5:554/102");

        assertThat(camera.toString())
                .contains("source=rtsp://admin:***@10.0.0.5:554/101", "substream=rtsp://admin:***@10.0.0.5:554/102")
                .doesNotContain("Hik12345");
        assertThat(camera.redactedSubstream()).hasToString("rtsp://admin:***@10.0.0.5:554/102");
        assertThat(camera(source(), null).redactedSubstream()).isNull();
    }

    @Test
    void nameDefaultsToTheId() {
        assertThat(camera(source(), null).name()).isEqualTo("cam1");
    }

    @Test
    void regionIsCopied() {
        List<String> region = new ArrayList<>(List.of("湘潭县"));
        CameraConfig camera = new CameraConfig("cam1", null, region, null, URI.create(source()), null,
                Transport.TCP, true, true, false, true, null);
        region.add("易俗河镇");

        assertThat(camera.region()).containsExactly("湘潭县");
    }

    @Test
    void constructorFailureNamesTheComponentWithoutFileOrLine() {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
                () -> camera("http://admin:Hik12345@h/", null));

        assertThat(e).hasMessage("source: must be an rtsp:// or rtsps:// URI, got scheme 'http'");
        assertThat(e.path()).isEqualTo("source");
        assertThat(e.reason()).isEqualTo("must be an rtsp:// or rtsps:// URI, got scheme 'http'");
        assertThat(e.source()).isEmpty();
        assertThat(e.line()).isEmpty();
        assertThat(e.under("cameras[4]")).hasMessage(
                "cameras[4].source: must be an rtsp:// or rtsps:// URI, got scheme 'http'");
    }

    @Test
    void nullSourceIsRejected() {
        assertThatThrownBy(() -> new CameraConfig("cam1", null, null, null, null, null, Transport.TCP,
                true, true, false, true, null)).hasMessage("source: must not be null");
    }

    @Test
    void metricsTokenNeverShowsInToString() {
        assertThat(new HttpConfig(8080, "tok-secret").toString())
                .isEqualTo("HttpConfig[port=8080, metricsToken=***, maxBodyBytes=1048576, maxHeaderBytes=8192,"
                        + " maxRequestLineBytes=4096, tlsCertificate=null, tlsKey=null, trustedProxies=[],"
                        + " maxConnections=10000, maxConnectionsPerAddress=512, headerTimeout=PT10S, idleTimeout=PT1M,"
                        + " tokenRequestsPerSecond=20, tokenRequestBurst=200, ticketLifetime=PT15M, mapTiles=null,"
                        + " mapAttribution=null]");
        assertThat(HttpConfig.defaults().toString()).startsWith("HttpConfig[port=8080, metricsToken=null,");
        assertThat(new HttpConfig(8080, null, 1 << 20, 8192, 4096, null, null, List.of(), 10_000, 512,
                java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(1), 20, 200, java.time.Duration.ofMinutes(15),
                "https://tiles.example/{z}/{x}/{y}.png?key=tile-secret", null).toString())
                .contains("mapTiles=https://tiles.example/{z}/{x}/{y}.png?***").doesNotContain("tile-secret");
    }

    private static String source() {
        return "rtsp://10.0.0.5/live";
    }
}
