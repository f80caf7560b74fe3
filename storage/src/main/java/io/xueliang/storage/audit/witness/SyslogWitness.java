package io.xueliang.storage.audit.witness;

import io.xueliang.storage.audit.AuditCheckpoint;
import io.xueliang.storage.audit.AuditWitness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends each checkpoint to a syslog server as one RFC 5424 message, so that the site's central log (which the
 * store's owner cannot edit) holds the chain's heads:
 *
 * <pre>
 *   &lt;109&gt;1 2026-11-22T08:05:00.123456Z host xueliang 4242 audit-checkpoint - xueliang-audit-checkpoint-1 kind=head ...
 *    |   |  timestamp                   host  app      pid  msgid            no structured data, then the signed line
 *    |   version
 *    PRI: facility 13 (log audit) x 8 + severity 5 (notice)
 * </pre>
 *
 * {@code udp://host:port} sends one datagram per message (RFC 5426): nothing says it arrived. {@code tcp://host:port}
 * connects, sends the message framed by octet counting ({@code "<length> <message>"}, RFC 6587) and closes; a refused
 * or timed-out connection is a failed send. The port defaults to 514.
 */
public final class SyslogWitness implements AuditWitness {
    /** Facility 13, "log audit" (RFC 5424 table 1), severity 5, "notice". */
    static final int PRI = 13 * 8 + 5;
    public static final int DEFAULT_PORT = 514;

    private final URI target;
    private final boolean tcp;
    private final Duration timeout;
    private final String hostname;
    private final long pid = ProcessHandle.current().pid();

    /**
     * @param target {@code udp://host[:port]} or {@code tcp://host[:port]}
     * @param timeout longest wait to connect and to send over TCP
     */
    public SyslogWitness(URI target, Duration timeout) {
        this.target = Objects.requireNonNull(target, "target");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (!"udp".equals(target.getScheme()) && !"tcp".equals(target.getScheme())) {
            throw new IllegalArgumentException("syslog target must be udp:// or tcp://, was " + target);
        }
        if (target.getHost() == null) {
            throw new IllegalArgumentException("syslog target has no host: " + target);
        }
        this.tcp = "tcp".equals(target.getScheme());
        this.hostname = localHostname();
    }

    private static String localHostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            // RFC 5424 HOSTNAME: 1-255 printable US-ASCII characters, no space.
            return name != null && name.matches("[!-~]{1,255}") ? name : "-";
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    @Override
    public String describe() {
        return "syslog " + target;
    }

    /** The RFC 5424 message of one checkpoint. */
    String message(AuditCheckpoint checkpoint, String line) {
        return "<" + PRI + ">1 " + checkpoint.at() + " " + hostname + " xueliang " + pid + " audit-checkpoint - " + line;
    }

    @Override
    public void send(AuditCheckpoint checkpoint, String line, String keyFingerprint) throws IOException {
        byte[] message = message(checkpoint, line).getBytes(StandardCharsets.UTF_8);
        InetSocketAddress address = new InetSocketAddress(target.getHost(),
                target.getPort() < 0 ? DEFAULT_PORT : target.getPort());
        if (address.isUnresolved()) {
            throw new UnknownHostException(target.getHost());
        }
        if (tcp) {
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(message);
                out.flush();
            }
        } else {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(message, message.length, address));
            }
        }
    }
}
