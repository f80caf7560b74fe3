/**
 * Keeping things: recording, index, retention, blob stores, read store and evidence export (DESIGN.md §7, §9).
 * Issue 3 brings the embedded SQLite store ({@code sql}) and the hash-chained audit log ({@code audit}); issue 4 the
 * fMP4 segment writer, reader and crash repair ({@code fmp4}), the recording index, recorder and retention
 * ({@code recording}), blob stores and the S3 uploader ({@code blob}), evidence packages ({@code evidence}) and export
 * jobs ({@code export}).
 */
package io.xueliang.storage;
