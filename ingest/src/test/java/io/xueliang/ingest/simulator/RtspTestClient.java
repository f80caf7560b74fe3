package io.xueliang.ingest.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/** A deliberately small RTSP client over a plain socket, independent of the project's RTSP client. */
final class RtspTestClient implements AutoCloseable {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    record Interleaved(int channel, byte[] data) {
        int sequence() {
            return ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        }

        long timestamp() {
            return ((data[4] & 0xFFL) << 24) | ((data[5] & 0xFFL) << 16) | ((data[6] & 0xFFL) << 8) | (data[7] & 0xFFL);
        }

        long ssrc() {
            return ((data[8] & 0xFFL) << 24) | ((data[9] & 0xFFL) << 16) | ((data[10] & 0xFFL) << 8) | (data[11] & 0xFFL);
        }

        boolean marker() {
            return (data[1] & 0x80) != 0;
        }

        int payloadType() {
            return data[1] & 0x7F;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Deque<Interleaved> pending = new ArrayDeque<>();
    private int cseq;

    RtspTestClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(15_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    Response request(String method, String uri, String... headers) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(method).append(' ').append(uri).append(" RTSP/1.0\r\n");
        s.append("CSeq: ").append(++cseq).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            s.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        s.append("\r\n");
        out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readResponse();
    }

    void sendInterleaved(int channel, byte[] data) throws IOException {
        byte[] h = {'$', (byte) channel, (byte) (data.length >> 8), (byte) data.length};
        out.write(h);
        out.write(data);
        out.flush();
    }

    private Response readResponse() throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            if (first == '$') {
                pending.add(readFrameBody());
                continue;
            }
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(first);
            while (true) {
                head.write(in.readUnsignedByte());
                byte[] b = head.toByteArray();
                int n = b.length;
                if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                    break;
                }
            }
            String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    String name = lines[i].substring(0, c).trim();
                    String value = lines[i].substring(c + 1).trim();
                    // repeated headers (WWW-Authenticate) are joined with a newline
                    headers.merge(name, value, (a, b) -> a + "\n" + b);
                }
            }
            int length = headers.containsKey("Content-Length") ? Integer.parseInt(headers.get("Content-Length")) : 0;
            byte[] body = new byte[length];
            in.readFully(body);
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private Interleaved readFrameBody() throws IOException {
        int channel = in.readUnsignedByte();
        int length = in.readUnsignedShort();
        byte[] data = new byte[length];
        in.readFully(data);
        return new Interleaved(channel, data);
    }

    /** The next interleaved frame (RTP or RTCP). */
    Interleaved next() throws IOException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        int first = in.readUnsignedByte();
        if (first != '$') {
            throw new IOException("expected an interleaved frame, got byte " + first);
        }
        return readFrameBody();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
