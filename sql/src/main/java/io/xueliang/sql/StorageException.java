package io.xueliang.sql;

import java.nio.file.Path;

/** A failure of the embedded store: the operation that failed and the database file it failed on. */
public class StorageException extends RuntimeException {
    private final String operation;
    private final Path file;

    public StorageException(String operation, Path file, Throwable cause) {
        super(operation + " failed on " + file + (cause == null ? "" : ": " + cause.getMessage()), cause);
        this.operation = operation;
        this.file = file;
    }

    public StorageException(String operation, Path file, String problem) {
        super(operation + " failed on " + file + ": " + problem);
        this.operation = operation;
        this.file = file;
    }

    public String operation() {
        return operation;
    }

    public Path file() {
        return file;
    }
}
