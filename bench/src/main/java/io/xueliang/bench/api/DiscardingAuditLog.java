package io.xueliang.bench.api;

import io.xueliang.storage.audit.AuditChain;
import io.xueliang.storage.audit.AuditEntry;
import io.xueliang.storage.audit.AuditLog;
import io.xueliang.storage.audit.AuditQuery;
import io.xueliang.storage.audit.AuditRecord;
import io.xueliang.storage.audit.AuditVerification;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An audit log that keeps nothing and answers every append at once: the bench's baseline for what
 * audit writing costs. Never for production, where every read of camera data must be on record.
 */
final class DiscardingAuditLog implements AuditLog {
    private final AtomicLong appended = new AtomicLong();

    @Override
    public CompletableFuture<AuditRecord> append(AuditEntry entry) {
        long seq = appended.incrementAndGet();
        return CompletableFuture.completedFuture(
                new AuditRecord(seq, entry, AuditChain.GENESIS_PREV_HASH, AuditChain.GENESIS_PREV_HASH));
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return List.of();
    }

    @Override
    public AuditVerification verify() {
        return new AuditVerification(true, 0, 0, AuditChain.GENESIS_PREV_HASH, 0, null, "ok");
    }

    long appended() {
        return appended.get();
    }
}
