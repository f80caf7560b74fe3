/**
 * Getting video in: RTSP/RTP clients, depacketisers, per-camera supervision and the camera simulator.
 */
package io.xueliang.ingest;
