package io.xueliang.analytics.frames;

import io.xueliang.analytics.decode.DecoderSettings;
import io.xueliang.analytics.decode.SamplingSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CameraFrameSource} reads and decodes one camera.
 *
 * @param sampling which units are decoded and how many pictures a second are handed on
 * @param decoder the decoder's scaling, threads and unit size limit
 * @param queueUnits the source's hub reader queue, in units; when full the hub drops the reader to the next keyframe
 * @param queueBytes the same queue's bound in payload bytes (prevents a high-bitrate camera's backlog from filling
 *     the heap while analytics lags)
 * @param maxBacklogUnits units queued beyond which the source stops decoding and skips to the next keyframe: analytics
 *     catches up with the present instead of reading plates seconds late
 * @param idleTimeout a camera that sent nothing for this long has its decoder's last pictures handed on and its native
 *     decoder freed; the next keyframe opens it again
 */
public record FrameSourceSettings(SamplingSettings sampling, DecoderSettings decoder, int queueUnits, long queueBytes,
        int maxBacklogUnits, Duration idleTimeout) {
    public static final int MAX_QUEUE_UNITS = 4096;
    public static final long MAX_QUEUE_BYTES = 256L << 20;

    public FrameSourceSettings {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (queueUnits < 1 || queueUnits > MAX_QUEUE_UNITS) {
            throw new IllegalArgumentException("queueUnits must be 1.." + MAX_QUEUE_UNITS + ", was " + queueUnits);
        }
        if (queueBytes < 1 || queueBytes > MAX_QUEUE_BYTES) {
            throw new IllegalArgumentException("queueBytes must be 1.." + MAX_QUEUE_BYTES + ", was " + queueBytes);
        }
        if (maxBacklogUnits < 1 || maxBacklogUnits > queueUnits) {
            throw new IllegalArgumentException("maxBacklogUnits must be 1..queueUnits (" + queueUnits + "), was "
                    + maxBacklogUnits);
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("idleTimeout must be 1 s..1 h, was " + idleTimeout);
        }
    }

    /**
     * 5 pictures a second at the coded size; a queue of 3 s of 25 fps video or 4 MiB; skipping once more than 1 s
     * is waiting; the decoder freed after 10 s without video.
     */
    public static FrameSourceSettings defaults() {
        return new FrameSourceSettings(SamplingSettings.defaults(), DecoderSettings.defaults(), 75, 4L << 20, 25,
                Duration.ofSeconds(10));
    }

    public FrameSourceSettings withSampling(SamplingSettings s) {
        return new FrameSourceSettings(s, decoder, queueUnits, queueBytes, maxBacklogUnits, idleTimeout);
    }

    public FrameSourceSettings withDecoder(DecoderSettings d) {
        return new FrameSourceSettings(sampling, d, queueUnits, queueBytes, maxBacklogUnits, idleTimeout);
    }

    public FrameSourceSettings withQueue(int units, long bytes, int backlog) {
        return new FrameSourceSettings(sampling, decoder, units, bytes, backlog, idleTimeout);
    }
}
