package io.xueliang.ingest.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class AccessUnitBufferTest {
    /**
     * A 140 KB keyframe of a 2 Mbit/s camera, assembled from 1,400-byte FU-A fragments: the buffer keeps about that
     * size for the session, not the next power of two (256 KiB, a quarter of a gigabyte of heap at 1,000 cameras).
     */
    @Test
    void growsToALargeUnitWithoutDoublingPastIt() {
        AccessUnitBuffer buffer = new AccessUnitBuffer(4 << 20);
        ByteBuf fragment = Unpooled.wrappedBuffer(new byte[1400]);
        int start = buffer.beginNal();
        for (int written = 0; written < 140_000; written += 1400) {
            buffer.write(fragment, 0, 1400);
        }
        buffer.endNal(start);
        assertThat(buffer.size()).isEqualTo(140_004);
        assertThat(buffer.array().length).isGreaterThanOrEqualTo(140_004).isLessThanOrEqualTo(180 * 1024);
        assertThat(buffer.copyOut(new byte[0], 0)).hasSize(140_004);
    }

    @Test
    void neverGrowsPastItsLimit() {
        AccessUnitBuffer buffer = new AccessUnitBuffer(100_000);
        ByteBuf fragment = Unpooled.wrappedBuffer(new byte[1400]);
        for (int i = 0; i < 100; i++) {
            buffer.write(fragment, 0, 1400);
        }
        assertThat(buffer.oversized()).isTrue();
        assertThat(buffer.array().length).isLessThanOrEqualTo(100_000);
    }
}
