package io.xueliang.ingest.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.xueliang.ingest.sip.SipPacket;
import java.util.List;

/** Writes a {@link SipPacket} as one datagram to its peer, in {@link SipEncoder}'s form. */
@ChannelHandler.Sharable
public final class SipDatagramEncoder extends MessageToMessageEncoder<SipPacket> {

    @Override
    protected void encode(ChannelHandlerContext ctx, SipPacket packet, List<Object> out) {
        ByteBuf buf = ctx.alloc().buffer(512 + packet.message().body().length);
        try {
            SipEncoder.write(packet.message(), buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        out.add(new DatagramPacket(buf, packet.peer()));
    }
}
