/**
 * The read-store benchmark: a generated county's history written into the embedded store, then the searches,
 * trajectories and analyses investigators run, timed in-process (issue 11; DESIGN.md §12's read-store targets).
 */
package io.xueliang.bench.reads;
