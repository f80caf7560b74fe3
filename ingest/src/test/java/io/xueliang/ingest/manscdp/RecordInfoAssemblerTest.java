package io.xueliang.ingest.manscdp;

import static io.xueliang.ingest.manscdp.ManscdpGolden.bytes;
import static io.xueliang.ingest.manscdp.ManscdpGolden.parser;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.ingest.manscdp.RecordInfoAssembler.Recordings;
import io.xueliang.media.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A RecordInfo answer over several MESSAGEs, by the catalog's rules. */
class RecordInfoAssemblerTest {
    private static final String CHANNEL = "43032100001310000001";
    private static final Instant T0 = Instant.parse("2026-12-06T16:00:00Z");
    private final FakeClock clock = new FakeClock();
    private final RecordInfoAssembler assembler = new RecordInfoAssembler(clock, Duration.ofSeconds(5), 1_000, 10);

    private static RecordItem hour(int h, String path) {
        return new RecordItem(CHANNEL, "卡口", path, "", T0.plusSeconds(3600L * h), T0.plusSeconds(3600L * h + 3599),
                OptionalInt.of(0), "time", "", OptionalLong.empty());
    }

    @Test
    void recordingsSplitByTheWriterAreJoinedInAnyOrderOnce() throws Exception {
        List<RecordItem> items = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            items.add(hour(h, "f" + h));
        }
        List<byte[]> bodies = new ManscdpWriter(ManscdpGolden.ZONE).recordInfoResponses(9, CHANNEL, "卡口", items, 1400, 100);
        assertThat(bodies).hasSizeGreaterThan(3);
        Optional<Recordings> done = Optional.empty();
        // the first message twice (a retransmission), then the others backwards
        assertThat(assembler.accept((RecordInfoResponse) parser().parse(bodies.getFirst()))).isEmpty();
        assertThat(assembler.accept((RecordInfoResponse) parser().parse(bodies.getFirst()))).isEmpty();
        for (int i = bodies.size() - 1; i >= 1; i--) {
            assertThat(done).isEmpty();
            done = assembler.accept((RecordInfoResponse) parser().parse(bodies.get(i)));
        }
        assertThat(done.orElseThrow().items()).containsExactlyInAnyOrderElementsOf(items);
        assertThat(done.get().partial()).isFalse();
        assertThat(assembler.counters().duplicateItems()).isEqualTo(((RecordInfoResponse) parser().parse(bodies.getFirst())).items().size());
        // a retransmission after the end starts nothing
        assertThat(assembler.accept((RecordInfoResponse) parser().parse(bodies.getFirst()))).isEmpty();
        assertThat(assembler.counters().lateMessages()).isEqualTo(1);
        assertThat(assembler.assembling()).isZero();
    }

    @Test
    void sameTimesInAnotherFileAreAnotherRecording() {
        assertThat(assembler.accept(new RecordInfoResponse(1, CHANNEL, "", 3, List.of(hour(0, "a"), hour(0, "b"))))).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(assembler.expire()).singleElement().satisfies(r -> {
            assertThat(r.items()).hasSize(2);
            assertThat(r.completion()).isEqualTo(AssemblyCompletion.TIMED_OUT);
        });
    }

    @Test
    void hikvisionGoldenAnswerCompletesAlone() throws Exception {
        Recordings r = assembler.accept((RecordInfoResponse) parser().parse(bytes("hikvision_recordinfo_millis.xml"))).orElseThrow();
        assertThat(r.items()).hasSize(2);
        assertThat(r.completion()).isEqualTo(AssemblyCompletion.COMPLETE);
    }
}
