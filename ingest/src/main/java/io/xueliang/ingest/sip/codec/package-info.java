/**
 * SIP wire codec on Netty (RFC 3261 §7, §18.3): one message per UDP datagram, Content-Length framing on TCP,
 * limits ({@link io.xueliang.ingest.sip.codec.SipDecoderLimits}) on every size a peer controls.
 * <pre>
 *  UDP (one channel for every device):
 *    pipeline.addLast(new SipDatagramDecoder(limits),   // DatagramPacket -&gt; SipPacket | InvalidSipPacket (answer 400)
 *                     new SipDatagramEncoder(),         // SipPacket -&gt; DatagramPacket to packet.peer()
 *                     handler);                         // hands SipPacket to the transactions' Scheduler
 *  TCP (one channel per connection):
 *    pipeline.addLast(new SipStreamDecoder(limits),     // bytes -&gt; SipMessage; SipParseException once, then nothing
 *                     new SipEncoder(),                 // SipMessage -&gt; bytes
 *                     handler);                         // exceptionCaught: 400 if answerable(), then close
 * </pre>
 * The decoders and encoders of UDP and the TCP encoder are {@code @Sharable}; a {@code SipStreamDecoder} holds one
 * connection's state.
 */
package io.xueliang.ingest.sip.codec;
