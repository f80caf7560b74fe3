/**
 * The API load harness: api and storage composed in one process, driven over loopback by {@code wrk}
 * (Debian), beside a static file served by the same Vert.x instance, with and without audit writing.
 */
package io.xueliang.bench.api;
