package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fragment laid out across chunks: head, filler, samples and padding, as direct I/O needs them. */
class FragmentBufferTest {
    private static byte[] bytes(ByteBuffer[] slices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : slices) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    /**
     * @param estimate the head size the buffer was told to expect
     * @param head     the head's real size: within the estimate, beyond it, and beyond it by more than a block
     */
    @ParameterizedTest(name = "head {1} for an estimate of {0}, direct I/O {3}")
    @CsvSource({"600, 500, 3, true", "600, 900, 3, true", "100, 9000, 3, true", "600, 500, 3, false",
            "100, 9000, 1, false", "0, 100, 0, true"})
    void theHeadFillerSamplesAndPaddingComeOutInOrderAcrossChunks(int estimate, int head, int samples, boolean aligned) {
        FragmentMemory memory = new FragmentMemory();
        FragmentBuffer buffer = new FragmentBuffer(memory);
        buffer.begin(estimate);
        Random random = new Random(estimate + head);
        ByteArrayOutputStream expectedSamples = new ByteArrayOutputStream();
        for (int i = 0; i < samples; i++) {
            byte[] sample = new byte[70_000 + i * 10_000]; // each spans a chunk boundary
            random.nextBytes(sample);
            expectedSamples.writeBytes(sample);
            buffer.putSample(ByteBuffer.wrap(sample).asReadOnlyBuffer());
        }
        byte[] headBytes = new byte[head];
        random.nextBytes(headBytes);
        int filler = buffer.fillerFor(head, aligned);
        ByteBuffer[] slices = buffer.fragment(headBytes, filler, aligned);
        byte[] written = bytes(slices);

        ByteBuffer w = ByteBuffer.wrap(written);
        byte[] gotHead = new byte[head];
        w.get(gotHead);
        assertThat(gotHead).isEqualTo(headBytes);
        for (int i = 0; i < filler; i++) {
            assertThat(w.get()).isZero();
        }
        byte[] gotSamples = new byte[expectedSamples.size()];
        w.get(gotSamples);
        assertThat(gotSamples).isEqualTo(expectedSamples.toByteArray());
        if (aligned) {
            assertThat(written.length % FragmentBuffer.BLOCK).isZero();
            for (ByteBuffer s : slices) {
                assertThat(s.remaining() % FragmentBuffer.BLOCK).as("every piece of a direct write").isZero();
            }
            if (w.hasRemaining()) {
                assertThat(w.getInt()).as("free box size").isEqualTo(written.length - w.position() + 4);
                assertThat(new String(new byte[] {w.get(), w.get(), w.get(), w.get()})).isEqualTo("free");
            }
        } else {
            assertThat(filler).isZero();
            assertThat(w.hasRemaining()).isFalse();
        }
        buffer.release();
        assertThat(memory.inUseBytes()).as("chunks given back").isZero();
        assertThat(memory.allocatedBytes()).isPositive();
    }
}
