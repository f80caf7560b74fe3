/**
 * SIP messages as GB/T 28181 devices and platforms speak them (an RFC 3261 subset with RFC 3581 rport): requests,
 * responses, typed header views and identifiers. The wire codec is in {@code sip.codec}, transactions in
 * {@code sip.transaction}, digest authentication in {@code sip.auth}.
 */
package io.xueliang.ingest.sip;
