package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Fmp4AudioTrackTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"AAC", "PCMA", "PCMU"})
    void videoAndAudioShareFragmentsAndFfprobeReadsBoth(Codec audioCodec) throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 25);
        TestClips.Audio a = TestClips.audio(audioCodec);
        List<AccessUnit> units = new ArrayList<>();
        // Two audio frames captured just before the first picture: nothing to show them with, so left out.
        AccessUnit first = a.units().get(0);
        for (int k = 2; k >= 1; k--) {
            units.add(AccessUnit.copyOf(first.camera(), first.description(), first.pts90k() - k * 1800L,
                    first.wallClock(), true, first.copyPayload()));
        }
        units.addAll(TestClips.interleave(v.units(), a.units()));
        Path file = dir.resolve("av.mp4");
        SegmentSummary s;
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA,
                new SegmentTracks(v.description(), a.description()), Instant.EPOCH, Fmp4WriterSettings.defaults(),
                FragmentListener.NONE)) {
            for (AccessUnit u : units) {
                w.append(u);
            }
            s = w.finish();
        }
        assertThat(s.audioDropped()).isEqualTo(2);
        assertThat(s.audioFrames()).isEqualTo(a.units().size());
        assertThat(s.audioCodec()).isEqualTo(audioCodec);

        Ffprobe.Result video = Ffprobe.probe(file, "v:0");
        Ffprobe.Result audio = Ffprobe.probe(file, "a:0");
        assertThat(video.errors()).isEmpty();
        assertThat(audio.errors()).isEmpty();
        assertThat(video.frames()).isEqualTo(100);
        assertThat(video.format()).containsEntry("nb_streams", "2");
        assertThat(audio.stream()).containsEntry("codec_name", switch (audioCodec) {
            case AAC -> "aac";
            case PCMA -> "pcm_alaw";
            default -> "pcm_mulaw";
        }).containsEntry("codec_tag_string", switch (audioCodec) {
            case AAC -> "mp4a";
            case PCMA -> "alaw";
            default -> "ulaw";
        });
        if (audioCodec == Codec.AAC) {
            assertThat(audio.frames()).isEqualTo(a.units().size());
        }

        ScannedSegment scan = Fmp4SegmentReader.scan(file);
        assertThat(scan.tracks()).extracting(TrackInfo::sampleEntry)
                .containsExactly("avc1", audioCodec == Codec.AAC ? "mp4a" : audioCodec == Codec.PCMA ? "alaw" : "ulaw");
        int rate = a.description().sampleRate();
        assertThat(scan.track(SegmentTracks.AUDIO_TRACK_ID).orElseThrow().timescale()).isEqualTo(rate);
        assertThat(scan.sampleCount(SegmentTracks.AUDIO_TRACK_ID)).isEqualTo(a.units().size());
        long expectedDecode = 0;
        for (ScannedFragment f : scan.fragments()) {
            ScannedFragment.Run run = f.run(SegmentTracks.AUDIO_TRACK_ID).orElseThrow();
            assertThat(run.startDecodeTime()).as("audio continues across fragments").isEqualTo(expectedDecode);
            // The audio of a fragment is the sound of its pictures, give or take one audio frame at either end.
            ScannedFragment.Run vr = f.run(SegmentTracks.VIDEO_TRACK_ID).orElseThrow();
            assertThat(run.startDecodeTime() * 90_000 / rate).isCloseTo(vr.startDecodeTime(), Offset.offset(2_000L));
            if (f != scan.fragments().get(scan.fragments().size() - 1)) { // the tone outlasts the pictures by 32 ms
                assertThat(run.endDecodeTime() * 90_000 / rate).isCloseTo(vr.endDecodeTime(), Offset.offset(2_000L));
            }
            expectedDecode = run.endDecodeTime();
        }
    }
}
