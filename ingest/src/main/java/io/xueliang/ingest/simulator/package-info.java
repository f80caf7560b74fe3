/**
 * An RTSP camera simulator (RFC 2326 server side, RTP/RTCP per RFC 3550, payload formats RFC 6184 and
 * RFC 7798): serves one looping clip as many cameras, for tests, demos and load runs.
 */
package io.xueliang.ingest.simulator;
