package io.xueliang.ingest.rtsp;

import io.xueliang.config.CameraAuth;
import io.xueliang.config.Transport;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.xueliang.ingest.rtsp.codec.RtspGarbageException;
import io.xueliang.ingest.rtsp.codec.RtspLimitExceededException;
import io.xueliang.ingest.rtsp.codec.RtspRequest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The session against an in-process fake camera: auth, redirects, hostile bytes, keep-alive. */
@ExtendWith(NettyLeakCheck.class)
class RtspClientSessionTest {
    private static EventLoopGroup group;
    private FakeCamera camera;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startCamera() throws Exception {
        camera = new FakeCamera(group);
    }

    @AfterEach
    void stopCamera() {
        camera.close();
    }

    static RtspClientSession session(URI uri, RtspClientConfig config, RecordingListener listener) {
        return new RtspClientSession(uri, config, group, NioSocketChannel.class, NioDatagramChannel.class, listener);
    }

    static RtspClientSession session(URI uri, RecordingListener listener) {
        return session(uri, RtspClientConfig.defaults(), listener);
    }

    @Test
    void playsWithoutAuthAndDeliversInterleavedRtpOnTheVideoTrack() throws Exception {
        RecordingListener listener = new RecordingListener();
        RtspClientSession s = session(camera.uri("/live"), listener);
        s.start();
        List<RtspTrack> tracks = listener.playing.get(5, TimeUnit.SECONDS);
        assertThat(tracks).extracting(RtspTrack::encodingName).containsExactly("H264", "PCMU");
        assertThat(tracks.get(0).controlUri()).hasToString(camera.uri("/live/trackID=1").toString());
        assertThat(tracks.get(1).clockRate()).isEqualTo(8000);
        waitFor(() -> listener.rtpCount(0) == 3);
        assertThat(listener.wrongPayloadType).hasValue(0);
        assertThat(camera.methods()).containsExactly("OPTIONS", "DESCRIBE", "SETUP", "SETUP", "PLAY");
        RtspRequest setup2 = camera.requests.get(3);
        assertThat(setup2.headers().get("Transport")).contains("RTP/AVP/TCP;unicast;interleaved=2-3");
        assertThat(setup2.headers().get("Session")).contains("F00D");
        assertThat(camera.requests.get(1).headers().get("Accept")).contains("application/sdp");
        assertThat(camera.requests).extracting(r -> r.cseq().orElse(-1)).containsExactly(1, 2, 3, 4, 5);
        s.stop();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isSameAs(RecordingListener.STOPPED);
        assertThat(camera.methods()).endsWith("TEARDOWN");
    }

