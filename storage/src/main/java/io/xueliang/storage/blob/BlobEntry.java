package io.xueliang.storage.blob;

/** One blob in a listing. */
public record BlobEntry(String key, long size) {
}
