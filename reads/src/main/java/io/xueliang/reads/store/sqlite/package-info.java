/**
 * The read store on the embedded SQLite database ({@code reads.db} beside the main store): batched idempotent
 * inserts on the single writer, searches on the read pool.
 */
package io.xueliang.reads.store.sqlite;
