/**
 * MPEG-2 transport stream demultiplexing (ISO/IEC 13818-1): PAT/PMT, PES reassembly and PTS/DTS for
 * one H.264 (ITU-T H.264 Annex B) or H.265 video stream, as needed to replay clips; not a general demuxer.
 */
package io.xueliang.ingest.ts;
