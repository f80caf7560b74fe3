/**
 * RTCP (RFC 3550 §6): parsing compound packets from cameras (SR, RR, SDES, BYE) and writing the
 * receiver reports we send back.
 */
package io.xueliang.ingest.rtp.rtcp;
