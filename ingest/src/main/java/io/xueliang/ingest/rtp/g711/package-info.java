/** G.711 A-law and mu-law over RTP (RFC 3551 §4.5.14, payload types 8 and 0): one packet, one unit. */
package io.xueliang.ingest.rtp.g711;
