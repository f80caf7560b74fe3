/** Watch lists and alerts in the read store's SQLite file, {@code reads.db}. */
package io.xueliang.reads.watch.sqlite;
