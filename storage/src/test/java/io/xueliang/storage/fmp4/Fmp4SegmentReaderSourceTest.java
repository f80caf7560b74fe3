package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fmp4SegmentReaderSourceTest {
    @TempDir
    Path dir;

    private Path segment(Codec audio) throws Exception {
        TestClips.Video v = TestClips.video(Codec.H264, 25);
        TestClips.Audio a = audio == null ? null : TestClips.audio(audio);
        Path file = dir.resolve("seg.mp4");
        try (Fmp4SegmentWriter w = Fmp4SegmentWriter.create(file, TestClips.CAMERA,
                new SegmentTracks(v.description(), a == null ? null : a.description()), Instant.EPOCH,
                Fmp4WriterSettings.defaults(), FragmentListener.NONE)) {
            for (AccessUnit u : a == null ? v.units() : TestClips.interleave(v.units(), a.units())) {
                w.append(u);
            }
        }
        return file;
    }

    @Test
    void scanOverARemoteSourceFindsWhatTheFileScanFindsWithOneRequestPerFragment() throws Exception {
        Path file = segment(Codec.AAC);
        MemorySegmentSource remote = new MemorySegmentSource("cam/2026/03/01/seg.mp4", Files.readAllBytes(file));

        ScannedSegment overFile = Fmp4SegmentReader.scan(file);
        ScannedSegment overRemote = Fmp4SegmentReader.scan(remote);

        assertThat(overRemote.source()).isEqualTo("cam/2026/03/01/seg.mp4");
        assertThat(overFile.source()).isEqualTo(file.toString());
        assertThat(overRemote.isWhole()).isTrue();
        assertThat(overRemote.tracks()).isEqualTo(overFile.tracks());
        assertThat(overRemote.fragments()).isEqualTo(overFile.fragments()).hasSize(4);
        // Each fragment's prft+moof+mdat header in one read-ahead window; the first comes with the init segment.
        assertThat(remote.requests()).isBetween(overRemote.fragments().size(), 1 + overRemote.fragments().size());
    }

    @Test
    void trackInfoCarriesTheSampleDescriptionsAndPictureSize() throws Exception {
        Path file = segment(Codec.PCMA);
        ScannedSegment scan = Fmp4SegmentReader.scan(file);
        TrackInfo video = scan.videoTrack().orElseThrow();
        TrackInfo audio = scan.track(SegmentTracks.AUDIO_TRACK_ID).orElseThrow();

        assertThat(video.sampleEntry()).isEqualTo("avc1");
        assertThat(audio.sampleEntry()).isEqualTo("alaw");
        assertThat(video.width()).isEqualTo((long) TestClips.WIDTH << 16);
        assertThat(video.height()).isEqualTo((long) TestClips.HEIGHT << 16);
        // The stsd as written: version and flags, one entry, then the avc1 entry with the avcC holding the SPS.
        byte[] stsd = video.descriptions();
        assertThat(ByteBuffer.wrap(stsd).getInt(4)).isEqualTo(1);
        byte[] sps = TestClips.video(Codec.H264, 25).description().sps().get(0);
        assertThat(indexOf(stsd, sps)).isPositive();
        assertThat(video.sameStreamAs(Fmp4SegmentReader.scan(file).videoTrack().orElseThrow())).isTrue();
        assertThat(video.sameStreamAs(audio)).isFalse();
    }

    @Test
    void fileSourceReadsRangesAndSkipsWithoutReading() throws Exception {
        Path file = Files.write(dir.resolve("bytes"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        SegmentSource source = SegmentSource.of(file);
        assertThat(source.size()).isEqualTo(10);
        try (InputStream in = source.open(2, 6)) {
            assertThat(in.read()).isEqualTo(2);
            in.skipNBytes(2);
            assertThat(in.readAllBytes()).containsExactly(5, 6, 7);
        }
        ByteBuffer b = ByteBuffer.allocate(3);
        source.read(7, b);
        assertThat(b.array()).containsExactly(7, 8, 9);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.read(8, ByteBuffer.allocate(3)))
                .isInstanceOf(java.io.EOFException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
