package io.xueliang.storage.audit;

import java.time.Instant;

/**
 * Where the chain in the database begins once retention has archived and deleted its oldest records (table
 * {@code audit_base}, schema V8): records 1..{@code seq} are in {@code archive}, and the first record kept has
 * {@code prev_hash = hash}.
 *
 * @param seq the last record archived and deleted
 * @param hash that record's hash
 * @param at when it was recorded
 * @param archive the archive file's name under {@code <root>/audit/archive}
 * @param archiveSha256 the archive file's SHA-256, lower-case hex
 */
public record AuditBase(long seq, String hash, Instant at, String archive, String archiveSha256) {
}
