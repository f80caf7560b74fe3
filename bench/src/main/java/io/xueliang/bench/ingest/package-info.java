/**
 * The ingest load harness: simulator and server in separate processes, N cameras, CPU and memory
 * per camera measured from /proc, with ffmpeg pulling the same cameras side by side.
 */
package io.xueliang.bench.ingest;
