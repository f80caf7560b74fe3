/**
 * Users, roles and tokens (DESIGN.md §10, issue 3): Argon2id password hashes (RFC 9106, PHC string encoding), opaque
 * session and API tokens stored only as SHA-256 hashes, region-scoped roles, login throttling and the first admin.
 */
package io.xueliang.storage.auth;
