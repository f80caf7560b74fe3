/**
 * HTTP Digest authentication with MD5 (RFC 2617, RFC 3261 §22) shared by the RTSP and SIP clients and the
 * SIP server: challenge parsing, the digest computation, and the answering client.
 */
package io.xueliang.ingest.digest;
