package io.xueliang.ingest.rtsp.codec;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * One RTSP request: those the client sends, and those some cameras send to the client
 * (GET_PARAMETER or OPTIONS as a keep-alive probe, ANNOUNCE; RFC 2326 §10).
 * {@code uri} is the request-URI as written on the wire and must not carry userinfo.
 */
public record RtspRequest(String method, String uri, RtspHeaders headers, byte[] body) {

    public RtspRequest {
        body = body == null ? new byte[0] : body;
    }

    public RtspRequest(String method, String uri, RtspHeaders headers) {
        this(method, uri, headers, new byte[0]);
    }

    public OptionalInt cseq() {
        return parseCseq(headers);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static OptionalInt parseCseq(RtspHeaders headers) {
        String value = headers.get("CSeq").orElse(null);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
