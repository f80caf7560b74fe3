/**
 * The ingest load harness: simulator and server in separate processes, N cameras, CPU and memory
 * per camera measured from /proc, with ffmpeg pulling the same cameras side by side; and the outage
 * harness: N cameras lose the network and get it back, attempts and recovery time measured.
 */
package io.xueliang.bench.ingest;
