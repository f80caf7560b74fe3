/**
 * Test fixtures around GStreamer: the GStreamer RTSP server as a third-party camera, and
 * MPEG-TS clips generated with ffmpeg to feed it (DESIGN.md §13, real peers at the boundaries).
 */
package io.xueliang.ingest.gst;
