package io.xueliang.ingest.ts;

/** Video stream types of a PMT the demuxer extracts (ISO/IEC 13818-1 Table 2-34). */
public enum TsVideoType {
    H264(0x1B),
    H265(0x24);

    private final int streamType;

    TsVideoType(int streamType) {
        this.streamType = streamType;
    }

    public int streamType() {
        return streamType;
    }

    /** The type for a PMT stream_type, or null when it is not a video type we handle. */
    public static TsVideoType of(int streamType) {
        for (TsVideoType t : values()) {
            if (t.streamType == streamType) {
                return t;
            }
        }
        return null;
    }

    /** Whether a NAL unit (first header byte(s) given) starts a random access point: IDR in H.264, IRAP in H.265. */
    public boolean isKeyframeNal(byte firstHeaderByte) {
        if (this == H264) {
            return (firstHeaderByte & 0x1F) == 5;
        }
        int type = (firstHeaderByte >> 1) & 0x3F;
        return type >= 16 && type <= 23;
    }
}
