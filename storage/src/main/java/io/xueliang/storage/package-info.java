/**
 * Keeping things: recording, index, retention, blob stores, read store and evidence export (DESIGN.md §7, §9).
 * Issue 3 brings the embedded SQLite store ({@code sql}) and the hash-chained audit log ({@code audit}); issue 4 the
 * blob stores and the S3 uploader ({@code blob}).
 */
package io.xueliang.storage;
