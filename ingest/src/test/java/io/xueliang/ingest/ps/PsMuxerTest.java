package io.xueliang.ingest.ps;

import static io.xueliang.ingest.ps.PsStreams.concat;
import static io.xueliang.ingest.ps.PsStreams.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ffmpeg and ffprobe, an independent reader, read what PsMuxer writes. Not for G.711: ffmpeg's PS demuxer does not
 * know GB/T 28181's stream types 0x90/0x91 and takes the audio for MPEG audio, so G.711 is checked by the round trip.
 */
class PsMuxerTest {
    @TempDir
    static Path dir;

    @ParameterizedTest
    @CsvSource({"h264,h264", "h265,hevc"})
    void ffprobeReadsOurVideoAndAacWithTheRightCodecsCountsAndDuration(String codec, String ffprobeName)
            throws Exception {
        List<AccessUnit> video = PsClips.videoUnits(dir, codec, 50, 25);
        List<AccessUnit> audio = PsClips.aacUnits(dir, 2.0);
        Codec videoCodec = codec.equals("h264") ? Codec.H264 : Codec.H265;
        Path file = dir.resolve("ours-" + codec + ".ps");
        Files.write(file, concat(frames(new PsMuxer(videoCodec, Codec.AAC), PsClips.interleave(video, audio))));

        String streams = PsClips.run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,nb_read_frames,width,height", "-of", "csv=p=0", file.toString()));
        assertThat(streams.lines().sorted().toList())
                .containsExactlyInAnyOrder("aac," + audio.size(), ffprobeName + ",320,240,50");
        double duration = Double.parseDouble(PsClips.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "format=duration", "-of", "csv=p=0", file.toString())).trim());
        assertThat(duration).isBetween(1.9, 2.2);

        String errors = PsClips.run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i", file.toString(), "-f",
                "null", "-"));
        assertThat(errors).as("ffmpeg's decoding errors").isBlank();
    }

    @Test
    void ffmpegDecodesFramesSplitOverSmallPesPackets() throws Exception {
        List<AccessUnit> video = PsClips.videoUnits(dir, "h264", 25, 25);
        Path file = dir.resolve("ours-small-pes.ps");
        byte[] ps = concat(frames(new PsMuxer(Codec.H264, null, 500), video));
        Files.write(file, ps);
        String frames = PsClips.run(List.of("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", file.toString()));
        assertThat(frames.trim()).isEqualTo("25");
        String errors = PsClips.run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i", file.toString(), "-f",
                "null", "-"));
        assertThat(errors).isBlank();
    }

    @Test
    void writesSystemHeaderAndMapBeforeKeyframesOnly() throws Exception {
        List<AccessUnit> video = PsClips.videoUnits(dir, "h264", 3, 25);
        PsMuxer muxer = new PsMuxer(Codec.H264, Codec.PCMA);
        byte[] key = muxer.mux(video.get(0));
        byte[] next = muxer.mux(video.get(1));
        assertThat(startCodes(key)).startsWith(0xBA, 0xBB, 0xBC, 0xE0);
        assertThat(startCodes(next)).startsWith(0xBA, 0xE0);
        assertThat(startCodes(next)).doesNotContain(0xBB, 0xBC);
        byte[] audio = muxer.mux(PsClips.g711Units(Codec.PCMA, 1).get(0));
        assertThat(startCodes(audio)).containsExactly(0xBA, 0xC0);
        // the map's CRC is right: a CRC over the map including its CRC field leaves zero
        int psm = indexOf(key, 0xBC);
        int psmLength = 6 + ((key[psm + 4] & 0xFF) << 8 | (key[psm + 5] & 0xFF));
        assertThat(PsMuxer.crc32Mpeg(key, psm, psmLength)).isZero();
    }

    @Test
    void refusesUnitsOfACodecItWasNotMadeFor() throws Exception {
        PsMuxer muxer = new PsMuxer(Codec.H264, null);
        AccessUnit g711 = PsClips.g711Units(Codec.PCMU, 1).get(0);
        assertThatThrownBy(() -> muxer.mux(g711)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PCMU");
    }

    /** Stream ids of the system start codes (00 00 01 B9-FF) at the start of each unit, in order. */
    static List<Integer> startCodes(byte[] ps) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i + 3 < ps.length; i++) {
            if (ps[i] == 0 && ps[i + 1] == 0 && ps[i + 2] == 1 && (ps[i + 3] & 0xFF) >= 0xB9) {
                ids.add(ps[i + 3] & 0xFF);
            }
        }
        return ids;
    }

    private static int indexOf(byte[] ps, int id) {
        for (int i = 0; i + 3 < ps.length; i++) {
            if (ps[i] == 0 && ps[i + 1] == 0 && ps[i + 2] == 1 && (ps[i + 3] & 0xFF) == id) {
                return i;
            }
        }
        return -1;
    }
}
