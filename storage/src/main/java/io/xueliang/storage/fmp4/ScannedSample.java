package io.xueliang.storage.fmp4;

/**
 * One sample found in a fragment.
 *
 * @param offset     where its bytes start in the file
 * @param decodeTime in the track's timescale, from the file's media time 0
 */
public record ScannedSample(long offset, int size, long decodeTime, int duration, boolean sync) {
}
