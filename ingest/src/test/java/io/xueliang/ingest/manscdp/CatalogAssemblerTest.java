package io.xueliang.ingest.manscdp;

import static io.xueliang.ingest.manscdp.ManscdpGolden.bytes;
import static io.xueliang.ingest.manscdp.ManscdpGolden.parser;
import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.ingest.manscdp.CatalogAssembler.Catalog;
import io.xueliang.media.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Catalog assembly across MESSAGEs, with the field's quirks, on a fake clock. */
class CatalogAssemblerTest {
    private static final String NVR = "43032100002000000001";
    private final FakeClock clock = new FakeClock();
    private final CatalogAssembler assembler = new CatalogAssembler(clock, Duration.ofSeconds(5), 1_000, 3);

    private static CatalogResponse golden(String name) throws ManscdpException {
        return (CatalogResponse) parser().parse(bytes(name));
    }

    private static CatalogResponse response(long sn, int sumNum, int... ids) {
        List<CatalogItem> items = new ArrayList<>();
        for (int id : ids) {
            items.add(CatalogItem.builder(String.format("430321000013%08d", id)).name("c" + id).build());
        }
        return new CatalogResponse(sn, NVR, sumNum, items);
    }

    @Test
    void hikvisionCatalogInThreePartsCompletesOnTheLast() throws Exception {
        assertThat(assembler.accept(golden("hikvision_catalog_part1_of_3.xml"))).isEmpty();
        assertThat(assembler.accept(golden("hikvision_catalog_part2_of_3.xml"))).isEmpty();
        Catalog c = assembler.accept(golden("hikvision_catalog_part3_of_3.xml")).orElseThrow();
        assertThat(c.completion()).isEqualTo(AssemblyCompletion.COMPLETE);
        assertThat(c.partial()).isFalse();
        assertThat(c.sn()).isEqualTo(17);
        assertThat(c.sumNum()).isEqualTo(5);
        assertThat(c.items()).extracting(CatalogItem::name)
                .containsExactly("湘潭县易俗河镇卡口", "易俗河大桥东向西", "天易大道与芙蓉路口", "河东收费站入口", "湘潭县人民医院门口");
        assertThat(assembler.assembling()).isZero();
    }

    @Test
    void messagesOutOfOrderAssembleTheSame() throws Exception {
        assertThat(assembler.accept(golden("hikvision_catalog_part3_of_3.xml"))).isEmpty();
        assertThat(assembler.accept(golden("hikvision_catalog_part1_of_3.xml"))).isEmpty();
        Catalog c = assembler.accept(golden("hikvision_catalog_part2_of_3.xml")).orElseThrow();
        assertThat(c.items()).hasSize(5).extracting(CatalogItem::deviceId).doesNotHaveDuplicates();
    }

    @Test
    void hikvisionRepeatedItemsAreCountedOnce() throws Exception {
        assertThat(assembler.accept(golden("hikvision_catalog_part1_of_3.xml"))).isEmpty();
        // repeats item 2 of part 1 beside items 3 and 4: 4 distinct, not 5
        assertThat(assembler.accept(golden("hikvision_catalog_repeated_item.xml"))).isEmpty();
        assertThat(assembler.counters().duplicateItems()).isEqualTo(1);
        Catalog c = assembler.accept(golden("hikvision_catalog_part3_of_3.xml")).orElseThrow();
        assertThat(c.completion()).isEqualTo(AssemblyCompletion.COMPLETE);
        assertThat(c.items()).hasSize(5);
    }