    @Test
    void digestWithoutQopRetriesOnceThenCarriesCredentialsOnEveryRequest() throws Exception {
        camera.auth = FakeCamera.Auth.DIGEST;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live", "admin", "secret"), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        assertThat(camera.methods()).containsExactly("OPTIONS", "OPTIONS", "DESCRIBE", "SETUP", "SETUP", "PLAY");
        assertThat(camera.requests.get(0).headers().get("Authorization")).isEmpty();
        assertThat(camera.requests.subList(1, 6)).allSatisfy(r ->
                assertThat(r.headers().get("Authorization")).hasValueSatisfying(a -> assertThat(a).startsWith("Digest ").doesNotContain("qop")));
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void digestWithQopCountsNoncesAcrossRequests() throws Exception {
        camera.auth = FakeCamera.Auth.DIGEST_QOP;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live", "admin", "secret"), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        assertThat(camera.requests.subList(1, 6)).extracting(r -> r.headers().get("Authorization").orElseThrow()
                .replaceAll(".*nc=(\\w+).*", "$1")).containsExactly("00000001", "00000002", "00000003", "00000004", "00000005");
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void basicAuthWithPercentEncodedPassword() throws Exception {
        camera.auth = FakeCamera.Auth.BASIC;
        camera.password = "p@ss:wörd";
        RecordingListener listener = new RecordingListener();
        session(URI.create("rtsp://admin:p%40ss%3Aw%C3%B6rd@127.0.0.1:" + camera.port() + "/live"),
                RtspClientConfig.defaults().withAuth(CameraAuth.ANY), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void basicIsNeverSentUnlessTheCameraAllowsIt() throws Exception {
        camera.auth = FakeCamera.Auth.BASIC;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live", "admin", "secret"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspAuthenticationException.class, e -> {
            assertThat(e.getMessage()).contains("only Basic", "auth: any");
            assertThat(e.retriable()).isFalse();
        });
        assertThat(camera.requests).as("the password never went out in clear")
                .allSatisfy(r -> assertThat(r.headers().get("Authorization")).isEmpty());

        try (FakeCamera both = new FakeCamera(group)) {
            both.auth = FakeCamera.Auth.DIGEST_OR_BASIC;
            RecordingListener l2 = new RecordingListener();
            session(both.uri("/live", "admin", "secret"), RtspClientConfig.defaults().withAuth(CameraAuth.BASIC), l2).start();
            l2.playing.get(5, TimeUnit.SECONDS);
            assertThat(both.requests.get(1).headers().get("Authorization")).hasValueSatisfying(a -> assertThat(a).startsWith("Basic "));
            l2.session.stop();
            l2.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void staleNonceEarnsOneMoreTry() throws Exception {
        camera.auth = FakeCamera.Auth.DIGEST_QOP;
        camera.staleOnceOnDescribe = true;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live", "admin", "secret"), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        assertThat(camera.methods()).startsWith("OPTIONS", "OPTIONS", "DESCRIBE", "DESCRIBE", "SETUP");
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void wrongPasswordFailsAfterExactlyOneRetryWithoutLeakingIt() throws Exception {
        camera.auth = FakeCamera.Auth.DIGEST;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live", "admin", "hunter2"), listener).start();
        Throwable cause = listener.closed.get(5, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOfSatisfying(RtspAuthenticationException.class, e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.method()).isEqualTo("OPTIONS");
            assertThat(e.retriable()).isFalse();
            assertThat(e.redactedUri().toString()).contains("admin:***@").doesNotContain("hunter2");
            assertThat(e.getMessage()).doesNotContain("hunter2");
        });
        Thread.sleep(300);
        assertThat(camera.methods()).containsExactly("OPTIONS", "OPTIONS");
        assertThat(listener.closedCalls).hasValue(1);
    }

    @Test
    void missingCredentialsFailWithoutRetry() throws Exception {
        camera.auth = FakeCamera.Auth.BASIC;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspAuthenticationException.class,
                e -> assertThat(e.attempts()).isZero());
        assertThat(camera.methods()).containsExactly("OPTIONS");
    }

    @Test
    void redirectToAnotherHostIsFollowed() throws Exception {
        try (FakeCamera target = new FakeCamera(group)) {
            camera.redirects.put("/old", target.uri("/new").toString());
            RecordingListener listener = new RecordingListener();
            session(camera.uri("/old", "admin", "secret"), listener).start();
            listener.playing.get(5, TimeUnit.SECONDS);
            assertThat(camera.methods()).containsExactly("OPTIONS");
            assertThat(target.methods()).startsWith("OPTIONS", "DESCRIBE", "SETUP");
            assertThat(target.requests.get(1).uri()).isEqualTo(target.uri("/new").toString());
            assertThat(listener.session.redactedUri()).hasToString(target.uri("/new").toString());
            listener.session.stop();
            listener.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void credentialsNeverFollowARedirectToAnotherHostOrPort() throws Exception {
        // The camera asks for Digest, then sends the client to a host of its choosing (here: another port of
        // 127.0.0.1) that asks for Basic or Digest: neither the password nor a digest of it may go there.
        camera.auth = FakeCamera.Auth.DIGEST;
        try (FakeCamera elsewhere = new FakeCamera(group)) {
            elsewhere.auth = FakeCamera.Auth.DIGEST_OR_BASIC;
            camera.redirects.put("/old", elsewhere.uri("/new").toString());
            RecordingListener listener = new RecordingListener();
            session(camera.uri("/old", "admin", "secret"), RtspClientConfig.defaults().withAuth(CameraAuth.ANY), listener)
                    .start();
            assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspAuthenticationException.class,
                    e -> assertThat(e.getMessage()).contains("redirected to 127.0.0.1:" + elsewhere.port(), "never sent"));
            assertThat(camera.methods()).containsExactly("OPTIONS", "OPTIONS");
            assertThat(elsewhere.methods()).containsExactly("OPTIONS");
            assertThat(elsewhere.requests).allSatisfy(r -> assertThat(r.headers().get("Authorization")).isEmpty());
        }

        // A redirect to another path of the same host and port keeps them.
        camera.redirects.clear();
        camera.redirects.put("/old", camera.uri("/live").toString());
        RecordingListener same = new RecordingListener();
        session(camera.uri("/old", "admin", "secret"), same).start();
        same.playing.get(5, TimeUnit.SECONDS);
        assertThat(same.session.redactedUri().toString()).contains("admin:***@").endsWith("/live");
        same.session.stop();
        same.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void passwordsInTheQueryReachNeitherTheErrorNorTheLog() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.xueliang.ingest");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            // A Chinese DVR takes its password in the query, and redirects to a URI with another one.
            camera.redirects.put("/old", camera.uri("/live") + "?channel=1&pwd=second-s3cret");
            camera.statusOn.put("DESCRIBE", 404);
            RecordingListener listener = new RecordingListener();
            session(URI.create(camera.uri("/old") + "?channel=1&pwd=first-s3cret"), listener).start();
            Throwable cause = listener.closed.get(5, TimeUnit.SECONDS);
            assertThat(cause).isInstanceOfSatisfying(RtspStatusException.class, e -> {
                assertThat(e.code()).isEqualTo(404);
                assertThat(e.getMessage()).contains("/live?channel=1&pwd=***").doesNotContain("s3cret");
                assertThat(e.redactedUri()).hasToString(camera.uri("/live") + "?channel=1&pwd=***");
            });
            assertThat(camera.requests.get(0).uri()).as("the camera still gets its password").endsWith("pwd=first-s3cret");
            assertThat(logs.list).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains("s3cret"));
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
    }

    @Test
    void controlCharactersACameraSendsAreEscapedInErrors() throws Exception {
        // A reason phrase that clears the operator's terminal and forges a log line (bare CR: LF ends the line).
        camera.statusOn.put("DESCRIBE", 404);
        camera.statusReason = "Not Found\u001b[2J\r2026-01-01 INFO camera 7 playing\u202e";
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspStatusException.class, e ->
                assertThat(e.getMessage()).contains("Not Found\\x1b[2J\\x0d2026-01-01 INFO camera 7 playing\\u202e")
                        .doesNotContain("\u001b", "\r", "\u202e"));

        try (FakeCamera other = new FakeCamera(group)) {
            other.sdp = "v=0\r\nm=video x\u001b]0;owned\u0007 RTP/AVP 96\r\n";
            RecordingListener l2 = new RecordingListener();
            session(other.uri("/live"), l2).start();
            assertThat(l2.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspProtocolException.class, e ->
                    assertThat(e.getMessage()).contains("bad SDP", "x\\x1b]0;owned\\x07").doesNotContain("\u001b", "\u0007"));
        }
    }

    @Test
    void redirectLoopEndsAfterMaxRedirects() throws Exception {
        camera.redirects.put("/a", camera.uri("/b").toString());
        camera.redirects.put("/b", camera.uri("/a").toString());
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/a"), RtspClientConfig.defaults().withMaxRedirects(2), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(RtspProtocolException.class)
                .hasMessageContaining("more than 2 redirects");
        assertThat(camera.methods()).containsExactly("OPTIONS", "OPTIONS", "OPTIONS");
    }

    @Test
    void garbageAfterPlayEndsTheSessionWithARetriableProtocolError() throws Exception {
        camera.rawAfterPlay = "x".repeat(5000).getBytes();
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspProtocolException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(RtspGarbageException.class);
            assertThat(e.retriable()).isTrue();
        });
        assertThat(listener.rtpCount(0)).isEqualTo(3);
    }

    @Test
    void strayBytesBetweenFramesAreSkipped() throws Exception {
        camera.rawAfterPlay = new byte[] {0, 0, 13, 10, '$', 0, 0, 12, (byte) 0x80, 96, 0, 9, 0, 0, 0, 0, 0, 0, 0x12, 0x34};
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        waitFor(() -> listener.rtpCount(0) == 4);
        assertThat(listener.closed).isNotDone();
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void oversizedHeadersEndTheSessionWithALimitError() throws Exception {
        camera.oversizedHeaderOn = "DESCRIBE";
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspProtocolException.class, e -> {
            assertThat(e.getCause()).isInstanceOfSatisfying(RtspLimitExceededException.class,
                    l -> assertThat(l.limit()).isEqualTo("maxHeaderBytes"));
            assertThat(e.retriable()).isFalse();
        });
    }

    @Test
    void truncatedInterleavedFrameThenCloseEndsWithConnectionError() throws Exception {
        byte[] truncated = new byte[104];
        truncated[0] = '$';
        truncated[2] = 0x10; // announces 4096 bytes, sends 100
        camera.rawAfterPlay = truncated;
        camera.closeAfterRaw = true;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspConnectionException.class,
                e -> assertThat(e.retriable()).isTrue());
        assertThat(listener.rtpCount(0)).isEqualTo(3);
    }

    @Test
    void sdpWithoutVideoIsNotRetriable() throws Exception {
        camera.sdp = "v=0\r\nm=audio 0 RTP/AVP 8\r\na=control:trackID=1\r\n";
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspProtocolException.class, e -> {
            assertThat(e.getMessage()).contains("no H.264/H.265 video");
            assertThat(e.retriable()).isFalse();
        });
    }

    @Test
    void unansweredRequestTimesOut() throws Exception {
        camera.silentOn = "DESCRIBE";
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), RtspClientConfig.defaults().withRequestTimeout(Duration.ofMillis(300)), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspTimeoutException.class, e -> {
            assertThat(e.method()).isEqualTo("DESCRIBE");
            assertThat(e.retriable()).isTrue();
        });
    }

    @Test
    void refusedConnectionIsRetriable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RecordingListener listener = new RecordingListener();
        session(URI.create("rtsp://u:pw@127.0.0.1:" + port + "/x"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspConnectionException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.getMessage()).contains("u:***@").doesNotContain("pw@");
        });
    }

    @Test
    void keepAliveUsesGetParameterWhenListedElseOptions() throws Exception {
        camera.sessionHeader = "F00D; timeout=2";
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        waitFor(() -> camera.methods().contains("GET_PARAMETER"));
        RtspRequest ka = camera.requests.stream().filter(r -> r.method().equals("GET_PARAMETER")).findFirst().orElseThrow();
        assertThat(ka.headers().get("Session")).contains("F00D");
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);

        try (FakeCamera old = new FakeCamera(group)) {
            old.sessionHeader = "F00D;timeout=2";
            old.publicHeader = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN";
            RecordingListener l2 = new RecordingListener();
            session(old.uri("/live"), l2).start();
            l2.playing.get(5, TimeUnit.SECONDS);
            waitFor(() -> old.methods().lastIndexOf("OPTIONS") > 0);
            assertThat(old.methods()).doesNotContain("GET_PARAMETER");
            l2.session.stop();
            l2.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestsFromTheCameraAreAnswered() throws Exception {
        camera.requestAfterPlay = true;
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        waitFor(() -> !camera.responsesFromClient.isEmpty());
        assertThat(camera.responsesFromClient.getFirst().status()).isEqualTo(200);
        assertThat(camera.responsesFromClient.getFirst().cseq()).hasValue(900);
        assertThat(listener.closed).isNotDone();
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void rtcpIsSentInterleavedOnTheTracksOddChannel() throws Exception {
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        listener.session.sendRtcp(1, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 1}));
        waitFor(() -> !camera.framesFromClient.isEmpty());
        assertThat(camera.framesFromClient).containsExactly("3:8");
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void udpPunchesReceivesFromTheCameraOnlyAndSendsRtcpToItsRtcpPort() throws Exception {
        try (DatagramSocket serverRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket serverRtcp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            serverRtp.setSoTimeout(3000);
            serverRtcp.setSoTimeout(3000);
            camera.udpServerPorts = serverRtp.getLocalPort() + "-" + serverRtcp.getLocalPort();
            camera.sdp = "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H265/90000\r\na=control:trackID=1\r\n";
            int base = 36000 + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
            RtspClientConfig config = RtspClientConfig.defaults().withTransport(Transport.UDP)
                    .withUdpPorts(new UdpPortRange(base, base + 19));
            RecordingListener listener = new RecordingListener();
            session(camera.uri("/live"), config, listener).start();
            listener.playing.get(5, TimeUnit.SECONDS);

            String transport = camera.requests.stream().filter(r -> r.method().equals("SETUP")).findFirst().orElseThrow()
                    .headers().get("Transport").orElseThrow();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("client_port=(\\d+)-(\\d+)").matcher(transport);
            assertThat(m.find()).as(transport).isTrue();
            int clientRtp = Integer.parseInt(m.group(1));
            assertThat(clientRtp % 2).isZero();
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(clientRtp + 1);
            assertThat(clientRtp).isBetween(base, base + 18);

            DatagramPacket punch = new DatagramPacket(new byte[64], 64);
            serverRtp.receive(punch);
            assertThat(punch.getLength()).isEqualTo(12);
            assertThat(punch.getPort()).isEqualTo(clientRtp);
            serverRtcp.receive(punch);
            assertThat(punch.getData()[1] & 0xFF).isEqualTo(201);

            byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 1, 2};
            byte[] sr = {(byte) 0x80, (byte) 200, 0, 0};
            try (DatagramSocket otherHost = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"));
                 DatagramSocket otherPort = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                otherHost.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), clientRtp));
                // The camera's own host, from a port it did not announce: an injection, not the camera.
                otherPort.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), clientRtp));
                otherPort.send(new DatagramPacket(sr, sr.length, InetAddress.getLoopbackAddress(), clientRtp + 1));
                // RTP from the camera's RTCP port, and RTCP from its RTP port: crossed, so not the camera's.
                serverRtcp.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), clientRtp));
                serverRtp.send(new DatagramPacket(sr, sr.length, InetAddress.getLoopbackAddress(), clientRtp + 1));
            }
            waitFor(() -> listener.foreignDatagrams.get() == 5);
            serverRtp.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), clientRtp));
            serverRtcp.send(new DatagramPacket(sr, sr.length, InetAddress.getLoopbackAddress(), clientRtp + 1));
            waitFor(() -> listener.rtpCount(0) == 1 && listener.rtcp.containsKey(0));
            Thread.sleep(100);
            assertThat(listener.rtpCount(0)).as("only the datagram from the announced port").isEqualTo(1);
            assertThat(listener.rtcp.get(0).get()).isEqualTo(1);
            assertThat(listener.foreignDatagrams.get()).isEqualTo(5);

            listener.session.sendRtcp(0, Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 201, 0, 7, 9, 9, 9, 9}));
            DatagramPacket rr = new DatagramPacket(new byte[64], 64);
            do {
                serverRtcp.receive(rr);
            } while (rr.getLength() != 8 || rr.getData()[0] != (byte) 0x81);
            assertThat(rr.getPort()).isEqualTo(clientRtp + 1);
            listener.session.stop();
            assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isSameAs(RecordingListener.STOPPED);
        }
    }

    @Test
    void autoFallsBackToUdpWhenTheCameraRefusesTcpWith461() throws Exception {
        camera.refuseTcp = true;
        int base = 37000 + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
        RtspClientConfig auto = RtspClientConfig.defaults().withTransport(Transport.AUTO)
                .withUdpPorts(new UdpPortRange(base, base + 19));
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), auto, listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        assertThat(listener.session.mediaTransport()).isEqualTo(Transport.UDP);
        assertThat(camera.methods()).containsExactly("OPTIONS", "DESCRIBE", "SETUP", "SETUP", "SETUP", "PLAY");
        List<String> setups = camera.requests.stream().filter(r -> r.method().equals("SETUP"))
                .map(r -> r.headers().get("Transport").orElseThrow()).toList();
        assertThat(setups.get(0)).startsWith("RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(setups.get(1)).startsWith("RTP/AVP;unicast;client_port=");
        assertThat(setups.get(2)).as("the second track follows the first onto UDP").startsWith("RTP/AVP;unicast;client_port=");
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);

        // Without auto, 461 ends the session: the camera is configured for TCP and refuses it.
        RecordingListener tcp = new RecordingListener();
        session(camera.uri("/live"), tcp).start();
        assertThat(tcp.closed.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RtspStatusException.class,
                e -> assertThat(e.code()).isEqualTo(461));
    }

    @Test
    void autoStaysOnTcpWhenTheCameraAcceptsIt() throws Exception {
        RecordingListener listener = new RecordingListener();
        session(camera.uri("/live"), RtspClientConfig.defaults().withTransport(Transport.AUTO), listener).start();
        listener.playing.get(5, TimeUnit.SECONDS);
        assertThat(listener.session.mediaTransport()).isEqualTo(Transport.TCP);
        waitFor(() -> listener.rtpCount(0) == 3);
        assertThat(camera.methods()).containsExactly("OPTIONS", "DESCRIBE", "SETUP", "SETUP", "PLAY");
        listener.session.stop();
        listener.closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void listenerFailureEndsTheSessionInsteadOfEscapingTheEventLoop() throws Exception {
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onPlaying(RtspClientSession session, List<RtspTrack> tracks) {
                throw new IllegalStateException("consumer bug");
            }
        };
        session(camera.uri("/live"), listener).start();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isInstanceOf(RtspProtocolException.class)
                .hasRootCauseMessage("consumer bug");
        assertThat(camera.methods()).contains("PLAY");
    }

    @Test
    void stopBeforePlayingClosesOnceWithoutCause() throws Exception {
        camera.silentOn = "DESCRIBE";
        RecordingListener listener = new RecordingListener();
        RtspClientSession s = session(camera.uri("/live"), listener);
        s.start();
        waitFor(() -> camera.methods().contains("DESCRIBE"));
        s.stop();
        s.stop();
        assertThat(listener.closed.get(5, TimeUnit.SECONDS)).isSameAs(RecordingListener.STOPPED);
        Thread.sleep(200);
        assertThat(listener.closedCalls).hasValue(1);
        assertThat(s.state()).isEqualTo(RtspState.CLOSED);
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(20);
        }
    }
}
