/** Measuring other processes from Linux {@code /proc}: CPU time and resident memory. */
package io.xueliang.bench.proc;
