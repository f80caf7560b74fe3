package io.xueliang.analytics.decode;

/**
 * What a {@link VideoDecoder} has done since it was made, for metrics.
 *
 * @param unitsDecoded access units handed to libavcodec
 * @param unitsSkipped units not decoded because the decoder was waiting for a keyframe (start, error, codec change)
 * @param picturesDecoded pictures libavcodec returned
 * @param picturesConverted pictures converted to BGR (the sampled ones)
 * @param errors malformed payloads, decoding errors and corrupt pictures; each makes the decoder wait for a keyframe
 * @param reopens times the codec or its parameters changed and the decoder was opened anew
 */
public record DecoderCounters(long unitsDecoded, long unitsSkipped, long picturesDecoded, long picturesConverted,
        long errors, long reopens) {
}
