package io.xueliang.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Splits the byte stream a camera sends on its RTSP connection into {@link RtspResponse},
 * {@link RtspRequest} (requests the camera sends to us) and {@link InterleavedFrame}.
 * <pre>
 *  stream := ( response | request | frame | garbage )*
 *  response := "RTSP/1.0" SP code SP reason CRLF *(header CRLF) CRLF [body of Content-Length]
 *  request  := METHOD SP uri SP "RTSP/1.0" CRLF *(header CRLF) CRLF [body]
 *  frame    := '$' channel(1) length(2, BE) payload(length)
 * </pre>
 * Bare LF line ends are accepted (some DVRs send them). Stray bytes between messages are
 * skipped while scanning for {@code $} or {@code RTSP/1.0}, up to
 * {@link RtspDecoderLimits#maxGarbageBytes()} in a row. Any failure is final: the decoder drops
 * every later byte and the pipeline sees one {@link RtspDecoderException}.
 */
public final class RtspClientDecoder extends ByteToMessageDecoder {

    private enum State { BOUNDARY, BODY, FAILED }

    private enum Match { YES, PARTIAL, NO }

    private static final byte[] RTSP_VERSION = "RTSP/1.0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_METHOD_LENGTH = 32;

    private final RtspDecoderLimits limits;
    private State state = State.BOUNDARY;
    private int garbageSkipped;
    private final StringBuilder garbagePreview = new StringBuilder();
    private int bodyLength;
    /** Bytes of the pending head already searched for the blank line, so a trickling camera costs O(n), not O(n²). */
    private int headScanned;
    private RtspRequest pendingRequest;
    private RtspResponse pendingResponse;

    public RtspClientDecoder(RtspDecoderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (true) {
                if (state == State.FAILED) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                if (state == State.BODY) {
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    byte[] body = new byte[bodyLength];
                    in.readBytes(body);
                    out.add(withBody(body));
                    messageDone();
                    continue;
                }
                if (!in.isReadable() || !decodeAtBoundary(in, out)) {
                    return;
                }
            }
        } catch (RtspDecoderException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Returns false when more bytes are needed. */
    private boolean decodeAtBoundary(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        byte first = in.getByte(start);
        if (first == '$') {
            if (readable < 4) {
                return false;
            }
            int length = in.getUnsignedShort(start + 2);
            if (length > limits.maxInterleavedBytes()) {
                throw new RtspLimitExceededException("maxInterleavedBytes", limits.maxInterleavedBytes(), length);
            }
            if (readable < 4 + length) {
                return false;
            }
            int channel = in.getUnsignedByte(start + 1);
            in.skipBytes(4);
            out.add(new InterleavedFrame(channel, in.readRetainedSlice(length)));
            garbageSkipped = 0;
            return true;
        }
        Match version = matchVersion(in);
        // After garbage, only '$' and "RTSP/1.0" resynchronise: a letter inside garbage is no evidence of a request.
        Match method = garbageSkipped == 0 ? matchMethod(in) : Match.NO;
        if (version == Match.YES || method == Match.YES) {
            return decodeHead(in);
        }
        if (version == Match.PARTIAL || method == Match.PARTIAL) {
            return false;
        }
        skipGarbageByte(in);
        return true;
    }

    private void skipGarbageByte(ByteBuf in) {
        if (garbageSkipped == 0) {
            garbagePreview.setLength(0);
        }
        if (garbagePreview.length() < 32) {
            garbagePreview.append(String.format("%02x", in.getUnsignedByte(in.readerIndex())));
        }
        in.skipBytes(1);
        garbageSkipped++;
        if (garbageSkipped > limits.maxGarbageBytes()) {
            throw new RtspGarbageException(garbageSkipped, garbagePreview.toString());
        }
    }

    private static Match matchVersion(ByteBuf in) {
        int n = Math.min(in.readableBytes(), RTSP_VERSION.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != RTSP_VERSION[i]) {
                return Match.NO;
            }
        }
        return n == RTSP_VERSION.length ? Match.YES : Match.PARTIAL;
    }

    private static Match matchMethod(ByteBuf in) {
        int n = Math.min(in.readableBytes(), MAX_METHOD_LENGTH + 1);
        for (int i = 0; i < n; i++) {
            byte b = in.getByte(in.readerIndex() + i);
            if (b == ' ' && i > 0) {
                return Match.YES;
            }
            if (!((b >= 'A' && b <= 'Z') || b == '_')) {
                return Match.NO;
            }
        }
        return n > MAX_METHOD_LENGTH ? Match.NO : Match.PARTIAL;
    }

    /** Parses start line and headers once the blank line is in; returns false when it is not. */
    private boolean decodeHead(ByteBuf in) {
        int start = in.readerIndex();
        int searchable = Math.min(in.readableBytes(), limits.maxHeaderBytes());
        int end = -1;
        for (int i = Math.max(0, headScanned - 2); i < searchable; i++) {
            if (in.getByte(start + i) != '\n') {
                continue;
            }
            if (i + 1 < searchable && in.getByte(start + i + 1) == '\n') {
                end = i + 2;
                break;
            }
            if (i + 2 < searchable && in.getByte(start + i + 1) == '\r' && in.getByte(start + i + 2) == '\n') {
                end = i + 3;
                break;
            }
        }
        if (end < 0) {
            headScanned = searchable;
            if (in.readableBytes() >= limits.maxHeaderBytes()) {
                throw new RtspLimitExceededException("maxHeaderBytes", limits.maxHeaderBytes(), in.readableBytes());
            }
            return false;
        }
        headScanned = 0;
        String head = in.toString(start, end, StandardCharsets.UTF_8);
        in.skipBytes(end);
        String[] lines = head.split("\n");
        String startLine = stripCr(lines[0]);
        RtspHeaders headers = new RtspHeaders();
        for (int i = 1; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && headers.size() > 0) {
                headers.appendToLast(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // a line that is no header: tolerated, cameras write odd things
            }
            if (headers.size() >= limits.maxHeaders()) {
                throw new RtspLimitExceededException("maxHeaders", limits.maxHeaders(), headers.size() + 1L);
            }
            headers.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        bodyLength = contentLength(headers);
        if (startLine.startsWith("RTSP/")) {
            pendingResponse = parseStatusLine(startLine, headers);
        } else {
            pendingRequest = parseRequestLine(startLine, headers);
        }
        state = State.BODY;
        return true;
    }

    private int contentLength(RtspHeaders headers) {
        String value = headers.get("Content-Length").orElse(null);
        if (value == null) {
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new RtspMalformedMessageException("bad Content-Length", cut(value));
        }
        if (length < 0) {
            throw new RtspMalformedMessageException("negative Content-Length", cut(value));
        }
        if (length > limits.maxBodyBytes()) {
            throw new RtspLimitExceededException("maxBodyBytes", limits.maxBodyBytes(), length);
        }
        return (int) length;
    }

    private static RtspResponse parseStatusLine(String line, RtspHeaders headers) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].equals("RTSP/1.0") || parts[1].length() != 3) {
            throw new RtspMalformedMessageException("bad status line", cut(line));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new RtspMalformedMessageException("bad status code", cut(line));
        }
        if (status < 100) {
            throw new RtspMalformedMessageException("bad status code", cut(line));
        }
        return new RtspResponse(status, parts.length > 2 ? parts[2].strip() : "", headers);
    }

    private static RtspRequest parseRequestLine(String line, RtspHeaders headers) {
        String[] parts = line.strip().split(" +");
        if (parts.length != 3 || !parts[2].startsWith("RTSP/")) {
            throw new RtspMalformedMessageException("bad request line", cut(line));
        }
        return new RtspRequest(parts[0], parts[1], headers);
    }

    private Object withBody(byte[] body) {
        if (pendingResponse != null) {
            RtspResponse r = pendingResponse;
            return new RtspResponse(r.status(), r.reason(), r.headers(), body);
        }
        RtspRequest r = pendingRequest;
        return new RtspRequest(r.method(), r.uri(), r.headers(), body);
    }

    private void messageDone() {
        pendingRequest = null;
        pendingResponse = null;
        bodyLength = 0;
        garbageSkipped = 0;
        state = State.BOUNDARY;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    /** For tests and logs: hex of a buffer's head. */
    static String preview(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf, buf.readerIndex(), Math.min(16, buf.readableBytes()));
    }
}
