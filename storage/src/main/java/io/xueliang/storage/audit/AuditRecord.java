package io.xueliang.storage.audit;

/**
 * An entry as the log keeps it.
 *
 * @param seq position in the chain, 1, 2, 3… without gaps
 * @param entry what was recorded
 * @param prevHash hex SHA-256 of the record before ({@link AuditChain#GENESIS_PREV_HASH} for seq 1)
 * @param hash hex SHA-256 of this record, see {@link AuditChain#hash}
 */
public record AuditRecord(long seq, AuditEntry entry, String prevHash, String hash) {
}
