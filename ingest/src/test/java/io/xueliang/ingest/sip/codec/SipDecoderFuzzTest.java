package io.xueliang.ingest.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.xueliang.ingest.rtsp.codec.NettyLeakCheck;
import io.xueliang.ingest.sip.SipMessage;
import io.xueliang.ingest.sip.SipParseException;
import io.xueliang.ingest.sip.SipRequest;
import io.xueliang.ingest.sip.SipResponse;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Fuzz target: what a GB/T 28181 device or platform sends us over UDP and TCP.
 * <pre>
 *   input = [mode (1)] [bytes ...]
 *   mode bit 7 set: one datagram (SipDatagramDecoder.decode); else a TCP stream written in slices of (mode + 1) bytes
 * </pre>
 * Only {@link SipParseException} may come out, also from the typed views and the answer helper on whatever was
 * decoded; every buffer written is released.
 */
public class SipDecoderFuzzTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 5060);
    private static int inputs;

    public static void fuzzerTestOneInput(byte[] data) throws InterruptedException {
        if (data.length == 0) {
            return;
        }
        if ((data[0] & 0x80) != 0) {
            ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes(data, 1, data.length - 1);
            try {
                SipMessage m = SipDatagramDecoder.decode(b, SipDecoderLimits.DEFAULTS);
                if (m != null) {
                    exercise(m);
                }
            } catch (SipParseException e) {
                e.answerable();
            } finally {
                b.release();
            }
        } else {
            stream(data, (data[0] & 0x7f) + 1);
        }
        if (++inputs % 20_000 == 0) {
            NettyLeakCheck.check();
        }
    }

    private static void stream(byte[] data, int slice) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(SipDecoderLimits.DEFAULTS));
        List<ByteBuf> written = new ArrayList<>();
        try {
            for (int i = 1; i < data.length; i += slice) {
                ByteBuf b = ByteBufAllocator.DEFAULT.buffer().writeBytes(data, i, Math.min(slice, data.length - i));
                written.add(b);
                ch.writeInbound(b);
                drain(ch);
            }
            ch.finish();
            drain(ch);
        } catch (SipParseException e) {
            e.answerable();
        } finally {
            ch.finishAndReleaseAll();
        }
        for (ByteBuf b : written) {
            if (b.refCnt() != 0) {
                throw new AssertionError("the decoder kept a written buffer (refCnt " + b.refCnt() + ")");
            }
        }
    }

    private static void drain(EmbeddedChannel ch) {
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            exercise((SipMessage) msg);
        }
    }

    /** Decoded messages must have readable mandatory headers; the optional views may only fail as SipParseException. */
    private static void exercise(SipMessage m) {
        m.topVia();
        m.cseq();
        m.callId();
        m.from();
        m.to();
        m.toString();
        m.headers().toString();
        tolerate(m::vias);
        tolerate(m::contacts);
        tolerate(m::contentType);
        tolerate(m::expires);
        tolerate(m::date);
        if (m instanceof SipRequest r) {
            tolerate(() -> SipResponse.answer(r, PEER, 200, null, "fuzz"));
            tolerate(r::requestUri);
        }
    }

    private static void tolerate(java.util.function.Supplier<?> view) {
        try {
            view.get();
        } catch (SipParseException e) {
            // the documented failure of a typed view on a header a peer garbled
        }
    }

    /** Seeded mutations of the golden messages and the codec table, many iterations, in this JVM. */
    @Test
    void seededMutationsOfGoldenMessagesOnlyEverFailAsSipParseException() throws Exception {
        List<byte[]> messages = messages();
        Random random = new Random(28181);
        for (int i = 0; i < 5_000; i++) {
            byte[] m = messages.get(random.nextInt(messages.size())).clone();
            m = mutate(m, random);
            byte[] input = new byte[m.length + 1];
            // half as datagrams, half as streams in 16..127-byte slices (every slice size is the decoder tests' job)
            input[0] = (byte) (random.nextBoolean() ? 0x80 : 15 + random.nextInt(112));
            System.arraycopy(m, 0, input, 1, m.length);
            try {
                fuzzerTestOneInput(input);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("iteration " + i + " input (base64) "
                        + java.util.Base64.getEncoder().encodeToString(input), e);
            }
        }
        NettyLeakCheck.check();
    }

    private static byte[] mutate(byte[] m, Random random) {
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> { // truncate
                return java.util.Arrays.copyOf(m, random.nextInt(m.length + 1));
            }
            case 1 -> { // flip some bytes
                for (int k = random.nextInt(8); k >= 0; k--) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                return m;
            }
            case 2 -> { // punctuation where it hurts
                byte[] marks = {':', ';', '<', '>', '"', '@', '/', ' ', '\r', '\n', ',', '=', '[', ']', '\t', '0'};
                for (int k = random.nextInt(6); k >= 0; k--) {
                    m[random.nextInt(m.length)] = marks[random.nextInt(marks.length)];
                }
                return m;
            }
            case 3 -> { // duplicate a slice (header repeats, lengths off)
                int from = random.nextInt(m.length);
                int len = random.nextInt(Math.min(200, m.length - from) + 1);
                int at = random.nextInt(m.length + 1);
                byte[] out = new byte[m.length + len];
                System.arraycopy(m, 0, out, 0, at);
                System.arraycopy(m, from, out, at, len);
                System.arraycopy(m, at, out, at + len, m.length - at);
                return out;
            }
            case 4 -> { // numbers go wild: Content-Length, CSeq, ports
                String s = new String(m, java.nio.charset.StandardCharsets.ISO_8859_1);
                String[] numbers = {"-1", "99999999999", "0", "65536", "2147483648", "", " 12 ", "1e3"};
                s = s.replaceFirst("\\d+", numbers[random.nextInt(numbers.length)]);
                return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            default -> { // two messages glued, the second cut
                byte[] out = java.util.Arrays.copyOf(m, m.length * 2 - random.nextInt(m.length));
                System.arraycopy(m, 0, out, m.length, out.length - m.length);
                return out;
            }
        }
    }

    /** Jazzer, coverage-guided, from the same seeds (bounded run of every build; -Dfuzz.runs for a campaign). */
    @Test
    void fuzzesTheSipDecoders() throws Exception {
        FuzzCampaign.of(SipDecoderFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(80 * 1024).run();
        NettyLeakCheck.check();
    }

    static List<byte[]> messages() throws IOException {
        List<byte[]> messages = new ArrayList<>(SipStreamDecoderTest.cases().map(Arguments::get).map(a -> (byte[]) a[1]).toList());
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/sip"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                messages.add(Files.readAllBytes(f));
            }
        }
        messages.removeIf(m -> m.length == 0);
        return messages;
    }

    /** Each message as a datagram and as a stream in 256- and 7-byte slices. */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (byte[] input : messages()) {
            for (int mode : new int[] {0x80, 0x7f, 6}) {
                byte[] seed = new byte[input.length + 1];
                seed[0] = (byte) mode;
                System.arraycopy(input, 0, seed, 1, input.length);
                seeds.add(seed);
            }
        }
        return seeds;
    }

    static {
        Unpooled.buffer(0); // load Netty before the first timed input
    }
}
