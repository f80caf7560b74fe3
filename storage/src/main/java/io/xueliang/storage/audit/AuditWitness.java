package io.xueliang.storage.audit;

import java.io.IOException;

/**
 * Somewhere off this machine that keeps a copy of each audit checkpoint (a syslog server, an HTTP endpoint), so that
 * someone able to rewrite the store, its checkpoint file and even the checkpoint key still cannot take back what was
 * sent. A witness is told each new checkpoint once it is on disk; one that fails is told the latest again at the next
 * checkpoint.
 */
public interface AuditWitness extends AutoCloseable {
    /** Where checkpoints go, for logs (never a secret). */
    String describe();

    /**
     * Hands over one checkpoint.
     *
     * @param line the checkpoint's signed line, as in the checkpoint file
     * @param keyFingerprint the fingerprint of the key that signed it
     * @throws IOException when the witness did not take it
     */
    void send(AuditCheckpoint checkpoint, String line, String keyFingerprint) throws IOException;

    /** Lets go of what the witness holds (connections, threads). */
    @Override
    default void close() {
    }
}
