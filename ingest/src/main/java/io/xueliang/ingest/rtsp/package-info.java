/**
 * RTSP 1.0 client session (RFC 2326 as cameras speak it): OPTIONS, DESCRIBE, SETUP over TCP
 * interleaved or UDP, PLAY, keep-alive, TEARDOWN, redirects; delivers RTP/RTCP per track.
 */
package io.xueliang.ingest.rtsp;
