package io.xueliang.storage.audit;

import java.util.List;

/**
 * How far what is kept outside the database vouches for the audit chain: the signed checkpoints of the checkpoint
 * file and the heads an operator expects.
 *
 * @param keySource where the checkpoint public key came from
 * @param keyFingerprint its fingerprint; null when there was none
 * @param checkpoints checkpoint lines in the file (signatures are checked only where they decide: the latest line
 *        that agrees with the chain, and the lines that contradict it)
 * @param vouching the latest checkpoint the chain matches: records up to its seq are vouched for; null when none
 * @param problems what contradicts the chain (tail cut, records rewritten, a line that does not verify, an expected
 *        head that is not there); empty when nothing does
 * @param notes what a reader should know but is no failure (a torn last line of a crash, an expected head found)
 */
public record AuditAnchoring(KeySource keySource, String keyFingerprint, long checkpoints, AuditCheckpoint vouching,
        List<String> problems, List<String> notes) {

    public AuditAnchoring {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Where the checkpoint public key came from. */
    public enum KeySource {
        /** Given by the operator (a copy kept off the machine): a forged key and file cannot pass. */
        TRUSTED,
        /** The store's own {@code keys/audit-checkpoint.pub}: whoever can replace it and re-sign can pass. */
        STORE,
        /** None: no checkpoint could be checked. */
        NONE
    }

    /** True when nothing outside the database contradicts the chain. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
