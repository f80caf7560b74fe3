package io.xueliang.storage.playback;

import io.xueliang.storage.fmp4.TrackInfo;

/** Which audio track, if any, joins the video in an assembled MP4. */
public enum AudioChoice {
    /** Video only. */
    NONE,
    /** The segments' first audio track, whatever its codec: for export, which players like VLC and ffmpeg read. */
    ALL,
    /**
     * The first audio track if browsers decode it ({@code mp4a}, AAC); G.711 ({@code alaw}, {@code ulaw}) is left out,
     * since a {@code <video>} element may refuse a file with a track it cannot play.
     */
    BROWSER_PLAYABLE;

    boolean accepts(TrackInfo track) {
        return switch (this) {
            case NONE -> false;
            case ALL -> true;
            case BROWSER_PLAYABLE -> track.sampleEntry().equals("mp4a");
        };
    }
}
