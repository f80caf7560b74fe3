package io.xueliang.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of URIs as cameras and gateways write them, and what a log may show of each. */
class UriRedactionTest {
    static Stream<Arguments> uris() {
        return Stream.of(
                Arguments.of("rtsp://10.0.0.5:554/live", "rtsp://10.0.0.5:554/live"),
                Arguments.of("rtsp://admin@10.0.0.5/live", "rtsp://admin@10.0.0.5/live"),
                Arguments.of("rtsp://admin:Hik12345@10.0.0.5:554/Streaming/Channels/101",
                        "rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101"),
                Arguments.of("rtsps://admin:p%40ss%3Aw@cam.example:322/s", "rtsps://admin:***@cam.example:322/s"),
                Arguments.of("rtsp://admin:@10.0.0.5/", "rtsp://admin:***@10.0.0.5/"),
                Arguments.of("rtsp://admin:x@[fe80::1]:554/s", "rtsp://admin:***@[fe80::1]:554/s"),
                Arguments.of("rtsp://admin@[fe80::1]:554/s", "rtsp://admin@[fe80::1]:554/s"),
                // Dahua: the channel is in the query, and must stay readable
                Arguments.of("rtsp://admin:x@10.0.0.5/cam/realmonitor?channel=1&subtype=0",
                        "rtsp://admin:***@10.0.0.5/cam/realmonitor?channel=1&subtype=0"),
                // Foscam and many Chinese DVRs: credentials as query parameters
                Arguments.of("rtsp://10.0.0.5/videoMain?usr=admin&pwd=secret", "rtsp://10.0.0.5/videoMain?usr=admin&pwd=***"),
                Arguments.of("rtsp://10.0.0.5/live?user=admin&Password=secret&x",
                        "rtsp://10.0.0.5/live?user=admin&Password=***&x"),
                Arguments.of("rtsp://10.0.0.5/live?PWD=a&PASSWD=b&pass=c", "rtsp://10.0.0.5/live?PWD=***&PASSWD=***&pass=***"),
                // Cloud gateways and NVR proxies: tokens and keys
                Arguments.of("rtsp://gw.example/s/1?token=eyJhbGciOi&channel=2", "rtsp://gw.example/s/1?token=***&channel=2"),
                Arguments.of("rtsp://gw.example/s?access_token=abc;key=k1;apikey=k2;api_key=k3",
                        "rtsp://gw.example/s?access_token=***;key=***;apikey=***;api_key=***"),
                Arguments.of("rtsp://gw.example/s?Auth=abc&SECRET=def", "rtsp://gw.example/s?Auth=***&SECRET=***"),
                // Xiongmai DVRs: the parameters are in the path
                Arguments.of("rtsp://10.0.0.5:554/user=admin&password=abc&channel=1&stream=0.sdp?",
                        "rtsp://10.0.0.5:554/user=admin&password=***&channel=1&stream=0.sdp?"),
                // a percent-encoded name is still a name; a value with '/' or '?' is masked whole
                Arguments.of("rtsp://h/s?p%77d=secret", "rtsp://h/s?p%77d=***"),
                Arguments.of("rtsp://h/s?pwd=se/cr?et&a=1", "rtsp://h/s?pwd=***&a=1"),
                // both at once; an empty value has nothing to hide; names that only contain a secret word stay
                Arguments.of("rtsp://admin:x@h/s?pwd=y", "rtsp://admin:***@h/s?pwd=***"),
                Arguments.of("rtsp://h/s?pwd=&channel=1", "rtsp://h/s?pwd=&channel=1"),
                Arguments.of("rtsp://h/s?keyframe=1&monkey=2&authority=3", "rtsp://h/s?keyframe=1&monkey=2&authority=3"),
                // already masked: unchanged
                Arguments.of("rtsp://admin:***@h/s?pwd=***", "rtsp://admin:***@h/s?pwd=***"));
    }

    @ParameterizedTest
    @MethodSource("uris")
    void masksUserInfoPasswordsAndSecretParameters(String uri, String shown) {
        assertThat(UriRedaction.redact(URI.create(uri))).hasToString(shown);
        assertThat(UriRedaction.redact(uri)).isEqualTo(shown);
        assertThat(UriRedaction.redact("DESCRIBE answered 404 Not Found (" + uri + ")"))
                .isEqualTo("DESCRIBE answered 404 Not Found (" + shown + ")");
    }

    @Test
    void masksEveryUriInFreeText() {
        assertThat(UriRedaction.redact("redirected rtsp://a:b@h/x?pwd=c to \"rtsp://h2/y?token=t\", then <rtsp://u:v@h3/>"))
                .isEqualTo("redirected rtsp://a:***@h/x?pwd=*** to \"rtsp://h2/y?token=***\", then <rtsp://u:***@h3/>");
        assertThat(UriRedaction.redact("no uri here: pwd=stays")).isEqualTo("no uri here: pwd=stays");
        assertThat(UriRedaction.redact((String) null)).isNull();
        assertThat(UriRedaction.redact((URI) null)).isNull();
    }

    @Test
    void aUriWithoutSecretsIsReturnedAsItIs() {
        URI uri = URI.create("rtsp://10.0.0.5/cam/realmonitor?channel=1&subtype=0");
        assertThat(UriRedaction.redact(uri)).isSameAs(uri);
    }
}
