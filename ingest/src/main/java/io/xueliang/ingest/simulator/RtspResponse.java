package io.xueliang.ingest.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Builds an RTSP/1.0 response as text. */
final class RtspResponse {
    private final StringBuilder text = new StringBuilder(256);
    private String body = "";

    RtspResponse(int status, String reason, String cseq) {
        text.append("RTSP/1.0 ").append(status).append(' ').append(reason).append("\r\n");
        header("CSeq", cseq);
        header("Server", "xueliang-simulator");
    }

    RtspResponse header(String name, String value) {
        text.append(name).append(": ").append(value).append("\r\n");
        return this;
    }

    RtspResponse body(String contentType, String content) {
        header("Content-Type", contentType);
        this.body = content;
        return this;
    }

    ByteBuf encode(ByteBufAllocator alloc) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0) {
            header("Content-Length", Integer.toString(b.length));
        }
        text.append("\r\n");
        byte[] h = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = alloc.buffer(h.length + b.length);
        buf.writeBytes(h).writeBytes(b);
        return buf;
    }
}
