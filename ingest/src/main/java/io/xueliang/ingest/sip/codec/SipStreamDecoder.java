package io.xueliang.ingest.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipParseException;
import java.util.List;
import java.util.Objects;

/**
 * Splits a SIP over TCP byte stream into messages (RFC 3261 §18.3): several may come in one read and one may take
 * many reads.
 * <pre>
 *  stream  := *( *(CR / LF)  message )
 *                ^keep-alive (RFC 5626 §3.5.1 CRLF ping), skipped
 *  message := start-line *(header line) blank-line  body
 *             |&lt;------ at most maxHeaderBytes ------&gt;|  |&lt;- Content-Length (required) -&gt;|
 *
 *  SKIP_LINE_ENDS --other byte--> HEAD --blank line--> BODY --Content-Length bytes--> SKIP_LINE_ENDS
 *        any state --error--> FAILED (every later byte dropped)
 * </pre>
 * A stream has no boundaries to recover at, so any error is a framing error: the pipeline sees one
 * {@link SipParseException} (with the request head when there was one, for a 400 before closing) and the
 * connection should close. The decoder holds at most {@code maxHeaderBytes} of a head and copies a body only once
 * it is complete.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {

    private enum State { SKIP_LINE_ENDS, HEAD, BODY, FAILED }

    private final SipDecoderLimits limits;
    private State state = State.SKIP_LINE_ENDS;
    /** Bytes of the pending head already searched for the blank line, so a trickling peer costs O(n), not O(n²). */
    private int headScanned;
    private SipMessage pending;
    private int bodyLength;

    public SipStreamDecoder(SipDecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (true) {
                switch (state) {
                    case FAILED -> {
                        in.skipBytes(in.readableBytes());
                        return;
                    }
                    case SKIP_LINE_ENDS -> {
                        SipFraming.skipLineEnds(in);
                        if (!in.isReadable()) {
                            return;
                        }
                        state = State.HEAD;
                    }
                    case HEAD -> {
                        if (!decodeHead(in)) {
                            return;
                        }
                    }
                    case BODY -> {
                        if (in.readableBytes() < bodyLength) {
                            return;
                        }
                        byte[] body = new byte[bodyLength];
                        in.readBytes(body);
                        out.add(SipFraming.withBody(pending, body));
                        pending = null;
                        state = State.SKIP_LINE_ENDS;
                    }
                }
            }
        } catch (SipParseException e) {
            state = State.FAILED;
            pending = null;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private boolean decodeHead(ByteBuf in) {
        int searchable = Math.min(in.readableBytes(), limits.maxHeaderBytes());
        int end = SipFraming.headEnd(in, searchable, headScanned);
        if (end < 0) {
            checkStartLine(in, searchable);
            headScanned = searchable;
            if (in.readableBytes() >= limits.maxHeaderBytes()) {
                throw SipParseException.limit("maxHeaderBytes", limits.maxHeaderBytes(), in.readableBytes());
            }
            return false;
        }
        headScanned = 0;
        SipMessage head = SipFraming.head(in, end, limits);
        long length = SipFraming.contentLength(head, limits);
        if (length < 0) {
            throw SipFraming.failure(head, SipParseException.malformed("no Content-Length on a stream", null));
        }
        pending = head;
        bodyLength = (int) length;
        state = State.BODY;
        return true;
    }

    /** Fails early on a start line longer than allowed instead of buffering up to maxHeaderBytes of it. */
    private void checkStartLine(ByteBuf in, int searchable) {
        int limit = limits.maxStartLineBytes() + 2; // the line and its CRLF
        if (searchable <= limit) {
            return;
        }
        if (in.indexOf(in.readerIndex(), in.readerIndex() + limit, (byte) '\n') < 0) {
            throw SipParseException.limit("maxStartLineBytes", limits.maxStartLineBytes(), searchable);
        }
    }
}
