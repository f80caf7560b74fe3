/** JMH micro-benchmarks of the hot paths. */
package io.xueliang.bench.jmh;
