package io.xueliang.ingest.rtsp.codec;

import io.netty.handler.codec.DecoderException;

/** Bytes from the camera that cannot be an RTSP message or break a limit; the session ends. */
public abstract sealed class RtspDecoderException extends DecoderException
        permits RtspLimitExceededException, RtspGarbageException, RtspMalformedMessageException {

    protected RtspDecoderException(String message) {
        super(message);
    }
}
