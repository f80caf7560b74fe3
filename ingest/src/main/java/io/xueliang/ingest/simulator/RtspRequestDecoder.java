package io.xueliang.ingest.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the client side of an RTSP connection into requests and interleaved frames.
 * <pre>
 *  request:      METHOD uri RTSP/1.0\r\n  Header: value\r\n ... \r\n  [body of Content-Length]
 *  interleaved:  '$' | channel (8) | length (16) | data       (RTCP receiver reports from the client)
 * </pre>
 * Requests become {@link RtspRequest}; interleaved frames become {@link InterleavedFrame} (data not kept).
 */
final class RtspRequestDecoder extends ByteToMessageDecoder {
    /** Bound on a request head: real ones are a few hundred bytes; stops a client that never sends CRLFCRLF. */
    private final int maxHeadBytes;
    /** Bound on a request body: clients send bodies only with SET_PARAMETER/ANNOUNCE, which we do not serve. */
    private final int maxBodyBytes;

    RtspRequestDecoder(int maxHeadBytes, int maxBodyBytes) {
        this.maxHeadBytes = maxHeadBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A frame the client sent on an interleaved channel. */
    record InterleavedFrame(int channel, int length) {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        while (in.isReadable()) {
            int start = in.readerIndex();
            if (in.getByte(start) == '$') {
                if (in.readableBytes() < 4) {
                    return;
                }
                int channel = in.getUnsignedByte(start + 1);
                int length = in.getUnsignedShort(start + 2);
                if (in.readableBytes() < 4 + length) {
                    return;
                }
                in.skipBytes(4 + length);
                out.add(new InterleavedFrame(channel, length));
                continue;
            }
            int headEnd = findHeadEnd(in, start);
            if (headEnd < 0) {
                if (in.readableBytes() > maxHeadBytes) {
                    throw new TooLongFrameException("RTSP request head exceeds " + maxHeadBytes + " bytes");
                }
                return;
            }
            String head = in.toString(start, headEnd - start, StandardCharsets.UTF_8);
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].trim().split(" +");
            if (requestLine.length < 3 || !requestLine[2].startsWith("RTSP/")) {
                throw new IllegalArgumentException("malformed RTSP request line: " + lines[0]);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
                }
            }
            int bodyLength = 0;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Length")) {
                    bodyLength = Integer.parseInt(h.getValue());
                }
            }
            if (bodyLength < 0 || bodyLength > maxBodyBytes) {
                throw new TooLongFrameException("RTSP body of " + bodyLength + " bytes exceeds " + maxBodyBytes);
            }
            int total = headEnd + 4 - start + bodyLength;
            if (in.readableBytes() < total) {
                return;
            }
            in.skipBytes(total);
            out.add(new RtspRequest(requestLine[0], requestLine[1], headers));
        }
    }

    private int findHeadEnd(ByteBuf in, int start) {
        int end = Math.min(in.writerIndex(), start + maxHeadBytes + 4);
        for (int i = start; i + 3 < end; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
                    && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }
}
