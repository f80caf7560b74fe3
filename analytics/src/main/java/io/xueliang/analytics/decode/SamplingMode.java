package io.xueliang.analytics.decode;

/** Which access units a plate camera decodes. */
public enum SamplingMode {
    /**
     * Every unit is decoded (a P-frame needs all its references) but only pictures at the configured rate are
     * converted and looked at.
     */
    RATE,
    /** Only keyframes are decoded (budget mode: no P-frame decoding at all), at most at the configured rate. */
    KEYFRAMES
}
