package io.xueliang.storage.fmp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A track as the {@code moov} of a segment file declares it.
 *
 * @param handler      {@code vide} or {@code soun}
 * @param timescale    ticks per second of its decode times and durations
 * @param width        the {@code tkhd} width, 16.16 fixed point (0 for sound)
 * @param height       the {@code tkhd} height, 16.16 fixed point
 * @param descriptions the contents of its {@code stsd} box (version, flags, entry count and the sample entries with
 *                     their parameter sets), copied into every MP4 assembled from the track; two segments whose
 *                     tracks have equal descriptions can be played as one
 */
public record TrackInfo(int trackId, String handler, int timescale, long width, long height, byte[] descriptions) {
    public TrackInfo {
        descriptions = descriptions.clone();
        if (descriptions.length < 16) {
            throw new IllegalArgumentException("an stsd with a sample entry has at least 16 bytes");
        }
    }

    public boolean isVideo() {
        return handler.equals("vide");
    }

    /** The four-character code of its first sample entry ({@code avc1}, {@code hvc1}, {@code mp4a}, ...). */
    public String sampleEntry() {
        return new String(descriptions, 12, 4, StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] descriptions() {
        return descriptions.clone();
    }

    /** Whether an MP4 made of both tracks' samples needs nothing but this track's {@code trak}. */
    public boolean sameStreamAs(TrackInfo other) {
        return trackId == other.trackId && handler.equals(other.handler) && timescale == other.timescale
                && width == other.width && height == other.height
                && Arrays.equals(descriptions, other.descriptions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackInfo t && sameStreamAs(t);
    }

    @Override
    public int hashCode() {
        return 31 * trackId + Arrays.hashCode(descriptions);
    }

    @Override
    public String toString() {
        return "TrackInfo[" + trackId + " " + handler + " " + sampleEntry() + " 1/" + timescale + " s, "
                + (width >>> 16) + "x" + (height >>> 16) + ", stsd " + descriptions.length + " bytes]";
    }
}
