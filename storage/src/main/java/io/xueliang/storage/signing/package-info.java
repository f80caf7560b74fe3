/**
 * Ed25519 signing keys (RFC 8032) kept as PEM files under the storage root (RFC 7468, RFC 8410): the export signing
 * key of evidence packages and the audit checkpoint key, each a file pair of its own made on first use.
 */
package io.xueliang.storage.signing;
