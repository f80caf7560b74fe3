package io.xueliang.storage.audit;

import io.xueliang.storage.sql.EmbeddedDatabase;
import io.xueliang.storage.sql.EmbeddedDatabaseSettings;
import java.nio.file.Path;

/**
 * The engine of {@code xueliang audit verify}: checks the audit chain of the store under a storage root without the
 * server, reading only. It may run while the server runs (WAL readers do not block the writer); it then checks the
 * records committed when it started.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /**
     * @param storageRoot the configured {@code storage.root}
     * @throws io.xueliang.storage.sql.StorageException when there is no readable database of this schema there
     */
    public static AuditVerification verify(Path storageRoot) {
        EmbeddedDatabaseSettings settings = EmbeddedDatabaseSettings.defaults();
        settings = new EmbeddedDatabaseSettings(settings.writeQueueLimit(), settings.maxBatch(), 1,
                settings.busyTimeout(), settings.syncEveryCommit());
        try (EmbeddedDatabase database = EmbeddedDatabase.openReadOnly(storageRoot, settings)) {
            return new SqliteAuditLog(database).verify();
        }
    }
}
