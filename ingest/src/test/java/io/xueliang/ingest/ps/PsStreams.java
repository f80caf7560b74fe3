package io.xueliang.ingest.ps;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.media.AccessUnit;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Muxing, splicing and comparing helpers shared by the PS tests. */
final class PsStreams {
    private PsStreams() {
    }

    /** Each unit's PS bytes, in order. */
    static List<byte[]> frames(PsMuxer muxer, List<AccessUnit> units) {
        List<byte[]> out = new ArrayList<>();
        for (AccessUnit u : units) {
            out.add(muxer.mux(u));
        }
        return out;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Same codec, time, keyframe flag, payload bytes and parameters, in the same order. */
    static void assertSameUnits(List<AccessUnit> actual, List<AccessUnit> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            AccessUnit a = actual.get(i);
            AccessUnit e = expected.get(i);
            assertThat(a.codec()).as("unit %d codec", i).isEqualTo(e.codec());
            assertThat(a.pts90k()).as("unit %d pts", i).isEqualTo(e.pts90k());
            assertThat(a.isKeyframe()).as("unit %d keyframe", i).isEqualTo(e.isKeyframe());
            assertThat(a.copyPayload()).as("unit %d payload", i).isEqualTo(e.copyPayload());
            assertThat(a.description()).as("unit %d description", i).isEqualTo(e.description());
        }
    }

    /** The units of one kind (video or audio). */
    static List<AccessUnit> video(List<AccessUnit> units, boolean video) {
        return units.stream().filter(u -> u.isVideo() == video).toList();
    }
}
