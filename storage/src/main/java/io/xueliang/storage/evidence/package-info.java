/**
 * Evidence packages (DESIGN.md §7, issue 4 item 7): a ZIP of exported MP4 files with a canonical-JSON
 * {@code manifest.json}, an Ed25519 signature over its exact bytes (RFC 8032) and the signer's public key, written
 * with {@link io.xueliang.storage.evidence.EvidencePackageWriter} and checked offline by
 * {@link io.xueliang.storage.evidence.EvidenceVerifier}.
 */
package io.xueliang.storage.evidence;
