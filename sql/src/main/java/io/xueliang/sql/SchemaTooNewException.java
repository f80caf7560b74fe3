package io.xueliang.sql;

import java.nio.file.Path;

/**
 * The database was migrated by a newer xueliang than this one. Running on would risk writing rows the newer
 * schema does not expect, so the store refuses to open; the fix is to run the newer version (or restore a backup).
 */
public final class SchemaTooNewException extends StorageException {
    private final int databaseVersion;
    private final int codeVersion;

    public SchemaTooNewException(Path file, int databaseVersion, int codeVersion) {
        super("open", file, "database schema is version " + databaseVersion
                + " but this xueliang knows versions up to " + codeVersion
                + "; it was written by a newer xueliang: run that version or restore a backup");
        this.databaseVersion = databaseVersion;
        this.codeVersion = codeVersion;
    }

    public int databaseVersion() {
        return databaseVersion;
    }

    public int codeVersion() {
        return codeVersion;
    }
}
