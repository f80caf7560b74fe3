/**
 * Session Description Protocol, the subset of RFC 8866 that RTSP cameras send in DESCRIBE
 * answers, plus RTSP control-URL resolution (RFC 2326 §C.1.1) as cameras rely on it.
 */
package io.xueliang.ingest.sdp;
