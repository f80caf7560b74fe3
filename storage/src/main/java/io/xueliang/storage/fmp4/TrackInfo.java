package io.xueliang.storage.fmp4;

/**
 * A track as the {@code moov} of a segment file declares it.
 *
 * @param handler     {@code vide} or {@code soun}
 * @param timescale   ticks per second of its decode times and durations
 * @param sampleEntry the four-character code of its sample entry ({@code avc1}, {@code hvc1}, {@code mp4a}, ...)
 */
public record TrackInfo(int trackId, String handler, int timescale, String sampleEntry) {
    public boolean isVideo() {
        return handler.equals("vide");
    }
}
