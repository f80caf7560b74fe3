package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.ingest.sdp.gb28181.GbSsrc;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SsrcAllocatorTest {
    @Test
    void liveAndHistorySsrcsCarryTheKindAndTheDomainsFourthToEighthDigits() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");

        assertThat(ssrcs.allocate(false)).hasToString("0321000000");
        assertThat(ssrcs.allocate(false)).hasToString("0321000001");
        assertThat(ssrcs.allocate(true)).hasToString("1321000000");
    }

    @Test
    void aReleasedSsrcWaitsUntilEveryOtherNumberWasHandedOut() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");
        GbSsrc first = ssrcs.allocate(false);
        ssrcs.release(first);

        Set<GbSsrc> next = new HashSet<>();
        for (int i = 0; i < SsrcAllocator.NUMBERS - 1; i++) {
            next.add(ssrcs.allocate(false));
        }
        assertThat(next).doesNotContain(first).hasSize(SsrcAllocator.NUMBERS - 1);
        assertThat(ssrcs.allocate(false)).as("the only free one left").isEqualTo(first);
    }

    @Test
    void noSsrcInUseIsHandedOutTwiceAndExhaustionIsAClearError() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");
        Set<GbSsrc> seen = new HashSet<>();
        for (int i = 0; i < SsrcAllocator.NUMBERS; i++) {
            assertThat(seen.add(ssrcs.allocate(true))).isTrue();
        }
        assertThatThrownBy(() -> ssrcs.allocate(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10000 recording SSRCs are in use");
        assertThat(ssrcs.allocate(false).isHistory()).as("live numbers are their own").isFalse();
        ssrcs.release(GbSsrc.parse("1321005000"));
        assertThat(ssrcs.allocate(true)).hasToString("1321005000");
    }

    @Test
    void aDevicesOwnSsrcIsIgnoredOnRelease() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");
        ssrcs.allocate(false);
        for (String s : new String[] {"0999990000", "2321000000", "1321000000", "1"}) {
            ssrcs.release(GbSsrc.parse(s));
        }
        assertThat(ssrcs.inUse()).isEqualTo(1);
    }
}
