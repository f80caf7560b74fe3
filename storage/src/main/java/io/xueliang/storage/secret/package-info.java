/**
 * Secrets at rest: AES-256-GCM sealing of values such as camera URIs with passwords, under a key
 * from the environment or a key file beside the store.
 */
package io.xueliang.storage.secret;
