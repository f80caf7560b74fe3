/**
 * RTSP client authentication: Basic (RFC 7617) and Digest with MD5, with and without
 * {@code qop=auth} (RFC 2617 / RFC 7616 as cameras implement it), and credential redaction.
 */
package io.xueliang.ingest.rtsp.auth;
