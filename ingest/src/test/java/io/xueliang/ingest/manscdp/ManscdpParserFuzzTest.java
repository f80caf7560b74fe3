package io.xueliang.ingest.manscdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.fuzz.FuzzCampaign;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: MANSCDP bodies as devices and platforms send them. Only {@link ManscdpException} may
 * leave the parser; whatever it returns must be writable again.
 */
public class ManscdpParserFuzzTest {
    private static final ManscdpParser PARSER = ManscdpGolden.parser();
    private static final ManscdpWriter WRITER = new ManscdpWriter(ManscdpGolden.ZONE, BodyEncoding.GB2312_AS_GB18030);
    private static final byte[][] TOKENS = {
            "<".getBytes(), ">".getBytes(), "</".getBytes(), "&".getBytes(), "&lt;".getBytes(), "<![CDATA[".getBytes(),
            "<!DOCTYPE a [<!ENTITY e \"x\">]>".getBytes(), "<Item>".getBytes(), "</Item>".getBytes(), "<SN>".getBytes(),
            "-1".getBytes(), "99999999999999999999".getBytes(), "NaN".getBytes(), "\u0000".getBytes(),
            "湘潭".getBytes(ManscdpCharset.GB18030), "湘潭".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "encoding=\"UTF-8\"".getBytes(), "<PTZCmd>A50F0100000000B5</PTZCmd>".getBytes(), "2026-02-30T25:61:61".getBytes()};

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            ManscdpMessage m = PARSER.parse(data);
            m.toString();
            WRITER.write(m);
        } catch (ManscdpException e) {
            // the documented failure: the SIP layer answers 400
        }
    }

    @Test
    void seededMutationsOfTheGoldenBodiesGiveOnlyTheTypedException() {
        SplittableRandom random = new SplittableRandom(28181);
        List<byte[]> seeds = seeds();
        int parsed = 0;
        int refused = 0;
        for (int run = 0; run < 20_000; run++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                WRITER.write(PARSER.parse(input));
                parsed++;
            } catch (ManscdpException e) {
                assertThat(e.reason()).isNotNull();
                refused++;
            }
        }
        // the mutations reach both sides: a fuzzer that only ever fails parsing tests nothing
        assertThat(parsed).isGreaterThan(500);
        assertThat(refused).isGreaterThan(500);
    }

    @Test
    void fuzzesManscdp() throws Exception {
        FuzzCampaign.of(ManscdpParserFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(32 * 1024).run();
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : ManscdpGolden.names()) {
            seeds.add(ManscdpGolden.bytes(name));
        }
        return seeds;
    }

    /** One to four byte flips, deletions, duplications, insertions of XML tokens, or cuts. */
    static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
                case 2 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(16));
                    b = concat(slice(b, 0, at), slice(b, at + len, b.length));
                }
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(64));
                    b = concat(concat(slice(b, 0, at + len), slice(b, at, at + len)), slice(b, at + len, b.length));
                }
                case 4 -> b = concat(concat(slice(b, 0, at), TOKENS[random.nextInt(TOKENS.length)]), slice(b, at, b.length));
                default -> b = slice(b, 0, at);
            }
        }
        return b;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, out, a.length, c.length);
        return out;
    }
}
