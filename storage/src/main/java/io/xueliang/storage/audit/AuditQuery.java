package io.xueliang.storage.audit;

import java.time.Instant;

/**
 * Which audit records to list, newest first. Every filter is optional ({@code null}); filters combine with AND.
 *
 * @param from records at or after this instant
 * @param to records before this instant
 * @param actor records of exactly this actor
 * @param actionPrefix records whose action starts with this text (case-sensitive), e.g. {@code GET /api/v1/reads}
 * @param caseReference records of exactly this case reference
 * @param limit most records to return, 1 to {@link #MAX_LIMIT}
 * @param beforeSeq the paging cursor: only records with a smaller seq (pass the last seq of the previous page);
 *        {@code null} for the first page
 */
public record AuditQuery(Instant from, Instant to, String actor, String actionPrefix, String caseReference, int limit,
        Long beforeSeq) {
    /** Bounds one answer's size: an auditor pages through a year of records, one page never holds it all. */
    public static final int MAX_LIMIT = 1_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** The newest {@code limit} records, no filter. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(null, null, null, null, null, limit, null);
    }

    public AuditQuery between(Instant newFrom, Instant newTo) {
        return new AuditQuery(newFrom, newTo, actor, actionPrefix, caseReference, limit, beforeSeq);
    }

    public AuditQuery withActor(String newActor) {
        return new AuditQuery(from, to, newActor, actionPrefix, caseReference, limit, beforeSeq);
    }

    public AuditQuery withActionPrefix(String prefix) {
        return new AuditQuery(from, to, actor, prefix, caseReference, limit, beforeSeq);
    }

    public AuditQuery withCaseReference(String reference) {
        return new AuditQuery(from, to, actor, actionPrefix, reference, limit, beforeSeq);
    }

    public AuditQuery before(long seq) {
        return new AuditQuery(from, to, actor, actionPrefix, caseReference, limit, seq);
    }
}
