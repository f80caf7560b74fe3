package io.xueliang.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamHubTest {
    private static final CameraId CAM = CameraId.of("cam1");
    private static final StreamDescription H264 = StreamDescription.h264(List.of(new byte[] {0x67}), List.of(new byte[] {0x68}), 1280, 720);
    private static final StreamDescription AAC = StreamDescription.audio(Codec.AAC, 16000, 1, new byte[] {0x14, 0x08});

    private static AccessUnit video(long pts, boolean key) {
        return AccessUnit.copyOf(CAM, H264, pts, Instant.EPOCH, key, new byte[] {0, 0, 0, 1, (byte) (key ? 0x65 : 0x41)});
    }

    private static AccessUnit audio(long pts) {
        return AccessUnit.copyOf(CAM, AAC, pts, Instant.EPOCH, true, new byte[] {1, 2});
    }

    private static List<Long> drain(StreamReader r) {
        List<Long> out = new ArrayList<>();
        for (AccessUnit u; (u = r.poll()) != null; ) {
            out.add(u.pts90k());
        }
        return out;
    }

    @Test
    void newReaderStartsAtTheNextKeyframe() {
        StreamHub hub = new StreamHub(CAM);
        StreamReader r = hub.subscribe("rec", 10);
        hub.publish(video(0, false));
        hub.publish(audio(1));
        hub.publish(video(2, true));
        hub.publish(audio(3));
        hub.publish(video(4, false));
        assertThat(drain(r)).containsExactly(2L, 3L, 4L);
        assertThat(r.dropped()).isEqualTo(2);
    }

    @Test
    void slowReaderDropsToNextKeyframeWithoutTouchingOthers() {
        StreamHub hub = new StreamHub(CAM);
        StreamReader slow = hub.subscribe("slow", 3);
        StreamReader fast = hub.subscribe("fast", 100);
        List<Long> fastSeen = new ArrayList<>();
        // GOP of 4: key at 0, 4, 8
        for (long pts = 0; pts < 11; pts++) {
            hub.publish(video(pts, pts % 4 == 0));
            fastSeen.addAll(drain(fast));
        }
        assertThat(fastSeen).hasSize(11);
        assertThat(fast.dropped()).isZero();
        // slow queued 0,1,2; 3 overflows -> drop 0..3, wait; 4 key -> 4,5,6; 7 overflows; 8 key ...
        assertThat(drain(slow)).containsExactly(8L, 9L, 10L);
        assertThat(slow.overflows()).isEqualTo(2);
        assertThat(slow.dropped()).isEqualTo(8);
    }

    @Test
    void aReaderBoundedInBytesOverflowsBeforeItsUnitCountIsReached() {
        StreamHub hub = new StreamHub(CAM);
        // Units of 5 bytes; 12 bytes hold two of them, whatever the unit count allows.
        StreamReader r = hub.subscribe("rec", 100, 12);
        for (long pts = 0; pts < 6; pts++) {
            hub.publish(video(pts, pts % 3 == 0)); // keys at 0 and 3
        }
        // 0,1 queued; 2 would pass 12 bytes -> overflow, wait for a key; 3 key -> 3,4; 5 overflows again.
        assertThat(r.overflows()).isEqualTo(2);
        assertThat(drain(r)).isEmpty();
        hub.publish(video(6, true));
        hub.publish(video(7, false));
        assertThat(drain(r)).containsExactly(6L, 7L);
        hub.publish(video(8, false));
        hub.publish(video(9, false));
        assertThat(drain(r)).as("bytes released as units are taken").containsExactly(8L, 9L);
        assertThat(r.overflows()).isEqualTo(2);
    }

    @Test
    void readersSharingABudgetLendEachOtherWhatTheyDoNotHoldAndGiveItBack() {
        StreamHub a = new StreamHub(CAM);
        StreamHub b = new StreamHub(CameraId.of("cam2"));
        QueueBudget budget = new QueueBudget(20); // four units of 5 bytes, for both readers together
        StreamReader ra = a.subscribe("rec", 100, 1000, budget);
        StreamReader rb = b.subscribe("rec", 100, 1000, budget);
        for (long pts = 0; pts < 4; pts++) {
            a.publish(video(pts, pts == 0));
        }
        assertThat(budget.used()).as("one reader may take all that is free").isEqualTo(20);
        b.publish(AccessUnit.copyOf(b.camera(), H264, 0, Instant.EPOCH, true, new byte[] {0, 0, 0, 1, 0x65}));
        assertThat(rb.queued()).as("a reader with nothing queued always gets one unit").isEqualTo(1);
        a.publish(video(4, false));
        assertThat(ra.overflows()).as("the budget is spent: a's fifth unit overflows").isEqualTo(1);
        assertThat(budget.used()).isEqualTo(5);
        assertThat(drain(rb)).containsExactly(0L);
        assertThat(budget.used()).as("bytes given back as units are taken").isZero();
        for (long pts = 8; pts < 12; pts++) {
            a.publish(video(pts, pts == 8));
        }
        assertThat(drain(ra)).containsExactly(8L, 9L, 10L, 11L);
        a.publish(video(12, true));
        ra.close();
        assertThat(budget.used()).as("closing gives back what was queued").isZero();
    }

    @Test
    void overflowOnAKeyframeRestartsFromThatKeyframe() {
        StreamHub hub = new StreamHub(CAM);
        StreamReader r = hub.subscribe("r", 2);
        hub.publish(video(0, true));
        hub.publish(video(1, false));
        hub.publish(video(2, true));
        assertThat(drain(r)).containsExactly(2L);
        assertThat(r.dropped()).isEqualTo(2);
    }

    @Test
    void wakesReaderAndForgetsItWhenClosed() {
        StreamHub hub = new StreamHub(CAM);
        StreamReader r = hub.subscribe("r", 4);
        AtomicInteger wakeups = new AtomicInteger();
        r.onAvailable(wakeups::incrementAndGet);
        hub.publish(video(0, true));
        hub.publish(video(1, false));
        assertThat(wakeups).hasValue(2);
        r.close();
        assertThat(hub.readers()).isEmpty();
        hub.publish(video(2, true));
        assertThat(r.poll()).isNull();
        assertThat(hub.published()).isEqualTo(3);
        assertThat(hub.videoDescription()).isEqualTo(H264);
    }

    @Test
    void keepsTheLatestKeyframeOfTheRunningStreamOnly() {
        StreamHub hub = new StreamHub(CAM);
        assertThat(hub.latestKeyframe()).isNull();
        Instant t = Instant.parse("2026-12-07T08:00:00Z");
        hub.publish(at(video(0, false), t));
        assertThat(hub.latestKeyframe()).isNull();
        AccessUnit key = at(video(1, true), t.plusMillis(40));
        hub.publish(key);
        hub.publish(at(video(2, false), t.plusMillis(80)));
        hub.publish(audio(3));
        assertThat(hub.latestKeyframe()).satisfies(k -> same(k, key));
        AccessUnit next = at(video(4, true), t.plusMillis(2_080));
        hub.publish(next);
        assertThat(hub.latestKeyframe()).satisfies(k -> same(k, next));
        // A picture after a pause longer than the stale gap: the kept keyframe is from before the outage.
        hub.publish(at(video(5, false), t.plusMillis(2_080).plus(StreamHub.STALE_GAP).plusMillis(1)));
        assertThat(hub.latestKeyframe()).isNull();
        AccessUnit after = at(video(6, true), t.plusSeconds(10));
        hub.publish(after);
        assertThat(hub.latestKeyframe()).satisfies(k -> same(k, after));
        byte[] large = new byte[100_000];
        new java.util.Random(7).nextBytes(large);
        AccessUnit bigger = AccessUnit.handOver(CAM, H264, 8, t.plusSeconds(12), true, large);
        hub.publish(bigger);
        assertThat(hub.latestKeyframe()).as("a larger keyframe than the buffer held").satisfies(k -> same(k, bigger));
        hub.ended();
        assertThat(hub.latestKeyframe()).as("the camera session closed").isNull();

        StreamHub keepsNone = new StreamHubs(16, false).hub(CAM);
        keepsNone.publish(at(video(7, true), t.plusSeconds(20)));
        assertThat(keepsNone.latestKeyframe()).as("ingest.keepKeyframes: false").isNull();
    }

    /** The hub keeps a copy, off the heap: the same picture, time and parameters. */
    private static void same(AccessUnit kept, AccessUnit published) {
        assertThat(kept.isKeyframe()).isTrue();
        assertThat(kept.pts90k()).isEqualTo(published.pts90k());
        assertThat(kept.wallClock()).isEqualTo(published.wallClock());
        assertThat(kept.description()).isSameAs(published.description());
        assertThat(kept.copyPayload()).isEqualTo(published.copyPayload());
    }

    private static AccessUnit at(AccessUnit u, Instant wallClock) {
        byte[] payload = new byte[u.size()];
        u.payload().get(payload);
        return AccessUnit.handOver(u.camera(), u.description(), u.pts90k(), wallClock, u.isKeyframe(), payload);
    }

    @Test
    void refusesUnitsOfAnotherCamera() {
        StreamHub hub = new StreamHub(CameraId.of("other"));
        assertThatThrownBy(() -> hub.publish(video(0, true))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cameraIdsAcceptGbCodesAndSafeNamesOnly() {
        assertThat(CameraId.of("43032100001210000001").isGb28181()).isTrue();
        assertThat(CameraId.of("cam-1.b_2").isGb28181()).isFalse();
        for (String bad : List.of("", "-x", "a/b", "a b", "x".repeat(65), "名字")) {
            assertThatThrownBy(() -> CameraId.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readersTakeTheConfiguredQueueSizeUnlessTheyAskForTheirOwn() {
        StreamHubs hubs = new StreamHubs(2);
        StreamHub hub = hubs.hub(CAM);
        assertThat(hubs.hub(CAM)).isSameAs(hub);
        StreamReader small = hub.subscribe("default");
        StreamReader big = hub.subscribe("own", 10);
        for (long pts = 0; pts < 3; pts++) {
            hub.publish(video(pts, pts == 0));
        }
        assertThat(small.overflows()).isEqualTo(1);
        assertThat(big.queued()).isEqualTo(3);
    }
}
