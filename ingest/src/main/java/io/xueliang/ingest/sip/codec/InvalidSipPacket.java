package io.xueliang.ingest.sip.codec;

import io.xueliang.ingest.sip.SipParseException;
import java.net.InetSocketAddress;

/**
 * A datagram that was a request but not a valid one, whose head is good enough for a {@code 400 Bad Request}
 * ({@link SipParseException#answerable()} holds). {@link SipParseException#request()} has the head; the
 * exception's message says what was wrong, which makes a fitting reason phrase.
 */
public record InvalidSipPacket(SipParseException cause, InetSocketAddress sender) {
}
