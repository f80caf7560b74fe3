/**
 * RTSP 1.0 wire codec for the client side of a camera connection (RFC 2326 §6, §7, §10.12):
 * responses, requests sent by the camera, and {@code $}-framed interleaved RTP/RTCP.
 */
package io.xueliang.ingest.rtsp.codec;
