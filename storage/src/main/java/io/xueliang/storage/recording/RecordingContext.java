package io.xueliang.storage.recording;

import io.xueliang.storage.fmp4.FragmentMemory;
import io.xueliang.storage.fmp4.Fmp4WriterSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * What every camera's {@link CameraRecorder} of one {@link RecordingService} shares.
 *
 * @param changeInterval a change in the stream starts a segment at most once per this interval; zero: no limit
 * @param serviceStart when the service started: time before it, since a camera's last segment, is a server-down gap
 * @param closer       runs the sync and close of finished files, off the thread that writes the next segment
 * @param memory       the off-heap memory of the cameras' open fragments
 * @param retries      index writes to make again once the volume has room
 */
record RecordingContext(RecordingIndex index, RecordingLayout layout, Duration segmentLength,
        Duration changeInterval, Fmp4WriterSettings settings, InstantSource clock, RecordingGate gate,
        Instant serviceStart, Executor closer, FragmentMemory memory, IndexRetries retries) {
}
