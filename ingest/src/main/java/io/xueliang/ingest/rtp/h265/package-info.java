/**
 * H.265 over RTP (RFC 7798, without DONL): depacketisation into access units and the sequence
 * parameter set fields (ITU-T H.265 §7.3.2.2) a recorder needs.
 */
package io.xueliang.ingest.rtp.h265;
