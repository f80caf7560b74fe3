/**
 * The audit log (DESIGN.md §10, issue 3): who read or changed what, when, from where and why, kept append-only and
 * hash-chained (each record's SHA-256 covers the previous record's hash) in the embedded store, so that
 * {@link io.xueliang.storage.audit.AuditVerifier} finds any changed, removed or reordered record.
 */
package io.xueliang.storage.audit;
