package io.xueliang.ingest.gb28181;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SsrcAllocatorTest {
    @Test
    void liveAndHistorySsrcsCarryTheKindAndTheDomainsFourthToEighthDigits() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");

        assertThat(ssrcs.allocate(false)).isEqualTo("0321000000");
        assertThat(ssrcs.allocate(false)).isEqualTo("0321000001");
        assertThat(ssrcs.allocate(true)).isEqualTo("1321000000");
        assertThat(SsrcAllocator.rtpSsrc("1321000000")).isEqualTo(1_321_000_000L);
    }

    @Test
    void aReleasedSsrcWaitsUntilEveryOtherNumberWasHandedOut() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");
        String first = ssrcs.allocate(false);
        ssrcs.release(first);

        Set<String> next = new HashSet<>();
        for (int i = 0; i < SsrcAllocator.NUMBERS - 1; i++) {
            next.add(ssrcs.allocate(false));
        }
        assertThat(next).doesNotContain(first).hasSize(SsrcAllocator.NUMBERS - 1);
        assertThat(ssrcs.allocate(false)).as("the only free one left").isEqualTo(first);
    }

    @Test
    void noSsrcInUseIsHandedOutTwiceAndExhaustionIsAClearError() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < SsrcAllocator.NUMBERS; i++) {
            assertThat(seen.add(ssrcs.allocate(true))).isTrue();
        }
        assertThatThrownBy(() -> ssrcs.allocate(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10000 recording SSRCs are in use");
        assertThat(ssrcs.allocate(false)).as("live numbers are their own").startsWith("0");
        ssrcs.release("1321005000");
        assertThat(ssrcs.allocate(true)).isEqualTo("1321005000");
    }

    @Test
    void foreignAndMalformedSsrcsAreIgnoredOnRelease() {
        SsrcAllocator ssrcs = new SsrcAllocator("4303210000");
        ssrcs.allocate(false);
        for (String s : new String[] {null, "", "0999990000", "03210000x0", "5321000000", "032100000"}) {
            ssrcs.release(s);
        }
        assertThat(ssrcs.inUse()).isEqualTo(1);
        assertThat(SsrcAllocator.rtpSsrc("99999999999")).isEqualTo(-1);
        assertThat(SsrcAllocator.rtpSsrc("9999999999")).as("above 32 bits").isEqualTo(-1);
        assertThat(SsrcAllocator.rtpSsrc("12a")).isEqualTo(-1);
    }
}
