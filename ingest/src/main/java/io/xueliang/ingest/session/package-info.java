/**
 * One camera session end to end: the RTSP client's tracks wired to RTP receivers and
 * depacketisers, publishing access units to the camera's stream hub and counting what it sees.
 */
package io.xueliang.ingest.session;
