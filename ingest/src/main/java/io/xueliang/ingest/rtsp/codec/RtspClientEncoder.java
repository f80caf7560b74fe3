package io.xueliang.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes what the client sends: {@link RtspRequest}s, {@link RtspResponse}s to requests the camera
 * made, and {@link InterleavedFrame}s (RTCP receiver reports over TCP). Content-Length is added
 * when a body is present and the header is missing.
 */
public final class RtspClientEncoder extends MessageToMessageEncoder<Object> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof RtspRequest || msg instanceof RtspResponse || msg instanceof InterleavedFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        switch (msg) {
            case RtspRequest request -> out.add(text(ctx,
                    request.method() + " " + request.uri() + " RTSP/1.0\r\n", request.headers(), request.body()));
            case RtspResponse response -> out.add(text(ctx,
                    "RTSP/1.0 " + response.status() + " " + response.reason() + "\r\n", response.headers(), response.body()));
            case InterleavedFrame frame -> {
                ByteBuf header = ctx.alloc().buffer(4);
                header.writeByte('$').writeByte(frame.channel()).writeShort(frame.payload().readableBytes());
                out.add(header);
                out.add(frame.payload().retain());
            }
            default -> throw new IllegalArgumentException("unsupported " + msg.getClass());
        }
    }

    private static ByteBuf text(ChannelHandlerContext ctx, String startLine, RtspHeaders headers, byte[] body) {
        StringBuilder sb = new StringBuilder(256).append(startLine);
        for (int i = 0; i < headers.size(); i++) {
            sb.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
        }
        if (body.length > 0 && !headers.contains("Content-Length")) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctx.alloc().buffer(head.length + body.length);
        return buf.writeBytes(head).writeBytes(body);
    }
}
