package io.xueliang.storage.fmp4;

import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import io.xueliang.storage.fmp4.box.BoxWriter;

/**
 * The one sample entry in each track's {@code stsd}: {@code avc1}+{@code avcC}, {@code hvc1}+{@code hvcC}
 * (ISO/IEC 14496-15), {@code mp4a}+{@code esds} (ISO/IEC 14496-14) or {@code alaw}/{@code ulaw} for G.711, as
 * QuickTime and ffmpeg name it (ISO/IEC 14496-12 defines no G.711 entry; browsers do not play it either way).
 */
final class SampleEntryEncoder {
    private SampleEntryEncoder() {
    }

    static void writeVideo(BoxWriter w, StreamDescription d) {
        int at = w.start(switch (d.codec()) {
            case H264 -> "avc1";
            case H265 -> "hvc1";
            default -> throw new UnsupportedStreamException(d, "not a video codec");
        });
        // VisualSampleEntry, ISO/IEC 14496-12 §12.1.3
        w.zeros(6).u16(1); // reserved, data_reference_index
        w.zeros(16); // pre_defined, reserved, pre_defined[3]
        w.u16(d.width()).u16(d.height());
        w.u32(0x00480000).u32(0x00480000); // 72 dpi
        w.u32(0).u16(1); // reserved, frame_count
        w.zeros(32); // compressorname
        w.u16(0x0018).u16(0xffff); // depth, pre_defined = -1
        if (d.codec() == Codec.H264) {
            AvcDecoderConfigurationRecord.write(w, d);
        } else {
            HevcDecoderConfigurationRecord.write(w, d);
        }
        w.end(at);
    }

    static void writeAudio(BoxWriter w, StreamDescription d) {
        int at = w.start(switch (d.codec()) {
            case AAC -> "mp4a";
            case PCMA -> "alaw";
            case PCMU -> "ulaw";
            default -> throw new UnsupportedStreamException(d, "not an audio codec");
        });
        // AudioSampleEntry, ISO/IEC 14496-12 §12.2.3
        w.zeros(6).u16(1); // reserved, data_reference_index
        w.zeros(8); // reserved
        w.u16(d.channels()).u16(16); // channelcount, samplesize
        w.zeros(4); // pre_defined, reserved
        w.u32((long) d.sampleRate() << 16);
        if (d.codec() == Codec.AAC) {
            writeEsds(w, d.audioConfig());
        }
        w.end(at);
    }

    /**
     * ES_Descriptor (ISO/IEC 14496-1 §7.2.6.5) holding a DecoderConfigDescriptor for MPEG-4 audio (object type 0x40,
     * stream type 5) with the AudioSpecificConfig as its DecoderSpecificInfo, and the MP4 SLConfigDescriptor (2).
     */
    private static void writeEsds(BoxWriter w, byte[] asc) {
        int at = w.startFull("esds", 0, 0);
        int decoderConfig = 13 + 2 + asc.length;
        int es = 3 + 2 + decoderConfig + 3;
        w.u8(0x03).u8(es).u16(0).u8(0); // ES_DescrTag, length, ES_ID, flags
        w.u8(0x04).u8(decoderConfig).u8(0x40).u8(0x15); // DecoderConfigDescrTag, length, objectType, streamType
        w.u24(0).u32(0).u32(0); // bufferSizeDB, maxBitrate, avgBitrate: unknown
        w.u8(0x05).u8(asc.length).bytes(asc); // DecSpecificInfoTag
        w.u8(0x06).u8(1).u8(0x02); // SLConfigDescrTag, predefined = MP4
        w.end(at);
    }
}
