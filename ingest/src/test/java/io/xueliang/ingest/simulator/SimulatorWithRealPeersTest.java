package io.xueliang.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.ingest.ts.FfmpegClips;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** ffmpeg as a third-party RTSP client, and a client that stops reading. */
class SimulatorWithRealPeersTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "udp"})
    void ffmpegDecodesTheDefaultClipWithDigestAuth(String transport) throws Exception {
        Assumptions.assumeTrue(FfmpegClips.available(), "ffmpeg is not on the PATH");
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(3).withCredentials("admin", "pa55")).start()) {
            String url = "rtsp://admin:pa55@127.0.0.1:" + sim.port() + "/cam3";
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error",
                    "-rtsp_transport", transport, "-i", url, "-frames:v", "60", "-f", "framemd5", "-")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            long frames = out.lines().filter(l -> l.startsWith("0,")).count();
            assertThat(frames).as(out).isEqualTo(60);
            assertThat(out).doesNotContain("error", "corrupt");
        }
    }

    @Test
    void clientThatStopsReadingLosesWholeFramesNotMemory() throws Exception {
        try (RtspCameraSimulator sim = new RtspCameraSimulator(SimulatorSource.defaultClip(),
                SimulatorOptions.loopback(1)).start();
                Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", sim.port()));
            s.setSoTimeout(10_000);
            String base = sim.url(1);
            s.getOutputStream().write(("SETUP " + base + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                    + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String setup = readHead(s.getInputStream());
            Matcher m = Pattern.compile("Session: ([0-9A-F]+)").matcher(setup);
            assertThat(m.find()).as(setup).isTrue();
            s.getOutputStream().write(("PLAY " + base + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + m.group(1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // now read nothing: the server must start skipping frames once its buffers are full
            for (int i = 0; i < 600 && sim.stats().framesSkipped() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(sim.stats().framesSkipped()).isPositive();
            assertThat(sim.stats().sessions()).isEqualTo(1);
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

}
