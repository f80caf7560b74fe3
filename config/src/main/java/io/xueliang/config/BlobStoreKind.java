package io.xueliang.config;

import java.util.Locale;

/** Where finished recording segments and other immutable files are kept for good (DESIGN.md §7). */
public enum BlobStoreKind {
    /** Under {@code storage.root} on the recording volume. */
    LOCAL,
    /** In an S3 bucket (MinIO or any S3-compatible store); files wait in the local spool until uploaded. */
    S3;

    /** The spelling in the configuration file: {@code local} or {@code s3}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
