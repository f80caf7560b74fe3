/**
 * The embedded SQLite store: one file under the storage root per store (the main store's, the read store's), WAL
 * journal, numbered schema migrations, one writer thread that group-commits queued writes, and a small pool of
 * read-only connections. Everything here blocks: callers run it on worker threads, never on a Vert.x or Netty event
 * loop (DESIGN.md §3, §9).
 */
package io.xueliang.sql;
