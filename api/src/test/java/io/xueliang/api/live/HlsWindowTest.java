package io.xueliang.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.storage.fmp4.LiveFragmenter.Chunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** LL-HLS packaging of a channel's fragments: parts, segments at keyframes, the window, waits, new parameters. */
class HlsWindowTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    /** 25 fps. */
    private static final int FRAME = 3_600;

    private static Chunk init(int version) {
        return new Chunk(Chunk.Kind.INIT, new byte[] {'i', (byte) version}, true, T0, 0, 0, "avc1.4d401f");
    }

    /** Picture {@code n} of a 25 fps camera with a keyframe every {@code gop} pictures; its bytes say which it is. */
    private static Chunk picture(int n, int gop) {
        byte[] b = {(byte) (n >> 8), (byte) n};
        return new Chunk(Chunk.Kind.FRAGMENT, b, n % gop == 0, T0.plusMillis(40L * n), (long) n * FRAME, FRAME,
                "avc1.4d401f");
    }

    private static String playlist(HlsWindow w) {
        return w.playlist(f -> f + "?t").orElseThrow();
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void partsOfAtMostHalfASecondMakeSegmentsThatStartAtKeyframes() {
        HlsWindow w = new HlsWindow();
        w.send(init(1));
        for (int n = 0; n < 50 * 3 + 10; n++) { // three 2 s GOPs and a bit
            w.send(picture(n, 50));
        }
        String p = playlist(w);
        assertThat(p).contains("#EXT-X-TARGETDURATION:4\n", "#EXT-X-MEDIA-SEQUENCE:0\n",
                "#EXT-X-MAP:URI=\"init1.mp4?t\"", "#EXT-X-PROGRAM-DATE-TIME:2026-12-07T08:00:00Z\n");
        assertThat(all(p, "#EXTINF:([0-9.]+),")).containsExactly("2.000", "2.000", "2.000");
        // At most the part target; shorter only at a segment's end (50 pictures are 10 parts of 5).
        assertThat(all(p, "#EXT-X-PART:DURATION=([0-9.]+)")).allSatisfy(d -> assertThat(d).isEqualTo("0.200"));
        assertThat(p).contains("URI=\"s3.0.m4s?t\",INDEPENDENT=YES").doesNotContain("s3.1.m4s,INDEPENDENT");
        // A segment is its parts side by side, and its parts are the pictures in order.
        byte[] s1 = w.segment(1).orElseThrow();
        assertThat(s1).hasSize(50 * 2);
        assertThat(s1[1]).isEqualTo((byte) 50);
        assertThat(w.part(1, 0).orElseThrow()).hasSize(5 * 2);
        assertThat(w.part(1, 99)).isEmpty();
        assertThat(w.init(1)).isPresent();
        assertThat(w.init(2)).isEmpty();
    }

    @Test
    void onlyTheLastSegmentsAreKeptAndNoPictureBeforeTheFirstKeyframe() {
        HlsWindow w = new HlsWindow();
        w.send(init(1));
        for (int n = 7; n < 25 * 3; n++) { // joins mid-GOP: pictures 7..24 have no keyframe before them
            w.send(picture(n, 25));
        }
        assertThat(w.segment(0).orElseThrow()[1]).as("the first segment starts at picture 25").isEqualTo((byte) 25);
        for (int n = 25 * 3; n < 25 * 20; n++) {
            w.send(picture(n, 25));
        }
        String p = playlist(w);
        assertThat(all(p, "#EXTINF:([0-9.]+),")).hasSize(HlsWindow.SEGMENTS_KEPT);
        assertThat(all(p, "#EXTINF:([0-9.]+),")).allSatisfy(d -> assertThat(d).isEqualTo("1.000"));
        assertThat(p).doesNotContain("s0.m4s");
        assertThat(w.segment(0)).as("gone from the window").isEmpty();
    }

    @Test
    void aBlockingReloadWaitsForItsPartAndNewParametersStartADiscontinuity() {
        HlsWindow w = new HlsWindow();
        w.send(init(1));
        for (int n = 0; n < 30; n++) {
            w.send(picture(n, 25));
        }
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        Runnable gaveUp = timedOut::incrementAndGet;
        assertThat(w.has(1, 1)).isFalse();
        assertThat(w.whenReady(1, 1, woken::incrementAndGet)).isTrue();
        assertThat(w.whenReady(1, 1, gaveUp)).isTrue();
        w.forget(gaveUp); // its request was answered by the timeout: the part must not answer it again
        for (int n = 30; n < 34; n++) {
            w.send(picture(n, 25));
        }
        assertThat(woken).hasValue(0);
        for (int n = 34; n < 45; n++) {
            w.send(picture(n, 25));
        }
        assertThat(woken).as("part 1 of segment 1 closed").hasValue(1);
        assertThat(timedOut).as("forgotten").hasValue(0);
        w.send(init(2)); // new parameters: the next keyframe starts a new init and a discontinuity
        for (int n = 0; n < 60; n++) {
            w.send(picture(n, 25));
        }
        String p = playlist(w);
        assertThat(p).contains("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init2.mp4?t\"");
        assertThat(w.init(2)).isPresent();
        assertThat(w.nextSequence()).isEqualTo(5);
    }
}
