/**
 * The audit log (DESIGN.md §10, issue 3): who read or changed what, when, from where and why, kept append-only and
 * hash-chained (each record's SHA-256 covers the previous record's hash) in the embedded store, and anchored outside
 * it by Ed25519-signed checkpoints of the chain's head (issue 10 item 16), so that
 * {@link io.xueliang.storage.audit.AuditVerifier} finds any changed, removed or reordered record, a cut tail and a
 * chain rebuilt without some records.
 */
package io.xueliang.storage.audit;
