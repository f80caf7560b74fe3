/**
 * The recording load harness: ingest with recording off and on at N cameras, CPU, memory and write bandwidth per
 * camera from /proc, beside ffmpeg {@code -c copy -f segment} recording some of the same cameras.
 */
package io.xueliang.bench.recording;
