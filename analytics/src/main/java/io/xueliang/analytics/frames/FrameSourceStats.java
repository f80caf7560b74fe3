package io.xueliang.analytics.frames;

import io.xueliang.analytics.decode.DecoderCounters;
import io.xueliang.media.CameraId;

/**
 * A {@link CameraFrameSource}'s counters, for metrics (label {@code camera}).
 *
 * @param unitsRead video units taken from the hub reader and dealt with (their pictures handed on)
 * @param unitsSkipped units the source passed over to catch up (backlog above the limit, up to the next keyframe)
 * @param unitsDropped units the hub reader dropped because its queue was full (the reader's own count)
 * @param framesDelivered pictures handed to the consumer
 * @param consumerFailures pictures whose consumer threw
 * @param idles times the camera went quiet and the native decoder was freed
 * @param queued units waiting in the reader now
 * @param decoder the decoder's counters (decoded units and pictures, errors, reopens)
 */
public record FrameSourceStats(CameraId camera, long unitsRead, long unitsSkipped, long unitsDropped,
        long framesDelivered, long consumerFailures, long idles, int queued, DecoderCounters decoder) {
}
