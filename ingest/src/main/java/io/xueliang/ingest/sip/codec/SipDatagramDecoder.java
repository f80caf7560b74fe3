package io.xueliang.ingest.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipPacket;
import io.xueliang.ingest.sip.SipParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads SIP over UDP: one message per datagram (RFC 3261 §18.3), as a {@link SipPacket} with the sender.
 * <pre>
 *  datagram := *(CR / LF)  start-line  *(header line)  blank line  [body]  [ignored]
 *              ^keep-alive   (CRLF or bare LF line ends; folded lines joined)
 *  body     := Content-Length bytes, or without Content-Length the rest of the datagram;
 *              bytes past Content-Length are discarded, fewer than Content-Length make it malformed
 * </pre>
 * A bad datagram never stops the channel: it is counted and dropped. When it is a request whose Via, Call-ID and
 * CSeq could be read, an {@link InvalidSipPacket} goes on instead so the server can answer 400. A datagram of line
 * ends only is a keep-alive, counted and dropped. Sharable: it keeps no state but its counters.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private final SipDecoderLimits limits;
    private final LongAdder decoded = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder keepalives = new LongAdder();

    public SipDatagramDecoder(SipDecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        try {
            SipMessage message = decode(packet.content(), limits);
            if (message == null) {
                keepalives.increment();
            } else {
                decoded.increment();
                out.add(new SipPacket(message, packet.sender()));
            }
        } catch (SipParseException e) {
            malformed.increment();
            if (e.answerable()) {
                out.add(new InvalidSipPacket(e, packet.sender()));
            }
        }
    }

    /**
     * Decodes one datagram's bytes (the reader index moves to the end); null for a keep-alive.
     *
     * @throws SipParseException for anything that is not one SIP message within the limits
     */
    public static SipMessage decode(ByteBuf datagram, SipDecoderLimits limits) {
        try {
            SipFraming.skipLineEnds(datagram);
            if (!datagram.isReadable()) {
                return null;
            }
            int searchable = Math.min(datagram.readableBytes(), limits.maxHeaderBytes());
            int end = SipFraming.headEnd(datagram, searchable, 0);
            if (end < 0) {
                if (datagram.readableBytes() > limits.maxHeaderBytes()) {
                    throw SipParseException.limit("maxHeaderBytes", limits.maxHeaderBytes(), datagram.readableBytes());
                }
                end = datagram.readableBytes(); // no blank line: tolerated, the datagram ends the head
            }
            SipMessage head = SipFraming.head(datagram, end, limits);
            long length = SipFraming.contentLength(head, limits);
            int rest = datagram.readableBytes();
            if (length > rest) {
                throw SipFraming.failure(head, SipParseException.malformed(
                        "Content-Length " + length + " beyond the datagram's " + rest + " bytes", null));
            }
            if (length < 0 && rest > limits.maxBodyBytes()) {
                throw SipFraming.failure(head, SipParseException.limit("maxBodyBytes", limits.maxBodyBytes(), rest));
            }
            byte[] body = new byte[length < 0 ? rest : (int) length];
            datagram.readBytes(body);
            return SipFraming.withBody(head, body);
        } finally {
            datagram.skipBytes(datagram.readableBytes());
        }
    }

    /** Messages handed on. */
    public long decoded() {
        return decoded.sum();
    }

    /** Datagrams dropped as not SIP or over a limit. */
    public long malformed() {
        return malformed.sum();
    }

    /** Datagrams of line ends only. */
    public long keepalives() {
        return keepalives.sum();
    }
}
