package io.xueliang.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One RTP or RTCP packet carried on the RTSP connection (RFC 2326 §10.12):
 * <pre>
 *  0        1        2        3
 * +--------+--------+--------+--------+-----------------+
 * |  '$'   |channel |   length (BE)   | payload (length)|
 * +--------+--------+--------+--------+-----------------+
 * </pre>
 * Even channels carry RTP, odd ones RTCP, per the {@code interleaved=} pair of SETUP.
 * The holder owns one reference to {@code payload}; whoever receives it releases it.
 */
public final class InterleavedFrame extends DefaultByteBufHolder {
    /** The 16-bit length field caps a frame. */
    public static final int MAX_PAYLOAD = 0xFFFF;

    private final int channel;

    public InterleavedFrame(int channel, ByteBuf payload) {
        super(payload);
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("interleaved channel " + channel + " outside 0-255");
        }
        if (payload.readableBytes() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("interleaved payload " + payload.readableBytes() + " > " + MAX_PAYLOAD);
        }
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    public ByteBuf payload() {
        return content();
    }

    @Override
    public InterleavedFrame replace(ByteBuf content) {
        return new InterleavedFrame(channel, content);
    }

    @Override
    public InterleavedFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public InterleavedFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public InterleavedFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public InterleavedFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "InterleavedFrame(channel=" + channel + ", bytes=" + content().readableBytes() + ")";
    }
}
