/** Read-store query benchmarks: search (exact, wildcard, partial, fuzzy) and trajectories, in-process and over HTTP. */
package io.xueliang.bench.reads;
