package io.xueliang.ingest.sdp.gb28181;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.sdp.RtpMap;
import io.xueliang.ingest.sdp.SdpAttribute;
import io.xueliang.ingest.sdp.SdpLimits;
import io.xueliang.ingest.sdp.SdpParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GB/T 28181 INVITE SDP: our offers as golden text, devices' and platforms' SDPs one test per quirk. */
class GbSdpTest {
    private static final String DOMAIN = "4303210000";
    private static final String CHANNEL = "43032100001310000001";
    private static final Instant START = Instant.parse("2026-12-06T16:00:00Z"); // 2026-12-07 00:00 in Beijing
    private static final Instant END = Instant.parse("2026-12-06T17:00:00Z");

    /** A golden file with CRLF line ends as on the wire; files named *_lf keep bare LF. */
    static String golden(String name) throws IOException {
        try (InputStream in = GbSdpTest.class.getResourceAsStream("/golden/sdp/" + name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return name.contains("_lf") ? text : text.replace("\n", "\r\n");
        }
    }

    @Test
    void ssrcHasTheStandardsTenDigits() {
        assertThat(GbSsrc.live(DOMAIN, 1)).hasToString("0321000001");
        assertThat(GbSsrc.history(DOMAIN, 9999)).hasToString("1321009999");
        assertThat(GbSsrc.history(DOMAIN, 2).isHistory()).isTrue();
        assertThat(GbSsrc.live(DOMAIN, 2).isHistory()).isFalse();
        assertThat(GbSsrc.parse("105000033")).hasToString("0105000033");
        assertThat(GbSsrc.parse("4294967295").rtpSsrc()).isEqualTo(-1);
        assertThatThrownBy(() -> GbSsrc.parse("4294967296")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GbSsrc.parse("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GbSsrc.live("4303", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveOfferOverTcpPassiveIsTheGoldenText() throws Exception {
        GbSdp offer = GbSdp.offer(GbSessionType.PLAY, CHANNEL, "10.20.0.5", 30000, GbMediaTransport.TCP_PASSIVE,
                GbSsrc.live(DOMAIN, 1));
        assertThat(offer.format()).isEqualTo(golden("gb_xueliang_play_offer_tcp_passive.sdp"));
    }

    @Test
    void downloadOfferOverUdpWithTimeRangeAndSpeedIsTheGoldenText() throws Exception {
        GbSdp offer = GbSdp.offer(GbSessionType.DOWNLOAD, CHANNEL, "10.20.0.5", 30002, GbMediaTransport.UDP,
                GbSsrc.history(DOMAIN, 2)).withTimeRange(START, END).withDownloadSpeed(4);
        assertThat(offer.format()).isEqualTo(golden("gb_xueliang_download_offer_udp.sdp"));
        assertThat(offer.uri()).isEqualTo(CHANNEL + ":0");
        assertThat(offer.start()).contains(START);
        assertThat(offer.end()).contains(END);
    }

    static Stream<GbSdp> offers() {
        GbSdp live = GbSdp.offer(GbSessionType.PLAY, CHANNEL, "10.20.0.5", 30000, GbMediaTransport.UDP, GbSsrc.live(DOMAIN, 7));
        return Stream.of(live,
                live.withFormats(List.of(new RtpMap(96, "PS", 90000, OptionalInt.empty()))),
                GbSdp.offer(GbSessionType.PLAYBACK, CHANNEL, "10.20.0.5", 30004, GbMediaTransport.TCP_ACTIVE,
                        GbSsrc.history(DOMAIN, 3)).withTimeRange(START, END),
                live.withMediaFormat(GbMediaFormat.parse("v/2/5/25/1/4096a/1/8/1")));
    }

    @ParameterizedTest
    @MethodSource("offers")
    void whatWeBuildWeParseBackIdentically(GbSdp offer) throws Exception {
        assertThat(GbSdp.parse(offer.format())).isEqualTo(offer);
    }

    @Test
    void hikvisionAnswerOverUdpWithEmptyFLine() throws Exception {
        GbSdp answer = GbSdp.parseAnswer(golden("gb_hikvision_answer_udp.sdp"));
        assertThat(answer.connectionAddress()).isEqualTo("192.168.1.64");
        assertThat(answer.port()).isEqualTo(15060);
        assertThat(answer.transport()).isEqualTo(GbMediaTransport.UDP);
        assertThat(answer.direction()).isEqualTo("sendonly");
        assertThat(answer.formats()).containsExactly(new RtpMap(96, "PS", 90000, OptionalInt.empty()));
        assertThat(answer.ssrc()).contains(GbSsrc.live(DOMAIN, 1));
        assertThat(answer.mediaFormat()).isEmpty();
        assertThat(answer.sessionType()).contains(GbSessionType.PLAY);
        assertThat(answer.otherAttributes()).containsExactly(new SdpAttribute("filesize", "0"));
    }

    @Test
    void dahuaAnswersWithAnotherShortSsrcAndAnFLine() throws Exception {
        GbSdp answer = GbSdp.parseAnswer(golden("gb_dahua_answer_other_ssrc_short_y_f_line.sdp"));
        // we offered 0321000001; the device's own SSRC is what its RTP carries
        assertThat(answer.ssrc()).map(GbSsrc::value).contains(105000033L);
        assertThat(answer.ssrc()).isNotEqualTo(Optional.of(GbSsrc.live(DOMAIN, 1)));
        assertThat(answer.mediaFormat()).contains(new GbMediaFormat("2", "5", "25", "1", "4096", "1", "8", "1"));
        assertThat(answer.port()).isEqualTo(20000);
    }

    @Test
    void univiewAnswersTcpActiveWithMediaLevelConnectionAndBareLf() throws Exception {
        GbSdp answer = GbSdp.parseAnswer(golden("gb_uniview_answer_tcp_active_media_c_lf.sdp"));
        assertThat(answer.transport()).isEqualTo(GbMediaTransport.TCP_ACTIVE);
        assertThat(answer.connectionAddress()).isEqualTo("192.168.0.13");
        assertThat(answer.port()).isEqualTo(9);
        assertThat(answer.mediaFormat()).map(GbMediaFormat::resolution).contains("1920x1080");
        assertThat(answer.mediaFormat()).map(GbMediaFormat::audioCodec).contains("");
    }

    @Test
    void hikvisionWritesRtpAvpTcpForTcpPassive() throws Exception {
        GbSdp answer = GbSdp.parseAnswer(golden("gb_hikvision_answer_rtp_avp_tcp_passive.sdp"));
        assertThat(answer.transport()).isEqualTo(GbMediaTransport.TCP_PASSIVE);
        assertThat(answer.port()).isEqualTo(15062);
    }

    @Test
    void tcpWithoutSetupIsActiveInAnOfferAndPassiveInAnAnswer() throws Exception {
        String sdp = "v=0\r\nc=IN IP4 192.168.1.64\r\nm=video 15060 TCP/RTP/AVP 96\r\na=rtpmap:96 PS/90000\r\ny=0321000001\r\n";
        assertThat(GbSdp.parse(sdp).transport()).isEqualTo(GbMediaTransport.TCP_ACTIVE);
        assertThat(GbSdp.parseAnswer(sdp).transport()).isEqualTo(GbMediaTransport.TCP_PASSIVE);
    }

    @Test
    void superiorPlatformsPlaybackOfferAndOurCascadeAnswer() throws Exception {
        GbSdp offer = GbSdp.parse(golden("gb_wvp_superior_playback_offer.sdp"));
        assertThat(offer.sessionType()).contains(GbSessionType.PLAYBACK);
        assertThat(offer.uri()).isEqualTo(CHANNEL + ":0");
        assertThat(offer.start()).contains(START);
        assertThat(offer.end()).contains(END);
        assertThat(offer.transport()).isEqualTo(GbMediaTransport.TCP_PASSIVE);
        assertThat(offer.formats()).extracting(RtpMap::encodingName).containsExactly("PS", "MPEG4", "H264", "H265");
        assertThat(offer.mediaFormat()).contains(new GbMediaFormat("", "", "", "", "", "", "", ""));
        assertThat(offer.connectionAddress()).isEqualTo("172.16.8.20");
        assertThat(offer.port()).isEqualTo(30500);

        GbSdp answer = offer.answer(CHANNEL, "10.20.0.5", 9, GbSsrc.history(DOMAIN, 1));
        assertThat(answer.format()).isEqualTo(String.join("\r\n",
                "v=0",
                "o=43032100001310000001 0 0 IN IP4 10.20.0.5",
                "s=Playback",
                "u=43032100001310000001:0",
                "c=IN IP4 10.20.0.5",
                "t=1796572800 1796576400",
                "m=video 9 TCP/RTP/AVP 96",
                "a=sendonly",
                "a=rtpmap:96 PS/90000",
                "a=setup:active", // the platform listens, we connect
                "a=connection:new",
                "y=1100000009", // the platform's SSRC, not ours
                ""));
        assertThat(GbSdp.parseAnswer(answer.format())).isEqualTo(answer);
    }

    @Test
    void cascadeAnswerToAnActiveUdpOfferWithoutSsrcUsesOurs() {
        GbSdp offer = GbSdp.offer(GbSessionType.PLAY, "43000000002000000001", "172.16.8.20", 0, GbMediaTransport.TCP_ACTIVE,
                GbSsrc.live(DOMAIN, 1));
        offer = new GbSdp(offer.originUser(), offer.originAddress(), offer.sessionName(), offer.uri(), offer.connectionAddress(),
                0, 0, 9, GbMediaTransport.TCP_ACTIVE, List.of(new RtpMap(96, "", 90000, OptionalInt.empty())), "recvonly",
                Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of());
        GbSdp answer = offer.answer(CHANNEL, "10.20.0.5", 31000, GbSsrc.live(DOMAIN, 42));
        assertThat(answer.transport()).isEqualTo(GbMediaTransport.TCP_PASSIVE);
        assertThat(answer.ssrc()).contains(GbSsrc.live(DOMAIN, 42));
        assertThat(answer.formats()).containsExactly(new RtpMap(96, "PS", 90000, OptionalInt.empty()));
        assertThat(answer.direction()).isEqualTo("sendonly");
    }

    @Test
    void refusesWhatCannotBeAnInviteSdp() {
        assertThatThrownBy(() -> GbSdp.parse("v=0\r\ns=Play\r\ny=0321000001\r\n")).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("no m=");
        assertThatThrownBy(() -> GbSdp.parse("v=0\r\nm=video 1 RTP/AVP 96\r\ny=12345678901\r\n")).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("y=");
        assertThatThrownBy(() -> GbSdp.parse("v=0\r\nm=video 1 RTP/AVP PS\r\n")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> GbSdp.parse("v=0\r\nm=video 70000 RTP/AVP 96\r\n")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> GbSdp.parse("v=0\r\n" + "a=x\r\n".repeat(600) + "m=video 1 RTP/AVP 96\r\n", SdpLimits.DEFAULTS))
                .isInstanceOf(SdpParseException.class);
    }

    @Test
    void sloppyTimesAndMissingLinesAreRead() throws Exception {
        GbSdp sdp = GbSdp.parse("v=0\nm=video 5000 RTP/AVP 96\nt=abc -5\n");
        assertThat(sdp.startTime()).isZero();
        assertThat(sdp.endTime()).isZero();
        assertThat(sdp.connectionAddress()).isEmpty();
        assertThat(sdp.ssrc()).isEmpty();
        assertThat(sdp.sessionType()).isEmpty();
        // beyond what Instant holds (found by fuzzing): live, not an exception
        GbSdp far = GbSdp.parse("v=0\r\nt=99999999999999999 1\r\nm=video 1 RTP/AVP 96\r\n");
        assertThat(far.start()).isEmpty();
        assertThat(far.end()).contains(Instant.ofEpochSecond(1));
    }
}
