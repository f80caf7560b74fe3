/**
 * Text that came off the wire (RTSP status lines and headers, SDP, names a camera chose), made
 * safe to put in a log line, an exception message or a camera's {@code lastError}.
 */
package io.xueliang.ingest.wire;
