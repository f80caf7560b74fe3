package io.xueliang.storage.fmp4;

import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.util.Objects;

/**
 * What a segment holds: one video track (H.264 or H.265, track 1, 90 kHz) and optionally one audio track (AAC or
 * G.711, track 2, timescale = sample rate). A recorder opens a new segment when either description changes.
 *
 * @param video the video parameters the segment was opened with
 * @param audio the audio parameters, or null for a segment without sound
 */
public record SegmentTracks(StreamDescription video, StreamDescription audio) {
    public static final int VIDEO_TRACK_ID = 1;
    public static final int AUDIO_TRACK_ID = 2;
    public static final int VIDEO_TIMESCALE = 90_000;

    public SegmentTracks {
        Objects.requireNonNull(video, "video");
        if (video.codec() != Codec.H264 && video.codec() != Codec.H265) {
            throw new UnsupportedStreamException(video, "the video track must be H.264 or H.265");
        }
        if (!video.hasParameterSets()) {
            throw new UnsupportedStreamException(video, "video parameter sets are not known yet");
        }
        if (video.width() < 0 || video.width() > 0xffff || video.height() < 0 || video.height() > 0xffff) {
            throw new UnsupportedStreamException(video, "picture size outside 0..65535");
        }
        if (audio != null) {
            if (audio.codec().isVideo()) {
                throw new UnsupportedStreamException(audio, "the audio track must be AAC, PCMA or PCMU");
            }
            // The sample entry holds the rate as 16.16 fixed point; 96 kHz is the highest AAC rate a camera uses.
            if (audio.sampleRate() < 1 || audio.sampleRate() > 0xffff) {
                throw new UnsupportedStreamException(audio, "audio sample rate outside 1..65535 Hz");
            }
            if (audio.channels() < 1 || audio.channels() > 8) {
                throw new UnsupportedStreamException(audio, "audio channels outside 1..8");
            }
            if (audio.codec() == Codec.AAC && (audio.audioConfig().length < 2 || audio.audioConfig().length > 64)) {
                throw new UnsupportedStreamException(audio, "AAC AudioSpecificConfig must be 2 to 64 bytes");
            }
        }
    }

    public static SegmentTracks videoOnly(StreamDescription video) {
        return new SegmentTracks(video, null);
    }

    public boolean hasAudio() {
        return audio != null;
    }

    /** The track's timescale: 90 kHz for video, the sample rate for audio. */
    int timescale(boolean videoTrack) {
        return videoTrack ? VIDEO_TIMESCALE : audio.sampleRate();
    }
}
