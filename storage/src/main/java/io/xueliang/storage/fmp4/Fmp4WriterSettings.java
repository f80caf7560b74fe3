package io.xueliang.storage.fmp4;

import java.time.Duration;

/**
 * Limits and durability of {@link Fmp4SegmentWriter}.
 *
 * @param maxFragmentDuration a fragment is closed before its samples would last longer than this (it is also closed
 *        at every video keyframe); 10 ms to 1 s. It is what a crash can lose, and the playback seek granularity
 * @param maxSampleBytes largest access unit accepted; a 4K keyframe at high quality is 1 to 2 MiB, so 8 MiB refuses
 *        only a corrupt or hostile unit, which would otherwise be held in memory until its fragment is written
 * @param maxFragmentBytes a fragment is closed before its data would grow past this; with {@code maxSampleBytes} it
 *        bounds the memory a camera's open fragment holds (1 s at 256 Mbit/s is 32 MiB) and keeps trun offsets 32-bit
 * @param maxFragmentSamples a fragment is closed before one track has more samples than this; bounds the trun and
 *        the references held (1 s of 120 fps video or 10 ms G.711 packets is 120 or 100)
 * @param maxTimestampStep a unit further than this after the previous one of its track is refused: such a step is
 *        an outage or a camera clock jump, which the recorder shows as a gap in a new segment instead of stretching
 *        one frame over it
 * @param forceEachFragment {@link java.nio.channels.FileChannel#force} after every fragment: also survive a power
 *        cut, not just a process crash, at the cost of one disk sync per camera per second. The finished file is
 *        always forced once when it is closed
 * @param directIo write with {@code O_DIRECT} where the file system allows it: the video goes from the camera's
 *        {@link FragmentBuffer} to the disk without the kernel copying it into the page cache, which at 1,000 cameras
 *        was the largest single cost of recording (a core's third) and filled the machine's memory with written
 *        pages no one reads again. Each write then starts and ends on a 4 KiB boundary: a fragment is padded with a
 *        {@code free} box, about 2 KiB on average (0.8 % of a 2 Mbit/s camera's footage). Where the file system
 *        refuses direct I/O the writer falls back to ordinary writes, with a log line once
 */
public record Fmp4WriterSettings(Duration maxFragmentDuration, int maxSampleBytes, int maxFragmentBytes,
        int maxFragmentSamples, Duration maxTimestampStep, boolean forceEachFragment, boolean directIo) {

    public Fmp4WriterSettings {
        if (maxFragmentDuration == null || maxFragmentDuration.compareTo(Duration.ofMillis(10)) < 0
                || maxFragmentDuration.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxFragmentDuration must be 10 ms to 1 s, was " + maxFragmentDuration);
        }
        if (maxSampleBytes < 1 || maxSampleBytes > 256 << 20) {
            throw new IllegalArgumentException("maxSampleBytes must be 1 to 256 MiB, was " + maxSampleBytes);
        }
        if (maxFragmentBytes < maxSampleBytes || maxFragmentBytes > 1 << 30) {
            throw new IllegalArgumentException("maxFragmentBytes must be maxSampleBytes to 1 GiB, was "
                    + maxFragmentBytes);
        }
        if (maxFragmentSamples < 1 || maxFragmentSamples > 100_000) {
            throw new IllegalArgumentException("maxFragmentSamples must be 1 to 100000, was " + maxFragmentSamples);
        }
        if (maxTimestampStep == null || maxTimestampStep.compareTo(Duration.ofMillis(1)) < 0
                || maxTimestampStep.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("maxTimestampStep must be 1 ms to 1 h, was " + maxTimestampStep);
        }
    }

    public static Fmp4WriterSettings defaults() {
        return new Fmp4WriterSettings(Duration.ofSeconds(1), 8 << 20, 64 << 20, 1024, Duration.ofSeconds(5), false,
                false);
    }

    public Fmp4WriterSettings withForceEachFragment(boolean force) {
        return new Fmp4WriterSettings(maxFragmentDuration, maxSampleBytes, maxFragmentBytes, maxFragmentSamples,
                maxTimestampStep, force, directIo);
    }

    public Fmp4WriterSettings withMaxSampleBytes(int bytes) {
        return new Fmp4WriterSettings(maxFragmentDuration, bytes, Math.max(bytes, maxFragmentBytes),
                maxFragmentSamples, maxTimestampStep, forceEachFragment, directIo);
    }

    public Fmp4WriterSettings withMaxFragmentDuration(Duration d) {
        return new Fmp4WriterSettings(d, maxSampleBytes, maxFragmentBytes, maxFragmentSamples, maxTimestampStep,
                forceEachFragment, directIo);
    }

    public Fmp4WriterSettings withDirectIo(boolean direct) {
        return new Fmp4WriterSettings(maxFragmentDuration, maxSampleBytes, maxFragmentBytes, maxFragmentSamples,
                maxTimestampStep, forceEachFragment, direct);
    }

    /** {@code d} in ticks of {@code timescale}, rounded down. */
    static long ticks(Duration d, int timescale) {
        return d.toNanos() * timescale / 1_000_000_000L;
    }
}
