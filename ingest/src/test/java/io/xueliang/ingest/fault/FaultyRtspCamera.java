package io.xueliang.ingest.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A camera that misbehaves in one chosen way, for fault tests: it speaks just enough RTSP over a
 * plain socket (thread per connection) to get a client where the fault bites.
 */
public final class FaultyRtspCamera implements AutoCloseable {
    /** The ways it misbehaves. */
    public enum Fault {
        /** Answers the first request with random bytes and keeps the connection open. */
        GARBAGE,
        /** Answers with a header block far over any sane limit. */
        OVERSIZED_HEADERS,
        /** Plays, then sends an interleaved frame announcing 16 KiB, 100 bytes of it, and hangs up. */
        TRUNCATED_INTERLEAVED,
        /** Plays, then sends an RTP packet whose CSRC count runs past its end. */
        HOSTILE_RTP,
        /** Plays, answers keep-alives, sends no media. */
        SILENT_AFTER_PLAY,
        /**
         * Plays, answers keep-alives, and sends H.264 FU-A fragments every 20 ms, a new timestamp every
         * 40 ms, none ever the last of its NAL unit: plenty of bytes, never a frame.
         */
        ENDLESS_FRAGMENTS
    }

    private final Fault fault;
    private final byte[] sps;
    private final byte[] pps;
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FaultyRtspCamera(Fault fault, byte[] sps, byte[] pps) throws IOException {
        this.fault = fault;
        this.sps = sps;
        this.pps = pps;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("faulty-camera").start(this::accept);
    }

    public String url() {
        return "rtsp://127.0.0.1:" + server.getLocalPort() + "/faulty";
    }

    /** Connections accepted so far: one per client attempt. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread.ofPlatform().daemon().name("faulty-camera-conn").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                String request = readHead(in);
                if (request == null) {
                    return;
                }
                String method = request.substring(0, request.indexOf(' '));
                String cseq = header(request, "CSeq");
                switch (fault) {
                    case GARBAGE -> {
                        // Far more junk than any resynchronisation allowance, and no '$' or 'R' in it.
                        byte[] junk = new byte[64 * 1024];
                        java.util.Arrays.fill(junk, (byte) 'X');
                        out.write(junk);
                        out.flush();
                        continue;
                    }
                    case OVERSIZED_HEADERS -> {
                        out.write(("RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nX-Pad: " + "a".repeat(200_000) + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        continue;
                    }
                    default -> { }
                }
                switch (method) {
                    case "OPTIONS", "GET_PARAMETER" -> ok(out, cseq, "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n", "");
                    case "DESCRIBE" -> ok(out, cseq, "Content-Type: application/sdp\r\nContent-Base: " + url() + "/\r\n", sdp());
                    case "SETUP" -> ok(out, cseq, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 1234;timeout=60\r\n", "");
                    case "PLAY" -> {
                        ok(out, cseq, "Session: 1234\r\n", "");
                        misbehaveAfterPlay(out);
                        if (fault == Fault.ENDLESS_FRAGMENTS) {
                            Thread.ofPlatform().daemon().name("faulty-camera-fragments").start(() -> fragments(s, out));
                        } else if (fault != Fault.SILENT_AFTER_PLAY) {
                            return;
                        }
                    }
                    case "TEARDOWN" -> {
                        ok(out, cseq, "Session: 1234\r\n", "");
                        return;
                    }
                    default -> out.write(("RTSP/1.0 501 Not Implemented\r\nCSeq: " + cseq + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException e) {
            // The client hung up: expected for every fault.
        } finally {
            open.remove(s);
        }
    }

    private void misbehaveAfterPlay(OutputStream out) throws IOException {
        switch (fault) {
            case TRUNCATED_INTERLEAVED -> {
                out.write(new byte[] {'$', 0, 0x40, 0x00});
                out.write(rtpHeader(0));
                out.write(new byte[88]);
                out.flush();
            }
            case HOSTILE_RTP -> {
                byte[] rtp = rtpHeader(0);
                rtp[0] = (byte) 0x8F; // version 2, 15 CSRCs announced, none present
                out.write(new byte[] {'$', 0, 0, (byte) rtp.length});
                out.write(rtp);
                out.flush();
            }
            default -> { }
        }
    }

    private static byte[] rtpHeader(int seq) {
        return new byte[] {(byte) 0x80, 96, (byte) (seq >> 8), (byte) seq, 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78};
    }

    private String sdp() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=faulty\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=" + b64.encodeToString(sps) + ","
                + b64.encodeToString(pps) + "\r\na=control:trackID=1\r\n";
    }

    private static void fragments(Socket s, OutputStream out) {
        try {
            for (int seq = 0; !s.isClosed(); seq++) {
                byte[] rtp = rtpHeader(seq);
                int ts = (seq / 2) * 3600;
                rtp[4] = (byte) (ts >> 24);
                rtp[5] = (byte) (ts >> 16);
                rtp[6] = (byte) (ts >> 8);
                rtp[7] = (byte) ts;
                byte[] packet = new byte[rtp.length + 2 + 1000];
                System.arraycopy(rtp, 0, packet, 0, rtp.length);
                packet[rtp.length] = 0x7c; // FU-A, NRI 3
                packet[rtp.length + 1] = (byte) (seq % 2 == 0 ? 0x85 : 0x05); // start or middle of an IDR, never end
                synchronized (out) {
                    out.write(new byte[] {'$', 0, (byte) (packet.length >> 8), (byte) packet.length});
                    out.write(packet);
                    out.flush();
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up
        }
    }

    private static void ok(OutputStream out, String cseq, String headers, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        synchronized (out) { // ENDLESS_FRAGMENTS writes from its own thread
            out.write(("RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n" + headers
                    + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '$' && head.size() == 0) {
                // An interleaved RTCP receiver report from the client: skip it.
                in.read();
                int len = (in.read() << 8) | in.read();
                in.readNBytes(len);
                continue;
            }
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return "0";
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
