/**
 * Blob stores for finished recording segments and other immutable files (evidence exports, plate images): a local
 * directory and S3/MinIO (the S3 REST API through the MinIO Java client), with one contract, and the uploader that
 * moves finished files from the local spool to S3 with retries (DESIGN.md §7, §11).
 */
package io.xueliang.storage.blob;
