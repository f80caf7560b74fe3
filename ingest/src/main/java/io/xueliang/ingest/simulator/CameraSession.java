package io.xueliang.ingest.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

/**
 * One client playing one camera: RTP state and real-time pacing of the shared clip. Runs only on its
 * control channel's event loop, called by that loop's {@link SessionTicker}.
 * <pre>
 *  interleaved RTP packet as written:
 *  +-----+---------+--------+------------------------------------+------------------------------+
 *  | '$' | channel | length | V=2 P X CC | M PT | seq | ts | ssrc |  payload (shared slice)      |
 *  +-----+---------+--------+------------------------------------+------------------------------+
 *    1       1        2       12-byte RTP header built per packet
 * </pre>
 * The clip loops: the frame after the last is frame 0 again, its timestamp advanced by the clip length;
 * sequence numbers just continue.
 */
final class CameraSession {
    static final int PAYLOAD_TYPE = 96;
    private static final long SR_INTERVAL_NANOS = 5_000_000_000L;
    /** UDP sessions without RTSP or RTCP from the client for this long end, as the Session timeout says. */
    static final long UDP_TIMEOUT_NANOS = 65_000_000_000L;

    final int camera;
    final int ssrc;
    private final SimulatorSource source;
    private final Channel control;
    private final RtpTransport transport;
    private final UdpSockets udp;
    private final SimulatorCounters counters;
    private final int firstSequence;
    private final int firstTimestamp;

    private int sequence;
    private final ClipClock clock;
    private boolean skipping;
    private long nextSrNanos;
    private long packetsSent;
    private long octetsSent;
    private volatile long lastActivityNanos;
    private boolean playing;

    CameraSession(int camera, SimulatorSource source, Channel control, RtpTransport transport, UdpSockets udp,
            SimulatorCounters counters, int ssrc, int firstSequence, int firstTimestamp, int startFrame) {
        this.camera = camera;
        this.clock = new ClipClock(source, startFrame);
        this.source = source;
        this.control = control;
        this.transport = transport;
        this.udp = udp;
        this.counters = counters;
        this.ssrc = ssrc;
        this.firstSequence = firstSequence & 0xFFFF;
        this.firstTimestamp = firstTimestamp;
        this.sequence = this.firstSequence;
        this.lastActivityNanos = System.nanoTime();
    }

    RtpTransport transport() {
        return transport;
    }

    int firstSequence() {
        return firstSequence;
    }

    int firstTimestamp() {
        return firstTimestamp;
    }

    boolean playing() {
        return playing;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Starts real-time playback from the session's start frame at {@code now}. */
    void play(long now) {
        if (playing) {
            return;
        }
        playing = true;
        clock.start(now);
        nextSrNanos = now + SR_INTERVAL_NANOS;
    }

    void stop() {
        playing = false;
    }

    boolean timedOut(long now) {
        return !transport.interleaved() && now - lastActivityNanos > UDP_TIMEOUT_NANOS;
    }

    /**
     * Sends every frame whose time has come.
     *
     * @return whether anything was written (the ticker then flushes the channel)
     */
    boolean tick(long now) {
        if (!playing) {
            return false;
        }
        boolean wrote = false;
        while (clock.due(now)) {
            long global = clock.next();
            int f = clock.clipFrame(global);
            if (wrote && transport.interleaved()) {
                // several frames due in one tick (catching up): let the earlier ones leave first, so that
                // writability reflects a slow client rather than our own unflushed burst
                control.flush();
            }
            if (transport.interleaved() && !control.isWritable()) {
                skipping = true;
            } else if (skipping && source.keyframe(f)) {
                skipping = false;
            }
            if (skipping) {
                counters.framesSkipped.increment();
            } else {
                sendFrame(f, rtpTimestamp(global));
                wrote = true;
            }
        }
        if (now - nextSrNanos >= 0) {
            nextSrNanos = now + SR_INTERVAL_NANOS;
            sendSenderReport(now);
            wrote = true;
        }
        return wrote;
    }

    private int rtpTimestamp(long globalFrame) {
        return (int) (firstTimestamp + clock.timestamp90k(globalFrame));
    }

    private void sendFrame(int frame, int timestamp) {
        int first = source.firstPacket(frame);
        int count = source.packetCount(frame);
        ByteBufAllocator alloc = control.alloc();
        long octets = 0;
        for (int i = 0; i < count; i++) {
            int p = first + i;
            int length = source.packetLength(p);
            boolean marker = i == count - 1;
            if (transport.interleaved()) {
                ByteBuf header = alloc.directBuffer(16);
                header.writeByte('$').writeByte(transport.rtpChannel()).writeShort(12 + length);
                writeRtpHeader(header, marker, timestamp);
                control.write(header, control.voidPromise());
                control.write(source.payload(p), control.voidPromise());
            } else {
                ByteBuf datagram = alloc.directBuffer(12 + length);
                writeRtpHeader(datagram, marker, timestamp);
                source.copyPayload(p, datagram);
                udp.sendRtp(new DatagramPacket(datagram, transport.clientRtp()));
            }
            octets += length;
        }
        packetsSent += count;
        octetsSent += octets;
        counters.packets.add(count);
        counters.bytes.add(octets + 12L * count);
    }

    private void writeRtpHeader(ByteBuf b, boolean marker, int timestamp) {
        b.writeByte(0x80);
        b.writeByte((marker ? 0x80 : 0) | PAYLOAD_TYPE);
        b.writeShort(sequence);
        b.writeInt(timestamp);
        b.writeInt(ssrc);
        sequence = (sequence + 1) & 0xFFFF;
    }

    /**
     * RTCP sender report (RFC 3550 6.4.1), 28 bytes:
     * <pre>
     *  V=2 P RC=0 | PT=200 | length=6 | SSRC | NTP sec | NTP frac | RTP ts | packet count | octet count
     * </pre>
     */
    private void sendSenderReport(long now) {
        long wallMillis = System.currentTimeMillis();
        long ntpSeconds = wallMillis / 1000 + 2_208_988_800L;
        long ntpFraction = ((wallMillis % 1000) << 32) / 1000;
        int rtpNow = (int) (firstTimestamp + clock.elapsed90k(now));
        ByteBufAllocator alloc = control.alloc();
        ByteBuf sr = alloc.directBuffer(32);
        if (transport.interleaved()) {
            sr.writeByte('$').writeByte(transport.rtcpChannel()).writeShort(28);
        }
        sr.writeByte(0x80).writeByte(200).writeShort(6).writeInt(ssrc);
        sr.writeInt((int) ntpSeconds).writeInt((int) ntpFraction).writeInt(rtpNow);
        sr.writeInt((int) packetsSent).writeInt((int) octetsSent);
        if (transport.interleaved()) {
            control.write(sr, control.voidPromise());
        } else {
            udp.sendRtcp(new DatagramPacket(sr, transport.clientRtcp()));
        }
    }

    /** The RTP timestamp PLAY's RTP-Info announces: that of the first frame to be sent. */
    int nextRtpTimestamp() {
        return rtpTimestamp(clock.peek());
    }

    int nextSequence() {
        return sequence;
    }
}
