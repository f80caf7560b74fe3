package io.xueliang.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.ingest.ts.FfmpegClips;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtspCameraSimulatorTest {
    /** 1 s at 25 fps with a keyframe every 5 frames: a 2 s read crosses the loop point. */
    private static final int CLIP_FRAMES = 25;
    private static final long FRAME_90K = 3600;

    @TempDir
    static Path dir;
    static SimulatorSource source;
    static RtspCameraSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        source = SimulatorSource.fromTransportStream(FfmpegClips.make(dir, "h264", CLIP_FRAMES, 25, 5), 1400);
        simulator = new RtspCameraSimulator(source, SimulatorOptions.loopback(2)).start();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static String url(int camera) {
        return simulator.url(camera);
    }

    /** SETUP over TCP and PLAY; returns the client with RTP flowing and the announced seq/rtptime/ssrc. */
    private record Playing(RtspTestClient client, int seq, long rtptime, long ssrc) {
    }

    private static Playing playTcp(int camera) throws Exception {
        RtspTestClient c = new RtspTestClient("127.0.0.1", simulator.port());
        RtspTestClient.Response describe = c.request("DESCRIBE", url(camera), "Accept", "application/sdp");
        assertThat(describe.status()).isEqualTo(200);
        String base = describe.header("Content-Base");
        RtspTestClient.Response setup = c.request("SETUP", base + "trackID=0", "Transport",
                "RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(setup.status()).isEqualTo(200);
        String session = setup.header("Session").split(";")[0];
        long ssrc = Long.parseLong(value(setup.header("Transport"), "ssrc=([0-9A-F]+)"), 16);
        RtspTestClient.Response play = c.request("PLAY", base, "Session", session, "Range", "npt=0.000-");
        assertThat(play.status()).isEqualTo(200);
        int seq = Integer.parseInt(value(play.header("RTP-Info"), "seq=(\\d+)"));
        long rtptime = Long.parseLong(value(play.header("RTP-Info"), "rtptime=(\\d+)"));
        return new Playing(c, seq, rtptime, ssrc);
    }

    private static String value(String header, String regex) {
        Matcher m = Pattern.compile(regex).matcher(header);
        assertThat(m.find()).as("%s in %s", regex, header).isTrue();
        return m.group(1);
    }

    @Test
    void answersOptionsAndDescribesTheStream() throws Exception {
        try (RtspTestClient c = new RtspTestClient("127.0.0.1", simulator.port())) {
            RtspTestClient.Response options = c.request("OPTIONS", url(1));
            assertThat(options.status()).isEqualTo(200);
            assertThat(options.header("Public")).isEqualTo("OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER");
            assertThat(options.header("CSeq")).isEqualTo("1");

            RtspTestClient.Response describe = c.request("DESCRIBE", url(1), "Accept", "application/sdp");
            assertThat(describe.status()).isEqualTo(200);
            assertThat(describe.header("Content-Type")).isEqualTo("application/sdp");
            assertThat(describe.header("Content-Base")).isEqualTo(url(1) + "/");
            assertThat(describe.body()).contains("m=video 0 RTP/AVP 96", "a=rtpmap:96 H264/90000",
                    "packetization-mode=1", "a=framerate:25", "a=control:trackID=0");
            String sprop = value(describe.body(), "sprop-parameter-sets=([^;\\r\\n]+)");
            String[] sets = sprop.split(",");
            assertThat(Base64.getDecoder().decode(sets[0])).isEqualTo(source.parameterSets().get(0));
            assertThat(Base64.getDecoder().decode(sets[1])).isEqualTo(source.parameterSets().get(1));
        }
    }

    @Test
    void playsOverTcpWithContinuousSequenceAndTimestampsAcrossTheLoop() throws Exception {
        Playing p = playTcp(1);
        try (RtspTestClient c = p.client()) {
            List<RtspTestClient.Interleaved> rtp = new ArrayList<>();
            int frames = 0;
            while (frames < 2 * CLIP_FRAMES + 2) {
                RtspTestClient.Interleaved f = c.next();
                if (f.channel() == 0) {
                    rtp.add(f);
                    if (f.marker()) {
                        frames++;
                    }
                }
            }
            RtspTestClient.Interleaved first = rtp.get(0);
            assertThat(first.sequence()).isEqualTo(p.seq());
            assertThat(first.timestamp()).isEqualTo(p.rtptime());
            assertThat(first.data()[12] & 0x1F).as("first NAL of the first frame is the SPS").isEqualTo(7);
            long frameIndex = 0;
            for (int i = 0; i < rtp.size(); i++) {
                RtspTestClient.Interleaved f = rtp.get(i);
                assertThat(f.ssrc()).isEqualTo(p.ssrc());
                assertThat(f.payloadType()).isEqualTo(96);
                assertThat(f.sequence()).as("sequence of packet %d", i).isEqualTo((p.seq() + i) & 0xFFFF);
                assertThat(f.timestamp()).as("timestamp of packet %d", i)
                        .isEqualTo((p.rtptime() + frameIndex * FRAME_90K) & 0xFFFFFFFFL);
                if (f.marker()) {
                    frameIndex++;
                }
            }
            // the clip looped once (25 frames) and playback went on with the same cadence
            assertThat(frameIndex).isEqualTo(2 * CLIP_FRAMES + 2);
            assertThat(simulator.stats().packetsSent()).isGreaterThanOrEqualTo(rtp.size());
        }
    }

    @Test
    void camerasHaveDistinctSsrcs() throws Exception {
        Playing a = playTcp(1);
        Playing b = playTcp(2);
        try (RtspTestClient ca = a.client(); RtspTestClient cb = b.client()) {
            assertThat(ca.next().ssrc()).isEqualTo(a.ssrc());
            RtspTestClient.Interleaved fb = cb.next();
            assertThat(fb.ssrc()).isEqualTo(b.ssrc());
            assertThat(a.ssrc()).isNotEqualTo(b.ssrc());
        }
    }

    @Test
    void playsOverUdpToTheClientPorts() throws Exception {
        try (RtspTestClient c = new RtspTestClient("127.0.0.1", simulator.port());
                DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket rtcp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            rtp.setSoTimeout(10_000);
            RtspTestClient.Response setup = c.request("SETUP", url(2) + "/trackID=0", "Transport",
                    "RTP/AVP;unicast;client_port=" + rtp.getLocalPort() + "-" + rtcp.getLocalPort());
            assertThat(setup.status()).isEqualTo(200);
            String transport = setup.header("Transport");
            assertThat(transport).contains("client_port=" + rtp.getLocalPort() + "-" + rtcp.getLocalPort());
            int serverRtcp = Integer.parseInt(value(transport, "server_port=\\d+-(\\d+)"));
            String session = setup.header("Session").split(";")[0];
            assertThat(setup.header("Session")).endsWith(";timeout=60");
            RtspTestClient.Response play = c.request("PLAY", url(2), "Session", session);
            assertThat(play.status()).isEqualTo(200);
            int seq = Integer.parseInt(value(play.header("RTP-Info"), "seq=(\\d+)"));

            byte[] buf = new byte[2048];
            int markers = 0;
            for (int i = 0; markers < 10; i++) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                rtp.receive(d);
                int s = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
                assertThat(s).isEqualTo((seq + i) & 0xFFFF);
                assertThat(d.getLength()).isLessThanOrEqualTo(1412);
                if ((buf[1] & 0x80) != 0) {
                    markers++;
                }
            }
            // an RTCP receiver report to the server's RTCP port is accepted and counted
            long before = simulator.stats().rtcpReceived();
            byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 1, 2, 3, 4};
            rtcp.send(new DatagramPacket(rr, rr.length, InetAddress.getLoopbackAddress(), serverRtcp));
            for (int i = 0; i < 200 && simulator.stats().rtcpReceived() == before; i++) {
                Thread.sleep(25);
            }
            assertThat(simulator.stats().rtcpReceived()).isGreaterThan(before);
            assertThat(c.request("TEARDOWN", url(2), "Session", session).status()).isEqualTo(200);
        }
    }

    @Test
    void unknownCamerasAreNotFound() throws Exception {
        try (RtspTestClient c = new RtspTestClient("127.0.0.1", simulator.port())) {
            for (String path : List.of("/cam3", "/cam0", "/camera1", "/cam1/trackID=9", "/", "/cam1x")) {
                String uri = "rtsp://127.0.0.1:" + simulator.port() + path;
                assertThat(c.request("DESCRIBE", uri).status()).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    void enforcesSessionStates() throws Exception {
        try (RtspTestClient c = new RtspTestClient("127.0.0.1", simulator.port())) {
            assertThat(c.request("PLAY", url(1)).status()).as("PLAY before SETUP").isEqualTo(455);
            RtspTestClient.Response setup = c.request("SETUP", url(1) + "/trackID=0", "Transport",
                    "RTP/AVP/TCP;unicast;interleaved=2-3");
            assertThat(setup.header("Transport")).startsWith("RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=");
            String session = setup.header("Session").split(";")[0];
            assertThat(c.request("PLAY", url(1), "Session", "WRONG").status()).isEqualTo(454);
            assertThat(c.request("GET_PARAMETER", url(1), "Session", session).status()).isEqualTo(200);
            assertThat(c.request("SETUP", url(1) + "/trackID=0", "Transport", "RTP/AVP;multicast").status())
                    .isEqualTo(461);
            assertThat(c.request("PAUSE", url(1), "Session", session).status()).isEqualTo(501);
            int sessions = simulator.stats().sessions();
            assertThat(c.request("TEARDOWN", url(1), "Session", session).status()).isEqualTo(200);
            assertThat(simulator.stats().sessions()).isEqualTo(sessions - 1);
        }
    }

    @Test
    void requiresCredentialsWhenConfigured() throws Exception {
        try (RtspCameraSimulator secured = new RtspCameraSimulator(source,
                SimulatorOptions.loopback(1).withCredentials("admin", "s3cret")).start();
                RtspTestClient c = new RtspTestClient("127.0.0.1", secured.port())) {
            String uri = secured.url(1);
            assertThat(c.request("OPTIONS", uri).status()).isEqualTo(200);
            RtspTestClient.Response challenge = c.request("DESCRIBE", uri);
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.header("WWW-Authenticate")).contains("Digest realm=\"xueliang-simulator\"",
                    "qop=\"auth\"", "Basic realm=");
            String nonce = value(challenge.header("WWW-Authenticate"), "nonce=\"([0-9a-f]+)\"");

            assertThat(c.request("DESCRIBE", uri, "Authorization", basic("admin", "wrong")).status()).isEqualTo(401);
            assertThat(c.request("DESCRIBE", uri, "Authorization", basic("admin", "s3cret")).status()).isEqualTo(200);
            assertThat(c.request("DESCRIBE", uri, "Authorization", digest("admin", "wrong", nonce, uri)).status())
                    .isEqualTo(401);
            assertThat(c.request("DESCRIBE", uri, "Authorization", digest("admin", "s3cret", nonce, uri)).status())
                    .isEqualTo(200);
        }
    }

    private static String basic(String user, String pass) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String user, String pass, String nonce, String uri) {
        String ha1 = RtspAuthenticator.md5(user + ":xueliang-simulator:" + pass);
        String ha2 = RtspAuthenticator.md5("DESCRIBE:" + uri);
        String response = RtspAuthenticator.md5(ha1 + ":" + nonce + ":00000001:abcdef:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"xueliang-simulator\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", qop=auth, nc=00000001, cnonce=\"abcdef\", response=\"" + response + "\"";
    }

    @Test
    void digestParametersParseWithQuotedCommas() {
        Map<String, String> p = RtspAuthenticator.parseParams("username=\"a,b\", qop=auth, nc=00000001");
        assertThat(p).containsEntry("username", "a,b").containsEntry("qop", "auth").containsEntry("nc", "00000001");
    }

    @Test
    void rejectsMalformedRequestWith400() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", simulator.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] b = s.getInputStream().readNBytes(12);
            assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("RTSP/1.0 400");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer to a malformed request", e);
        }
    }
}
