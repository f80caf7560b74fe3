/**
 * SIP wire codec on Netty (RFC 3261 §7, §18.3): one message per UDP datagram, Content-Length framing on TCP,
 * limits on every size a peer controls. Pipelines:
 * <pre>
 *  UDP: SipDatagramDecoder (DatagramPacket -&gt; SipPacket | InvalidSipPacket), SipDatagramEncoder (SipPacket -&gt; DatagramPacket)
 *  TCP: SipStreamDecoder (bytes -&gt; SipMessage, SipParseException closes), SipEncoder (SipMessage -&gt; bytes)
 * </pre>
 */
package io.xueliang.ingest.sip.codec;
