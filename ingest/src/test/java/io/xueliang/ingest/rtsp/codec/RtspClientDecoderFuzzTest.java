package io.xueliang.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fuzz target: what a camera sends on its RTSP connection (RFC 2326 answers and requests, '$' interleaved frames).
 * <pre>
 *   input = [slice size - 1 (1)] [bytes ...], written to the decoder in slices of that size
 * </pre>
 * Only {@link RtspDecoderException} may come out; every buffer written and decoded is released.
 */
public class RtspClientDecoderFuzzTest {
    private static int inputs;

    public static void fuzzerTestOneInput(byte[] data) throws InterruptedException {
        if (data.length == 0) {
            return;
        }
        int slice = (data[0] & 0xff) + 1;
        EmbeddedChannel ch = new EmbeddedChannel(new RtspClientDecoder(RtspDecoderLimits.DEFAULTS));
        List<ByteBuf> written = new ArrayList<>();
        try {
            for (int i = 1; i < data.length && ch.isOpen(); i += slice) {
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes(data, i, Math.min(slice, data.length - i));
                written.add(b);
                ch.writeInbound(b);
                drain(ch);
            }
            ch.finish();
            drain(ch);
        } catch (RtspDecoderException e) {
            // the documented failure: the camera's session ends with it
        } finally {
            ch.finishAndReleaseAll();
        }
        for (ByteBuf b : written) {
            if (b.refCnt() != 0) {
                throw new AssertionError("the decoder kept a written buffer (refCnt " + b.refCnt() + ")");
            }
        }
        if (++inputs % 20_000 == 0) {
            NettyLeakCheck.check();
        }
    }

    private static void drain(EmbeddedChannel ch) {
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            if (msg instanceof InterleavedFrame frame) {
                frame.payload().readableBytes();
                frame.release();
            } else {
                msg.toString();
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @Test
    void fuzzesTheRtspDecoder() throws Exception {
        FuzzCampaign.of(RtspClientDecoderFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(80 * 1024).run();
        NettyLeakCheck.check();
    }

    /** The decoder tests' case table and the vendors' answers of the golden files, whole and in 7-byte slices. */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> inputs = new ArrayList<>(RtspClientDecoderTest.cases().map(Arguments::get).map(a -> (byte[]) a[1])
                .toList());
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/rtsp"))) {
            for (Path f : files.sorted().toList()) {
                inputs.add(Files.readAllBytes(f));
            }
        }
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] input : inputs) {
            for (int slice : new int[] {256, 7}) {
                byte[] seed = new byte[input.length + 1];
                seed[0] = (byte) (slice - 1);
                System.arraycopy(input, 0, seed, 1, input.length);
                seeds.add(seed);
            }
        }
        return seeds;
    }
}
