package io.xueliang.storage.playback;

/**
 * An assembled MP4 as written out whole.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes, computed while writing them
 */
public record WrittenMp4(long bytes, String sha256) {
}
