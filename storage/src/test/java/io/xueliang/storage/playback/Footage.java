package io.xueliang.storage.playback;

import io.xueliang.media.AccessUnit;
import io.xueliang.media.Codec;
import io.xueliang.storage.fmp4.SegmentTracks;
import io.xueliang.storage.fmp4.TestClips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The camera timeline most tests use, from one 4 s clip at 25 fps: a rotation and an outage.
 *
 * <pre>
 * 0 s            2 s            4 s                 7 s                           11 s
 * | seg 0: 0..49 | seg 1: 50..99 |   gap (3 s)      | seg 2: the clip again, 0..99 |
 * </pre>
 * Keyframes every {@code gop} frames of the clip; 50 is one for a GOP of 25 or 50, so every segment starts with one.
 */
final class Footage {
    static final double GAP_START = 4;
    static final double GAP_END = 7;
    static final double FRAME = 1.0 / TestClips.FPS;

    final TestClips.Video video;
    final RecordedFootage recorded;
    /** Each recorded frame's wall-clock second (from T0) and whether it is a keyframe, in order. */
    final List<double[]> frames = new ArrayList<>();

    private Footage(TestClips.Video video, RecordedFootage recorded) {
        this.video = video;
        this.recorded = recorded;
        for (int i = 0; i < 100; i++) {
            frames.add(new double[] {i * FRAME, video.units().get(i).isKeyframe() ? 1 : 0});
        }
        for (int i = 0; i < 100; i++) {
            frames.add(new double[] {GAP_END + i * FRAME, video.units().get(i).isKeyframe() ? 1 : 0});
        }
    }

    /** Records the timeline, video only or with the clip's tone in {@code audio} alongside. */
    static Footage record(Path dir, Codec codec, int gop, Codec audio) throws Exception {
        TestClips.Video v = TestClips.video(codec, gop);
        TestClips.Audio a = audio == null ? null : TestClips.audio(audio);
        SegmentTracks tracks = new SegmentTracks(v.description(), a == null ? null : a.description());
        long split = v.units().get(50).pts90k();
        List<AccessUnit> first = new ArrayList<>(v.units().subList(0, 50));
        List<AccessUnit> second = new ArrayList<>(v.units().subList(50, 100));
        List<AccessUnit> whole = new ArrayList<>(v.units());
        if (a != null) {
            first = TestClips.interleave(first, a.units().stream().filter(u -> u.pts90k() < split).toList());
            second = TestClips.interleave(second, a.units().stream().filter(u -> u.pts90k() >= split).toList());
            whole = TestClips.interleave(whole, a.units());
        }
        RecordedFootage r = new RecordedFootage(dir)
                .record(tracks, first, Duration.ZERO)
                .record(tracks, second, Duration.ofSeconds(2))
                .record(tracks, whole, Duration.ofSeconds((long) GAP_END));
        return new Footage(v, r);
    }

    static Footage record(Path dir, Codec codec, int gop) throws Exception {
        return record(dir, codec, gop, null);
    }

    /** Frames a range [from, to) must hold: from the keyframe at or before {@code from} to the last before to. */
    int framesFromKeyframe(double from, double to) {
        int key = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i)[1] == 1 && frames.get(i)[0] <= from + 1e-9) {
                key = i;
            }
        }
        int n = 0;
        for (int i = key; i < frames.size(); i++) {
            n += frames.get(i)[0] < to - 1e-9 ? 1 : 0;
        }
        return n;
    }

    /** Frames on screen during [from, to): from the one showing at {@code from} to the last starting before to. */
    int framesShown(double from, double to) {
        int n = 0;
        for (double[] f : frames) {
            n += f[0] + FRAME > from + 1e-9 && f[0] < to - 1e-9 ? 1 : 0;
        }
        return n;
    }
}
