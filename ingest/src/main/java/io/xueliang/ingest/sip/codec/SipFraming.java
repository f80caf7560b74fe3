package io.xueliang.ingest.sip.codec;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What both decoders share: finding the blank line, reading Content-Length, attaching a body. */
final class SipFraming {
    private SipFraming() {
    }

    /**
     * Offset just past the blank line that ends the head, searching {@code in} from its reader index for at most
     * {@code searchable} bytes and starting at {@code from} (bytes before were searched already); -1 if not there.
     */
    static int headEnd(ByteBuf in, int searchable, int from) {
        int start = in.readerIndex();
        for (int i = Math.max(0, from - 2); i < searchable; i++) {
            if (in.getByte(start + i) != '\n') {
                continue;
            }
            if (i + 1 < searchable && in.getByte(start + i + 1) == '\n') {
                return i + 2;
            }
            if (i + 2 < searchable && in.getByte(start + i + 1) == '\r' && in.getByte(start + i + 2) == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /** Skips CR and LF before a message (RFC 5626 §3.5.1 keep-alives, stray line ends); returns bytes skipped. */
    static int skipLineEnds(ByteBuf in) {
        int n = 0;
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != '\r' && b != '\n') {
                break;
            }
            in.skipBytes(1);
            n++;
        }
        return n;
    }

    /** Parses the head held in the first {@code length} readable bytes and consumes them. */
    static SipMessage head(ByteBuf in, int length, SipDecoderLimits limits) {
        String text = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return SipHeadParser.parse(text, limits);
    }

    /** The Content-Length, -1 when absent. All its values (any form, any case) must agree. */
    static long contentLength(SipMessage head, SipDecoderLimits limits) {
        List<String> values = head.headers().getAll("Content-Length");
        long length = -1;
        for (String v : values) {
            String t = v.strip();
            if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw failure(head, SipParseException.malformed("bad Content-Length", v));
            }
            long l = Long.parseLong(t);
            if (length >= 0 && l != length) {
                throw failure(head, SipParseException.malformed("conflicting Content-Length", v));
            }
            length = l;
        }
        if (length > limits.maxBodyBytes()) {
            throw failure(head, SipParseException.limit("maxBodyBytes", limits.maxBodyBytes(), length));
        }
        return length;
    }

    static SipParseException failure(SipMessage head, SipParseException e) {
        return head instanceof SipRequest r ? e.inRequest(r) : e;
    }

    static SipMessage withBody(SipMessage head, byte[] body) {
        return switch (head) {
            case SipRequest r -> new SipRequest(r.method(), r.uri(), r.headers(), body);
            case SipResponse r -> new SipResponse(r.status(), r.reason(), r.headers(), body);
        };
    }
}
