/**
 * Whole-system load runs: the camera simulator and the server started as child processes from a generated
 * configuration of N cameras, their /metrics scraped with the metrics token, ffmpeg processes beside them.
 */
package io.xueliang.bench.system;
