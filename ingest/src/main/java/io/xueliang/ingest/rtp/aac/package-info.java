/**
 * AAC over RTP as mpeg4-generic (RFC 3640, AAC-hbr and AAC-lbr modes): AU-header parsing,
 * several access units per packet and access units fragmented over several packets.
 */
package io.xueliang.ingest.rtp.aac;
