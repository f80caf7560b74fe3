package io.xueliang.ingest.gb28181;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.xueliang.ingest.ps.PsMuxer;
import io.xueliang.ingest.ps.PsRtpPacketizer;
import io.xueliang.ingest.ts.FfmpegClips;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.ElementaryStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A capture of a GB/T 28181 device's live stream, made by the test: ffmpeg encodes a test pattern (H.264), our muxer
 * and packetizer make PS over RTP of it, and the packets are written as a pcap (Ethernet, IPv4, UDP) with their
 * times, for SIPp's {@code play_pcap_video} to send as the device.
 */
public final class PsPcap {
    private static final int FPS = 25;

    private PsPcap() {
    }

    /** Writes {@code seconds} of 320x240 H.264 at 25 fps, keyframe every second, as {@code file}. */
    public static void write(Path dir, Path file, int seconds) throws IOException, InterruptedException {
        Assumptions.assumeTrue(FfmpegClips.available(), "ffmpeg is not on the PATH: cannot make the capture");
        Path raw = dir.resolve("clip.h264");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=320x240:rate=" + FPS, "-frames:v", Integer.toString(seconds * FPS), "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", Integer.toString(FPS), "-bf", "0", "-f", "h264",
                raw.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + out);
        }
        List<AccessUnit> units = ElementaryStream.accessUnits(CameraId.of("43032100001310000001"), Codec.H264,
                Files.readAllBytes(raw), 320, 240, 0, 90_000 / FPS, Instant.EPOCH);
        PsMuxer muxer = new PsMuxer(Codec.H264, null);
        PsRtpPacketizer packetizer = new PsRtpPacketizer(0x12345678L, PsRtpPacketizer.PAYLOAD_TYPE,
                PsRtpPacketizer.DEFAULT_MAX_PAYLOAD, 1);
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        pcap.write(le(ByteBuffer.allocate(24).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0)
                .putInt(0).putInt(65535).putInt(1)));
        for (AccessUnit unit : units) {
            long micros = unit.pts90k() * 1000 / 90;
            for (ByteBuf rtp : packetizer.packetize(muxer.mux(unit), unit.pts90k(), ByteBufAllocator.DEFAULT)) {
                try {
                    record(pcap, micros, ByteBufUtil.getBytes(rtp));
                } finally {
                    rtp.release();
                }
            }
        }
        Files.write(file, pcap.toByteArray());
    }

    private static void record(ByteArrayOutputStream pcap, long micros, byte[] payload) throws IOException {
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLength);
        frame.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ipStart = frame.position();
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                .put(new byte[] {127, 0, 0, 1});
        frame.putShort(ipStart + 10, checksum(frame.array(), ipStart, 20));
        frame.putShort((short) 15060).putShort((short) 30000).putShort((short) udpLength).putShort((short) 0);
        frame.put(payload);
        pcap.write(le(ByteBuffer.allocate(16).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(frame.capacity()).putInt(frame.capacity())));
        pcap.write(frame.array());
    }

    /** A pcap header field block: written big-endian above, the file is little-endian. */
    private static byte[] le(ByteBuffer big) {
        byte[] b = big.array();
        ByteBuffer out = ByteBuffer.allocate(b.length).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer in = ByteBuffer.wrap(b);
        if (b.length == 24) {
            out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
            for (int i = 0; i < 4; i++) {
                out.putInt(in.getInt());
            }
        } else {
            for (int i = 0; i < 4; i++) {
                out.putInt(in.getInt());
            }
        }
        return out.array();
    }

    private static short checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = off; i < off + len; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
