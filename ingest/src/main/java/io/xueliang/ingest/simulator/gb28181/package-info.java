/**
 * A GB/T 28181-2016 device simulator, the counterpart of the RTSP camera simulator: NVR-like devices that register
 * with a platform over SIP (digest), keep alive, answer Catalog and DeviceInfo queries in MANSCDP, and answer live
 * INVITEs by streaming the simulator's looping clip as MPEG-PS over RTP (UDP, or TCP with RFC 4571 framing).
 */
package io.xueliang.ingest.simulator.gb28181;
