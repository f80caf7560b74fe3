package io.xueliang.ingest.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden SDPs in the style each vendor sends, one test per quirk. */
class SessionDescriptionTest {

    static String golden(String name) throws IOException {
        try (InputStream in = SessionDescriptionTest.class.getResourceAsStream("/golden/sdp/" + name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // on the wire SDP lines end in CRLF; files named *_lf keep bare LF
            return name.contains("_lf") ? text : text.replace("\n", "\r\n");
        }
    }

    @Test
    void hikvisionMediaHeaderAndAbsoluteControlWithQuery() throws Exception {
        SessionDescription sdp = SessionDescription.parse(golden("hikvision_media_header_absolute_control.sdp"));
        assertThat(sdp.media()).extracting(MediaDescription::media).containsExactly("video", "audio", "application");
        MediaDescription video = sdp.media().get(0);
        assertThat(video.rtpMap(96)).contains(new RtpMap(96, "H264", 90000, OptionalInt.empty()));
        assertThat(video.fmtp(96)).containsEntry("packetization-mode", "1")
                .containsEntry("sprop-parameter-sets", "Z2QAKKwbGoB4AiflwFuAgICgAAADACAAAAMDKEA=,aO44gA==");
        URI base = URI.create("rtsp://192.168.1.64:554/Streaming/Channels/101");
        assertThat(ControlUrl.resolve(base, video.control())).hasToString(
                "rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast");
        MediaDescription audio = sdp.media().get(1);
        assertThat(audio.rtpMap(8)).contains(new RtpMap(8, "PCMA", 8000, OptionalInt.empty()));
        assertThat(audio.attribute("Media_header")).hasValueSatisfying(v -> v.startsWith("MEDIAINFO=494D4B48"));
        assertThat(sdp.bandwidths()).containsEntry("AS", "5100");
        assertThat(video.bandwidths()).containsEntry("AS", "5000");
    }

    @Test
    void dahuaRelativeTrackIdWithH265ParameterSets() throws Exception {
        SessionDescription sdp = SessionDescription.parse(golden("dahua_relative_trackid_h265.sdp"));
        MediaDescription video = sdp.media().getFirst();
        assertThat(video.control()).contains("trackID=0");
        assertThat(video.framerate()).hasValue(25.0);
        assertThat(video.rtpMap(98)).map(RtpMap::encodingName).contains("H265");
        assertThat(video.fmtp(98)).containsKeys("sprop-vps", "sprop-sps", "sprop-pps").containsEntry("sprop-pps", "RAHA8vA8kAA=");
        assertThat(sdp.control()).contains("*");
        // static payload type 8 needs no rtpmap, but Dahua sends one anyway
        assertThat(sdp.media().get(1).rtpMap(8)).map(RtpMap::clockRate).contains(8000);
    }

    @Test
    void axisStreamControlWithQuery() throws Exception {
        SessionDescription sdp = SessionDescription.parse(golden("axis_stream_control_with_query.sdp"));
        MediaDescription video = sdp.media().getFirst();
        assertThat(ControlUrl.resolve(URI.create("rtsp://192.168.0.90/axis-media/media.amp"), video.control()))
                .hasToString("rtsp://192.168.0.90/axis-media/media.amp/stream=0?videocodec=h264&resolution=1280x720");
        assertThat(sdp.control()).contains("rtsp://192.168.0.90/axis-media/media.amp?videocodec=h264&resolution=1280x720");
        assertThat(video.framerate()).hasValue(30.0);
        assertThat(video.fmtp(96)).containsEntry("profile-level-id", "4d0029");
    }

    @Test
    void gstreamerStreamControlWithTsRefclkAndMediaclk() throws Exception {
        SessionDescription sdp = SessionDescription.parse(golden("gstreamer_stream_control_ts_refclk.sdp"));
        MediaDescription video = sdp.media().getFirst();
        assertThat(video.attribute("ts-refclk")).contains("local");
        assertThat(video.attribute("mediaclk")).contains("sender");
        assertThat(video.framerate()).hasValue(25.0);
        assertThat(ControlUrl.resolve(URI.create("rtsp://127.0.0.1:8554/cam1/"), video.control()))
                .hasToString("rtsp://127.0.0.1:8554/cam1/stream=0");
        assertThat(sdp.sessionName()).isEqualTo("Session streamed with GStreamer");
    }

    @Test
    void univiewTrailingSpacesBareLfAndUnknownLines() throws Exception {
        SessionDescription sdp = SessionDescription.parse(golden("uniview_aac_trailing_spaces_lf.sdp"));
        assertThat(sdp.media()).hasSize(2);
        assertThat(sdp.media().get(0).control()).contains("trackID=0");
        assertThat(sdp.media().get(0).fmtp(96).get("sprop-parameter-sets")).endsWith(",aO48sA==");
        MediaDescription audio = sdp.media().get(1);
        assertThat(audio.rtpMap(97)).contains(new RtpMap(97, "MPEG4-GENERIC", 16000, OptionalInt.of(1)));
        assertThat(audio.fmtp(97)).containsEntry("sizelength", "13").containsEntry("config", "1408")
                .containsEntry("mode", "AAC-hbr");
        assertThat(audio.attribute("sendonly")).contains("");
    }

    @Test
    void lowerCaseEncodingNamesAreUpperCased() throws Exception {
        SessionDescription sdp = SessionDescription.parse("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 h264/90000\n");
        assertThat(sdp.media().getFirst().rtpMap(96)).map(RtpMap::encodingName).contains("H264");
    }

    static Stream<Arguments> limitBreaks() {
        return Stream.of(
                Arguments.of("v=0\n" + "a=x\n".repeat(10), new SdpLimits(5, 100, 4), "more than 5 lines", 0),
                Arguments.of("v=0\na=" + "x".repeat(200) + "\n", new SdpLimits(50, 100, 4), "line longer than 100", 2),
                Arguments.of("v=0\n" + "m=video 0 RTP/AVP 96\n".repeat(3), new SdpLimits(50, 100, 2), "more than 2 media", 4),
                Arguments.of("v=0\nm=video\n", SdpLimits.DEFAULTS, "bad m= line", 2),
                Arguments.of("<html>404</html>", SdpLimits.DEFAULTS, "not an SDP", 0));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("limitBreaks")
    void rejectsWhatBreaksALimitWithTheLineNumber(String text, SdpLimits limits, String message, int line) {
        assertThatThrownBy(() -> SessionDescription.parse(text, limits))
                .isInstanceOfSatisfying(SdpParseException.class, e -> assertThat(e.lineNumber()).isEqualTo(line))
                .hasMessageContaining(message);
    }

    static Stream<Arguments> controls() {
        return Stream.of(
                Arguments.of("rtsp://h/live", "trackID=1", "rtsp://h/live/trackID=1"),
                Arguments.of("rtsp://h/live/", "trackID=1", "rtsp://h/live/trackID=1"),
                Arguments.of("rtsp://h:554/stream1", "streamid=0", "rtsp://h:554/stream1/streamid=0"),
                Arguments.of("rtsp://h/live", "*", "rtsp://h/live"),
                Arguments.of("rtsp://h/live", "", "rtsp://h/live"),
                Arguments.of("rtsp://h/live", "rtsp://other:8554/x/trackID=1", "rtsp://other:8554/x/trackID=1"),
                Arguments.of("rtsp://h/live", "RTSP://h/live/trackID=1", "RTSP://h/live/trackID=1"),
                Arguments.of("rtsp://h/cam/realmonitor?channel=1&subtype=0/", "trackID=0",
                        "rtsp://h/cam/realmonitor?channel=1&subtype=0/trackID=0"),
                Arguments.of("rtsp://h/a/b", "/x/trackID=1", "rtsp://h/x/trackID=1"));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("controls")
    void resolvesControlAgainstBase(String base, String control, String expected) {
        assertThat(ControlUrl.resolve(URI.create(base), Optional.of(control))).hasToString(expected);
    }

    @Test
    void baseIsContentBaseThenContentLocationThenRequestUrl() {
        URI request = URI.create("rtsp://h/req");
        assertThat(ControlUrl.base(request, Optional.of("rtsp://h/base/"), Optional.of("rtsp://h/loc"))).hasToString("rtsp://h/base/");
        assertThat(ControlUrl.base(request, Optional.empty(), Optional.of("rtsp://h/loc"))).hasToString("rtsp://h/loc");
        assertThat(ControlUrl.base(request, Optional.of("not a url"), Optional.empty())).isEqualTo(request);
        assertThat(ControlUrl.base(request, Optional.empty(), Optional.empty())).isEqualTo(request);
    }

}
