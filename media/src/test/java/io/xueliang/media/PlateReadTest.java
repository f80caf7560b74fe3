package io.xueliang.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlateReadTest {
    @Test
    void newIdsAreVersion7UuidsInTimeOrder() {
        Random random = new Random(7);
        Instant t = Instant.parse("2026-12-07T08:00:00.123Z");
        UUID id = PlateRead.newId(t, random);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(t.toEpochMilli());
        UUID later = PlateRead.newId(t.plusMillis(1), random);
        assertThat(Long.compareUnsigned(later.getMostSignificantBits(), id.getMostSignificantBits())).isPositive();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(PlateRead.newId(t, random));
        }
        assertThat(ids).as("ids of one millisecond differ in their random bits").hasSize(10_000);
    }

    @Test
    void normalisesAsPlatesAreCompared() {
        assertThat(PlateRead.normalise("湘f·11370")).isEqualTo("湘F11370");
        assertThat(PlateRead.normalise("AB-12 3")).isEqualTo("AB123");
    }
}
