package io.xueliang.ingest.rtsp.codec;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * One RTSP response. The body is copied out of the connection buffer (an SDP is a few KiB at most
 * and bounded by the decoder's body limit), so the message needs no reference counting.
 */
public record RtspResponse(int status, String reason, RtspHeaders headers, byte[] body) {

    public RtspResponse {
        body = body == null ? new byte[0] : body;
    }

    public RtspResponse(int status, String reason, RtspHeaders headers) {
        this(status, reason, headers, new byte[0]);
    }

    public OptionalInt cseq() {
        return RtspRequest.parseCseq(headers);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }
}
