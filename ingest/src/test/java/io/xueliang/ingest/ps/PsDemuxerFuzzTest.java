package io.xueliang.ingest.ps;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.ingest.ts.TsAccessUnit;
import io.xueliang.ingest.ts.TsDemuxer;
import io.xueliang.ingest.ts.TsVideoType;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import io.xueliang.media.fuzz.FuzzCampaign;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: the program stream demuxer that reads what GB/T 28181 devices send. It never throws on bad input
 * (it counts what it skips), no video unit exceeds its frame limit, and every unit it hands out is well formed.
 * <pre>
 *   input = [feed size - 1 (1)] [mode (1)] [PS bytes ...], fed in pieces of that size;
 *   mode bit 0: endOfFrame() after every third piece (an RTP marker); bit 1: onLoss() before the sixth piece
 * </pre>
 */
public class PsDemuxerFuzzTest {
    /** The demuxer's frame limit here; small, so that inputs cross it. */
    private static final int MAX_FRAME_BYTES = 16 * 1024;
    private static final CameraId CAMERA = CameraId.of("34020000001320000001");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length < 2) {
            return;
        }
        int piece = (data[0] & 0xff) + 1;
        int mode = data[1];
        PsDemuxer demuxer = new PsDemuxer(CAMERA, MAX_FRAME_BYTES, CLOCK, PsDemuxerFuzzTest::check);
        int n = 0;
        for (int i = 2; i < data.length; i += piece, n++) {
            if ((mode & 2) != 0 && n == 5) {
                demuxer.onLoss();
            }
            demuxer.feed(data, i, Math.min(piece, data.length - i));
            if ((mode & 1) != 0 && n % 3 == 2) {
                demuxer.endOfFrame();
            }
        }
        demuxer.endOfFrame();
    }

    /** A unit within its limit, video as length-prefixed NAL units filling the payload exactly. */
    private static void check(AccessUnit unit) {
        if (!unit.isVideo()) {
            if (unit.size() > 65_535 + 8191) {
                throw new AssertionError("an audio unit of " + unit.size() + " bytes");
            }
            return;
        }
        if (unit.size() > MAX_FRAME_BYTES) {
            throw new AssertionError("a unit of " + unit.size() + " bytes passed a limit of " + MAX_FRAME_BYTES);
        }
        ByteBuffer p = unit.payload();
        while (p.hasRemaining()) {
            int length = p.remaining() >= 4 ? p.getInt() : -1;
            if (length <= 0 || length > p.remaining()) {
                throw new AssertionError("a unit whose NAL lengths do not fit: " + unit);
            }
            p.position(p.position() + length);
        }
    }

    @Test
    void fuzzesThePsDemuxer() throws Exception {
        FuzzCampaign.of(PsDemuxerFuzzTest.class).seeds(seeds()).regressionSeeds().maxLength(64 * 1024).run();
    }

    @Test
    void survivesRandomMutationsAndTruncationsAndRecoversOnTheNextKeyframe() throws Exception {
        List<AccessUnit> units = clipUnits("h264", 100); // keyframes at 0 and 50
        byte[] clean = PsStreams.concat(PsStreams.frames(new PsMuxer(Codec.H264, Codec.PCMA, 8000),
                PsClips.interleave(units, PsClips.g711Units(Codec.PCMA, 100))));
        AccessUnit last = units.get(units.size() - 1);
        Random random = new Random(28181);
        long damageCounted = 0;
        for (int round = 0; round < 60; round++) {
            byte[] mutated = mutate(clean, random);
            List<AccessUnit> out = new ArrayList<>();
            PsDemuxer d = new PsDemuxer(CAMERA, 256 * 1024, CLOCK, u -> {
                check2(u);
                out.add(u);
            });
            feedInRandomSlices(d, mutated, random);
            d.endOfFrame();
            damageCounted += d.bytesSkipped() + d.malformed() + d.droppedDamagedFrames() + d.truncatedPes()
                    + d.videoCounters().droppedAwaitingKey() + d.videoCounters().ignoredParameterSets();
            // a clean stream after the damage comes through from its keyframe on
            feedInRandomSlices(d, clean, random);
            d.endOfFrame();
            List<AccessUnit> video = PsStreams.video(out, true);
            assertThat(video).as("round %d", round).isNotEmpty();
            assertThat(video.get(video.size() - 1).copyPayload()).as("round %d: the last frame", round)
                    .isEqualTo(last.copyPayload());
        }
        assertThat(damageCounted).as("damage is counted").isPositive();
    }

    private static void check2(AccessUnit u) {
        if (u.isVideo() && u.size() > 256 * 1024) {
            throw new AssertionError(u.toString());
        }
        if (u.isVideo()) {
            ByteBuffer p = u.payload();
            while (p.hasRemaining()) {
                int length = p.getInt();
                assertThat(length).isPositive().isLessThanOrEqualTo(p.remaining());
                p.position(p.position() + length);
            }
        }
    }

    private static void feedInRandomSlices(PsDemuxer d, byte[] b, Random random) {
        for (int o = 0; o < b.length;) {
            int n = Math.min(b.length - o, 1 + random.nextInt(3000));
            d.feed(b, o, n);
            o += n;
        }
    }

    /** Flipped bytes, inserted garbage, a cut-out range, a repeated range or a truncation. */
    static byte[] mutate(byte[] b, Random random) {
        byte[] m = b.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int k = 0; k < 1 + random.nextInt(20); k++) {
                    m[random.nextInt(m.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> {
                int at = random.nextInt(m.length);
                byte[] garbage = new byte[1 + random.nextInt(500)];
                random.nextBytes(garbage);
                m = splice(m, at, at, garbage);
            }
            case 2 -> {
                int at = random.nextInt(m.length);
                m = splice(m, at, Math.min(m.length, at + 1 + random.nextInt(2000)), new byte[0]);
            }
            case 3 -> {
                int at = random.nextInt(m.length - 2000);
                m = splice(m, at, at, Arrays.copyOfRange(m, at, at + 1 + random.nextInt(2000)));
            }
            default -> m = Arrays.copyOf(m, random.nextInt(m.length));
        }
        return m;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, from);
        out.writeBytes(insert);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    /**
     * Small streams of every kind the demuxer reads: H.264 and H.265 with their real parameter sets (from the bundled
     * clips) and short slices, with G.711 or AAC audio, with and without maps, whole PES and split ones, fed in
     * several piece sizes and modes.
     */
    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String codec : List.of("h264", "h265")) {
            List<AccessUnit> video = tinyVideo(codec);
            Codec videoCodec = codec.equals("h264") ? Codec.H264 : Codec.H265;
            for (Codec audio : List.of(Codec.PCMA, Codec.AAC)) {
                List<AccessUnit> units = PsClips.interleave(video, audio == Codec.AAC
                        ? PsClips.syntheticAacUnits(video.size()) : PsClips.g711Units(audio, video.size()));
                byte[] ps = PsStreams.concat(PsStreams.frames(new PsMuxer(videoCodec, audio, 100), units));
                seeds.add(seed(255, 1, ps));
                seeds.add(seed(7, 2, PsVendorQuirksTest.withoutIds(ps, 0xBB, 0xBC)));
            }
            byte[] whole = PsStreams.concat(PsStreams.frames(new PsMuxer(videoCodec, null), video));
            seeds.add(seed(0, 3, whole));
        }
        return seeds;
    }

    private static byte[] seed(int piece, int mode, byte[] ps) {
        byte[] seed = new byte[ps.length + 2];
        seed[0] = (byte) piece;
        seed[1] = (byte) mode;
        System.arraycopy(ps, 0, seed, 2, ps.length);
        return seed;
    }

    /** A keyframe (the clip's parameter sets and 200 bytes of slice) and four small frames. */
    static List<AccessUnit> tinyVideo(String codec) throws IOException {
        AccessUnit key = clipUnits(codec, 1).get(0);
        boolean h264 = codec.equals("h264");
        StreamDescription d = key.description();
        List<byte[]> nals = new ArrayList<>();
        nals.addAll(d.vps());
        nals.addAll(d.sps());
        nals.addAll(d.pps());
        byte[] idr = new byte[200];
        Arrays.fill(idr, (byte) 0x5A);
        if (h264) {
            idr[0] = 0x65;
            idr[1] = (byte) 0x88;
        } else {
            idr[0] = 0x26;
            idr[1] = 0x01;
            idr[2] = (byte) 0xAF;
        }
        nals.add(idr);
        List<AccessUnit> units = new ArrayList<>();
        units.add(AccessUnit.handOver(CAMERA, d, 90_000, CLOCK.instant(), true, lengthPrefixed(nals)));
        for (int i = 1; i < 5; i++) {
            byte[] slice = new byte[30 + 10 * i];
            Arrays.fill(slice, (byte) (0x11 * i));
            if (h264) {
                slice[0] = 0x41;
                slice[1] = (byte) 0x9A;
            } else {
                slice[0] = 0x02;
                slice[1] = 0x01;
                slice[2] = (byte) 0xD0;
            }
            units.add(AccessUnit.handOver(CAMERA, d, 90_000 + 3600L * i, CLOCK.instant(), false,
                    lengthPrefixed(List.of(slice))));
        }
        return units;
    }

    /** The first {@code frames} access units of the bundled road clip, with its parameter sets as description. */
    static List<AccessUnit> clipUnits(String codec, int frames) throws IOException {
        byte[] ts;
        try (InputStream in = PsDemuxerFuzzTest.class.getResourceAsStream("/clips/road-720p-" + codec + ".ts")) {
            ts = in.readAllBytes();
        }
        List<TsAccessUnit> tsUnits = TsDemuxer.demuxAll(ts, 4 << 20);
        boolean h264 = tsUnits.get(0).type() == TsVideoType.H264;
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (byte[] nal : tsUnits.get(0).nalUnits()) {
            int type = h264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
            if (h264 ? type == 7 : type == 33) {
                sps.add(nal);
            } else if (h264 ? type == 8 : type == 34) {
                pps.add(nal);
            } else if (!h264 && type == 32) {
                vps.add(nal);
            }
        }
        StreamDescription d = h264 ? StreamDescription.h264(sps, pps, 1280, 720)
                : StreamDescription.h265(vps, sps, pps, 1280, 720);
        List<AccessUnit> units = new ArrayList<>();
        for (TsAccessUnit t : tsUnits.subList(0, frames)) {
            List<byte[]> nals = t.nalUnits().stream()
                    .filter(n -> h264 ? (n[0] & 0x1F) != 9 : ((n[0] >> 1) & 0x3F) != 35).toList();
            units.add(AccessUnit.handOver(CAMERA, d, t.pts90k(), CLOCK.instant(), t.keyframe(), lengthPrefixed(nals)));
        }
        return units;
    }

    static byte[] lengthPrefixed(List<byte[]> nals) {
        ByteBuffer b = ByteBuffer.allocate(nals.stream().mapToInt(n -> 4 + n.length).sum());
        nals.forEach(n -> b.putInt(n.length).put(n));
        return b.array();
    }
}
