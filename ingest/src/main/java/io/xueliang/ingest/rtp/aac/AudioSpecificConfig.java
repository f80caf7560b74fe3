package io.xueliang.ingest.rtp.aac;

import io.xueliang.ingest.rtp.BitReader;
import io.xueliang.ingest.rtp.RtpFormatException;

/**
 * The few fields of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1) we need: sample
 * rate, channels and frame length.
 *
 * <pre>
 * audioObjectType (5) | samplingFrequencyIndex (4) [frequency (24) if 15] | channelConfiguration (4)
 * | GASpecificConfig: frameLengthFlag (1) ...
 * </pre>
 */
record AudioSpecificConfig(int objectType, int sampleRate, int channels, int frameSamples) {
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};

    /** Parses {@code config}; an empty config falls back to the clock rate, 1 channel, 1024 samples. */
    static AudioSpecificConfig parse(byte[] config, int clockRate) {
        if (config.length == 0) {
            return new AudioSpecificConfig(2, clockRate, 1, 1024);
        }
        try {
            BitReader r = new BitReader(config);
            int aot = r.readInt(5);
            if (aot == 31) {
                aot = 32 + r.readInt(6);
            }
            int index = r.readInt(4);
            int rate;
            if (index == 15) {
                rate = r.readInt(24);
            } else if (index < RATES.length) {
                rate = RATES[index];
            } else {
                throw new RtpFormatException(RtpFormatException.Problem.VALUE_OUT_OF_RANGE, index, 12,
                        "samplingFrequencyIndex");
            }
            int channelConfig = r.readInt(4);
            int channels = channelConfig == 7 ? 8 : channelConfig;
            int frame = 1024;
            // GASpecificConfig follows for the AAC object types (main, LC, SSR, LTP, scalable).
            if (aot >= 1 && aot <= 7 && aot != 5 && r.bitsLeft() >= 1 && r.readFlag()) {
                frame = 960;
            }
            return new AudioSpecificConfig(aot, rate, channels == 0 ? 1 : channels, frame);
        } catch (RtpFormatException e) {
            throw new io.xueliang.ingest.rtp.UnsupportedPayloadException("MPEG4-GENERIC", "config",
                    java.util.HexFormat.of().formatHex(config));
        }
    }
}
