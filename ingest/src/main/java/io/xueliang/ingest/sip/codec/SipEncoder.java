package io.xueliang.ingest.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import io.xueliang.ingest.sip.SipHeaders;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import java.nio.charset.StandardCharsets;

/**
 * Writes SIP messages on a TCP connection. Every message gets one {@code Content-Length}, computed from the body
 * (RFC 3261 §18.3 requires it on streams; any Content-Length or {@code l} the headers held is dropped). A header
 * name or value holding CR or LF is refused, so text a device chose cannot inject a header.
 * <pre>
 *  METHOD SP uri SP SIP/2.0 CRLF  |  SIP/2.0 SP status SP reason CRLF
 *  (name ": " value CRLF)*        headers in their order, names as stored
 *  Content-Length: n CRLF CRLF    body (n bytes)
 * </pre>
 */
@ChannelHandler.Sharable
public final class SipEncoder extends MessageToByteEncoder<SipMessage> {

    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, ByteBuf out) {
        write(msg, out);
    }

    /** Appends the wire form of {@code msg} to {@code out}. */
    public static void write(SipMessage msg, ByteBuf out) {
        StringBuilder sb = new StringBuilder(512);
        switch (msg) {
            case SipRequest r -> sb.append(clean(r.method())).append(' ').append(clean(r.uri())).append(" SIP/2.0\r\n");
            case SipResponse r -> sb.append("SIP/2.0 ").append(r.status()).append(' ').append(clean(r.reason())).append("\r\n");
        }
        SipHeaders headers = msg.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (SipHeaders.key(headers.name(i)).equals("content-length")) {
                continue;
            }
            sb.append(clean(headers.name(i))).append(": ").append(clean(headers.value(i))).append("\r\n");
        }
        sb.append("Content-Length: ").append(msg.body().length).append("\r\n\r\n");
        out.writeCharSequence(sb, StandardCharsets.UTF_8);
        out.writeBytes(msg.body());
    }

    private static String clean(String s) {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new EncoderException("CR or LF in a SIP start line or header");
        }
        return s;
    }
}
