/**
 * The plate reading throughput harness: detection and reading per picture on one core, on whole pictures and on the
 * motion gate's region, and a checkpoint lane's whole cost per camera (decode, gate, detect, read, track).
 */
package io.xueliang.bench.plates;
