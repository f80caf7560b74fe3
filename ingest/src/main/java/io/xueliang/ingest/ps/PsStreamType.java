package io.xueliang.ingest.ps;

import io.xueliang.media.Codec;

/** The program stream map's stream types we carry (ISO/IEC 13818-1 Table 2-34; 0x90/0x91 are GB/T 28181's G.711). */
enum PsStreamType {
    H264(0x1B, Codec.H264),
    H265(0x24, Codec.H265),
    AAC(0x0F, Codec.AAC),
    PCMA(0x90, Codec.PCMA),
    PCMU(0x91, Codec.PCMU);

    private final int value;
    private final Codec codec;

    PsStreamType(int value, Codec codec) {
        this.value = value;
        this.codec = codec;
    }

    int value() {
        return value;
    }

    Codec codec() {
        return codec;
    }

    /** The type of a PSM stream_type, or null when we do not carry it. */
    static PsStreamType of(int streamType) {
        for (PsStreamType t : values()) {
            if (t.value == streamType) {
                return t;
            }
        }
        return null;
    }

    static PsStreamType of(Codec codec) {
        for (PsStreamType t : values()) {
            if (t.codec == codec) {
                return t;
            }
        }
        throw new IllegalArgumentException("no program stream type for " + codec);
    }
}
