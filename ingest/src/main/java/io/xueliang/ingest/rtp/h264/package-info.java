/**
 * H.264 over RTP (RFC 6184, packetization modes 0 and 1): depacketisation into access units and
 * the sequence parameter set fields (ITU-T H.264 §7.3.2.1) a recorder needs.
 */
package io.xueliang.ingest.rtp.h264;
