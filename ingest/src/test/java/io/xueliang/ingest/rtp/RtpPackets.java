package io.xueliang.ingest.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.xueliang.media.AccessUnit;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds RTP packets for tests and feeds them to depacketisers, releasing every buffer. */
public final class RtpPackets {
    public static final long SSRC = 0x11223344L;
    public static final Instant WALL = Instant.parse("2026-11-22T08:00:00Z");

    private RtpPackets() {
    }

    public static ByteBuf packet(int payloadType, int seq, long ts, long ssrc, boolean marker, byte[] payload) {
        ByteBuf b = Unpooled.buffer(12 + payload.length);
        b.writeByte(0x80);
        b.writeByte((marker ? 0x80 : 0) | payloadType);
        b.writeShort(seq);
        b.writeInt((int) ts);
        b.writeInt((int) ssrc);
        b.writeBytes(payload);
        return b;
    }

    public static ByteBuf packet(int seq, long ts, boolean marker, byte[] payload) {
        return packet(96, seq, ts, SSRC, marker, payload);
    }

    /** Parses and hands one packet to {@code d} at timestamp {@code ts}, then releases it. */
    public static void deliver(Depacketizer d, int seq, long ts, boolean marker, byte[] payload) {
        ByteBuf b = packet(seq, ts, marker, payload);
        try {
            d.onPacket(RtpPacket.parse(b), ts, WALL.plusMillis(ts / 90));
        } finally {
            b.release();
        }
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    /** The NAL units of a length-prefixed access unit, as hex strings. */
    public static List<String> nals(AccessUnit unit) {
        ByteBuffer p = unit.payload();
        List<String> out = new ArrayList<>();
        while (p.hasRemaining()) {
            int len = p.getInt();
            byte[] nal = new byte[len];
            p.get(nal);
            out.add(hex(nal));
        }
        return out;
    }
}
