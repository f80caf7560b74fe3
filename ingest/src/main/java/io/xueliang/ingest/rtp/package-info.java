/**
 * RTP reception (RFC 3550): packet parsing, sequence and timestamp unwrapping, loss and jitter
 * statistics, the RTP-to-wall-clock mapping, and the depacketiser contract that turns RTP payloads
 * into {@link io.xueliang.media.AccessUnit}s.
 */
package io.xueliang.ingest.rtp;
