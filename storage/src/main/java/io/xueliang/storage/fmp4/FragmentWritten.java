package io.xueliang.storage.fmp4;

import java.time.Duration;
import java.time.Instant;

/**
 * A fragment that is now in the file (written, and forced when so configured): what a recorder indexes as it goes,
 * so that after a crash the index and the repaired file agree.
 *
 * @param sequence       the fragment's {@code mfhd} sequence number, from 1
 * @param offset         where the fragment ({@code prft}) starts in the file
 * @param bytes          its length, header and data, and the {@code free} box that pads it to a block boundary
 *                       when the file is written with direct I/O: the next fragment starts at offset + bytes
 * @param mediaStart     start, in 90 kHz ticks from the segment's first video frame
 * @param mediaEnd       end (exclusive), same clock
 * @param wallClockStart capture instant of the fragment's first sample
 * @param videoFrames    video samples in the fragment
 * @param audioFrames    audio samples in the fragment
 * @param startsWithKeyframe the fragment's first video sample is a keyframe (playback can start here)
 * @param fileBytes      the file's length now: what survives a crash from here on
 * @param segmentVideoFrames video samples in the file so far
 */
public record FragmentWritten(int sequence, long offset, long bytes, long mediaStart, long mediaEnd,
        Instant wallClockStart, int videoFrames, int audioFrames, boolean startsWithKeyframe, long fileBytes,
        long segmentVideoFrames) {

    public Duration duration() {
        return Duration.ofNanos((mediaEnd - mediaStart) * 1_000_000_000L / SegmentTracks.VIDEO_TIMESCALE);
    }
}
