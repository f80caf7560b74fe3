/**
 * JMH benchmarks and whole-system load harnesses; run by hand, results in docs/BENCHMARKS.md.
 */
package io.xueliang.bench;
