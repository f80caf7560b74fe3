/**
 * MPEG-2 program stream (ISO/IEC 13818-1 §2.5) as GB/T 28181 carries it: demultiplexing H.264/H.265 video and AAC
 * or G.711 audio into access units, multiplexing them back the way GB devices send it, and PS over RTP (payload
 * type 96, {@code a=rtpmap:96 PS/90000}; RFC 4571 framing over TCP).
 */
package io.xueliang.ingest.ps;