    @Test
    void dahuaSumNumTooLargeEndsPartialAfterTheQuietTimeout() throws Exception {
        assertThat(assembler.accept(golden("dahua_catalog_sumnum_too_large.xml"))).isEmpty();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(assembler.expire()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        List<Catalog> expired = assembler.expire();
        assertThat(expired).hasSize(1);
        Catalog c = expired.getFirst();
        assertThat(c.completion()).isEqualTo(AssemblyCompletion.TIMED_OUT);
        assertThat(c.partial()).isTrue();
        assertThat(c.sumNum()).isEqualTo(10);
        assertThat(c.items()).hasSize(3);
        assertThat(assembler.expire()).isEmpty();
        assertThat(assembler.counters().timedOut()).isEqualTo(1);
    }

    @Test
    void eachMessageRestartsTheQuietTime() {
        assembler.accept(response(1, 3, 1));
        clock.advance(Duration.ofSeconds(4));
        assembler.accept(response(1, 3, 2));
        clock.advance(Duration.ofSeconds(4));
        assertThat(assembler.expire()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(assembler.expire()).singleElement().satisfies(c -> assertThat(c.items()).hasSize(2));
    }

    @Test
    void aNewSnReplacesAnUnfinishedOneAndLateMessagesOfTheOldAreIgnored() {
        assertThat(assembler.accept(response(1, 3, 1, 2))).isEmpty();
        assertThat(assembler.accept(response(2, 2, 1))).isEmpty();
        assertThat(assembler.counters().replaced()).isEqualTo(1);
        assertThat(assembler.accept(response(1, 3, 3))).isEmpty(); // late part of SN 1
        assertThat(assembler.counters().lateMessages()).isEqualTo(1);
        Catalog c = assembler.accept(response(2, 2, 2)).orElseThrow();
        assertThat(c.sn()).isEqualTo(2);
        assertThat(c.items()).extracting(CatalogItem::name).containsExactly("c1", "c2");
        // a resent part of the finished catalog starts nothing
        assertThat(assembler.accept(response(2, 2, 2))).isEmpty();
        assertThat(assembler.assembling()).isZero();
    }

    @Test
    void itemsPerDeviceAreLimited() {
        CatalogAssembler small = new CatalogAssembler(clock, Duration.ofSeconds(5), 3, 3);
        assertThat(small.accept(response(1, 1_000_000, 1, 2))).isEmpty();
        Catalog c = small.accept(response(1, 1_000_000, 2, 3, 4, 5)).orElseThrow();
        assertThat(c.completion()).isEqualTo(AssemblyCompletion.TRUNCATED);
        assertThat(c.items()).hasSize(3);
        assertThat(small.assembling()).isZero();
    }

    @Test
    void devicesAssemblingAtOnceAreLimited() {
        for (int d = 0; d < 3; d++) {
            assembler.accept(new CatalogResponse(1, "dev" + d, 5, List.of()));
        }
        assertThat(assembler.accept(new CatalogResponse(1, "dev3", 1,
                List.of(CatalogItem.builder("x").build())))).isEmpty();
        assertThat(assembler.counters().refused()).isEqualTo(1);
        assertThat(assembler.assembling()).isEqualTo(3);
        assembler.forget("dev0");
        assertThat(assembler.accept(new CatalogResponse(1, "dev3", 1, List.of(CatalogItem.builder("x").build()))))
                .map(Catalog::completion).isEqualTo(Optional.of(AssemblyCompletion.COMPLETE));
    }

    @Test
    void emptyCatalogCompletesAtOnce() {
        assertThat(assembler.accept(response(1, 0))).map(Catalog::items).contains(List.of());
    }

    @Test
    void whatTheWriterSplitsTheAssemblerJoins() throws Exception {
        List<CatalogItem> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(ManscdpRoundTripTest.channel(i));
        }
        List<byte[]> bodies = new ManscdpWriter(ManscdpGolden.ZONE, BodyEncoding.GB2312_AS_GB18030)
                .catalogResponses(7, NVR, items, ManscdpWriter.TCP_MAX_BODY_BYTES, 100);
        Optional<Catalog> done = Optional.empty();
        for (int i = bodies.size() - 1; i >= 0; i--) { // backwards: out of order
            assertThat(done).isEmpty();
            done = assembler.accept((CatalogResponse) parser().parse(bodies.get(i)));
        }
        assertThat(done.orElseThrow().items()).containsExactlyInAnyOrderElementsOf(items);
    }
}
