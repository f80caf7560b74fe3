/**
 * MANSRTSP (GB/T 28181 Appendix B): the RTSP-like playback control a platform sends inside a SIP INFO of a playback
 * call: pause, resume, speed and seek.
 */
package io.xueliang.ingest.mansrtsp;
