package io.xueliang.storage.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.storage.fmp4.box.BoxHeader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovieFragmentEncoderTest {
    @Test
    void dataOffsetsPointPastTheMoofIntoEachRunsData() {
        TrackRun video = new TrackRun(1, 90_000, List.of(new FragmentSample(1000, 3600, true),
                new FragmentSample(200, 3600, false)));
        TrackRun audio = new TrackRun(2, 48_000, List.of(new FragmentSample(300, 1024, true)));
        Instant wall = Instant.parse("2026-03-01T08:00:01.250Z");
        byte[] head = MovieFragmentEncoder.encode(7, new ProducerReference(1, wall, 90_000), List.of(video, audio));
        ByteBuffer b = ByteBuffer.wrap(head);

        BoxHeader prft = BoxHeader.read(b, 0, head.length);
        assertThat(prft.type()).isEqualTo("prft");
        assertThat(ProducerReference.fromNtp(b.getLong(16))).isEqualTo(wall);
        b.position((int) prft.end());
        BoxHeader moof = BoxHeader.read(b, prft.end(), head.length - prft.end());
        b.position((int) moof.end());
        BoxHeader mdat = BoxHeader.read(b, moof.end(), Long.MAX_VALUE);
        assertThat(mdat.type()).isEqualTo("mdat");
        assertThat(mdat.end()).isEqualTo(head.length + 1500).as("mdat announces exactly the runs' data");

        // mfhd sequence, then per traf: tfhd, tfdt v1, trun with data offset relative to the moof
        ByteBuffer m = ByteBuffer.wrap(head, (int) moof.offset(), (int) moof.size()).slice();
        assertThat(m.getInt(8 + 12)).isEqualTo(7);
        int traf1 = 24;
        int trun1 = traf1 + 8 + 16 + 20;
        assertThat(new String(head, (int) moof.offset() + trun1 + 4, 4)).isEqualTo("trun");
        assertThat(m.getInt(trun1 + 12)).isEqualTo(2);
        assertThat(m.getInt(trun1 + 16)).isEqualTo((int) moof.size() + 8);
        assertThat(m.getInt(trun1 + 20 + 8)).isEqualTo(MovieFragmentEncoder.SYNC_SAMPLE_FLAGS);
        assertThat(m.getInt(trun1 + 20 + 12 + 8)).isEqualTo(MovieFragmentEncoder.NON_SYNC_SAMPLE_FLAGS);
        int traf2 = traf1 + m.getInt(traf1);
        int trun2 = traf2 + 8 + 16 + 20;
        assertThat(m.getLong(traf2 + 8 + 16 + 12)).isEqualTo(48_000);
        assertThat(m.getInt(trun2 + 16)).isEqualTo((int) moof.size() + 8 + 1200);
    }

    @Test
    void wallClockSurvivesTheNtpRoundTripToTheNanosecondItCanHold() {
        Instant t = Instant.parse("2036-02-07T06:28:15.999999999Z"); // just before NTP era 0 ends
        Instant back = ProducerReference.fromNtp(new ProducerReference(1, t, 0).ntpTimestamp());
        assertThat(java.time.Duration.between(t, back).abs().toNanos()).isLessThan(1);
    }
}
