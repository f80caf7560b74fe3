package io.xueliang.server;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client of RFC 6455's frames and nothing more, for tests that read a server's frames one by one: the
 * opening handshake on a plain socket, unmasked frames read, masked text frames sent.
 */
final class RawWebSocket implements AutoCloseable {
    /** One message: a text or a binary frame's payload. */
    record Frame(int opcode, byte[] payload) {
        boolean text() {
            return opcode == 1;
        }

        String string() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens {@code pathAndQuery}; fails unless the server answers 101. */
    static RawWebSocket open(int port, String pathAndQuery) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        RawWebSocket ws = new RawWebSocket(s);
        ws.out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) ws.in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("not upgraded: " + head.toString().lines().findFirst().orElse(""));
        }
        return ws;
    }

    /** The next text or binary message (control frames are skipped; a close frame fails). */
    Frame read() throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            int opcode = b0 & 0x0f;
            if (opcode == 8) {
                throw new IOException("closed by the server: " + new String(payload, StandardCharsets.UTF_8));
            }
            if (opcode == 1 || opcode == 2) {
                return new Frame(opcode, payload);
            }
        }
    }

    /** Sends a text message, masked as a client must. */
    void sendText(String text) throws IOException {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        if (p.length > 125) {
            throw new IllegalArgumentException("short messages only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x81);
        out.write(0x80 | p.length);
        out.write(mask);
        for (int i = 0; i < p.length; i++) {
            out.write(p[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
