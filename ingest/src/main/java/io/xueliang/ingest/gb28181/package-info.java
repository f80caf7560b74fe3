/**
 * GB/T 28181 (DESIGN.md §6): the platform side of the standard. Devices, NVRs and lower platforms register with it
 * over SIP ({@code ingest.sip}), send keepalives and catalogs in MANSCDP ({@code ingest.manscdp}) and stream video
 * as MPEG-PS over RTP ({@code ingest.ps}) into the same StreamHub as RTSP cameras; this platform registers in turn
 * with superior platforms. Registrations and keepalives live in memory ({@link io.xueliang.ingest.gb28181.GbDevices}).
 */
package io.xueliang.ingest.gb28181;
