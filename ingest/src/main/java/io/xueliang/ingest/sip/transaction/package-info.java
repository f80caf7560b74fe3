/**
 * SIP transactions (RFC 3261 §17, RFC 6026 for 2xx to INVITE), simplified for GB/T 28181: client transactions
 * matching responses and retransmitting over UDP, server transactions absorbing retransmitted requests, all on one
 * {@link io.xueliang.media.Scheduler} thread so tests run in virtual time.
 */
package io.xueliang.ingest.sip.transaction;
