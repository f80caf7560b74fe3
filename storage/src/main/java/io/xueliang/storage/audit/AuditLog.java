package io.xueliang.storage.audit;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The audit log as the API sees it. {@link #append} does not block; {@link #query} and {@link #verify} do and run on
 * worker threads, never on an event loop.
 */
public interface AuditLog {

    /**
     * Adds an entry at the end of the chain. The future completes once the record is committed, with its seq and
     * hashes; it fails with {@link io.xueliang.sql.WriteQueueFullException} when the store is saturated.
     * Concurrent appends are ordered by the store's single writer, so they form one unbroken chain.
     */
    CompletableFuture<AuditRecord> append(AuditEntry entry);

    /** Records matching {@code query}, newest (highest seq) first. */
    List<AuditRecord> query(AuditQuery query);

    /** Walks the whole log in seq order and reports the first record that is changed, missing or out of place. */
    AuditVerification verify();
}
