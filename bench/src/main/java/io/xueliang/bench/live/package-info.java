/** Live video benchmarks: latency from capture to a browser's presentation, first frame, the cost of viewers. */
package io.xueliang.bench.live;
