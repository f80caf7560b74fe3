package io.xueliang.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlateReadTest {
    @Test
    void timeOrderedIdsAreVersion7AndSortByTheReadsTime() {
        Instant t = Instant.parse("2026-12-07T05:30:00.123Z");
        UUID a = PlateRead.timeOrderedId(t);
        UUID b = PlateRead.timeOrderedId(t.plusMillis(1));
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a.getMostSignificantBits() >>> 16).isEqualTo(t.toEpochMilli());
        // a store's index compares the 16 bytes unsigned, big-endian: the later read sorts after
        assertThat(Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits())).isNegative();
        assertThat(PlateRead.timeOrderedId(t)).isNotEqualTo(a);
        assertThat(PlateRead.timeOrderedId(t, 1, 2)).isEqualTo(PlateRead.timeOrderedId(t, 1, 2));
    }
}
