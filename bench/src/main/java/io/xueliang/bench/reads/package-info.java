/**
 * Read-store benchmarks (issue 11; DESIGN.md §12's read-store targets): a generated county's history written into the
 * embedded store, then the searches (exact, wildcard, partial, fuzzy), trajectories and analyses investigators run,
 * timed in-process and over HTTP.
 */
package io.xueliang.bench.reads;
