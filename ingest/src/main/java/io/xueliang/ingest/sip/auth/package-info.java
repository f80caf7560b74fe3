/**
 * SIP digest authentication (RFC 3261 §22, RFC 2617 MD5 with and without qop) as GB/T 28181 registration uses it:
 * the registrar's challenge and stateless nonces, and the client answering a superior platform.
 */
package io.xueliang.ingest.sip.auth;
