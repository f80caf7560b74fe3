package io.xueliang.storage.audit;

/**
 * What {@link AuditLog#verify()} found.
 *
 * @param ok every record is intact and the chain unbroken from seq 1
 * @param recordsChecked records found intact before the first bad one (all of them when ok)
 * @param lastSeq seq of the last intact record; 0 for an empty log
 * @param headHash hash of the last intact record ({@link AuditChain#GENESIS_PREV_HASH} for an empty log). Records
 *        cut off the end of the chain leave no trace inside it; comparing lastSeq and headHash with a copy kept
 *        elsewhere (a printout, a later verification) shows that too
 * @param firstBadSeq seq of the first bad (or first missing) record; 0 when ok
 * @param problem what is wrong with it; {@code null} when ok
 * @param reason a sentence for people naming the record and the problem; "ok" when ok
 */
public record AuditVerification(boolean ok, long recordsChecked, long lastSeq, String headHash, long firstBadSeq,
        Problem problem, String reason) {

    /** Kinds of tampering, as far as the chain can tell them apart. */
    public enum Problem {
        /** The record's fields no longer match its hash. */
        CHANGED,
        /** A seq is missing: records were deleted. */
        REMOVED,
        /** The record does not follow the one before it: records were reordered, or removed and renumbered. */
        REORDERED
    }

    static AuditVerification intact(long records, long lastSeq, String headHash) {
        return new AuditVerification(true, records, lastSeq, headHash, 0, null, "ok");
    }

    static AuditVerification broken(long records, long lastSeq, String headHash, long firstBadSeq, Problem problem,
            String reason) {
        return new AuditVerification(false, records, lastSeq, headHash, firstBadSeq, problem, reason);
    }
}
